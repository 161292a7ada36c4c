"""Issue 12: any text keeps the map usable on a phone. A city whose name (and
status) is one very long word gets a popup that stays inside the map, breaks
the word, scrolls when taller than the map, and keeps its close button where a
finger can reach it; its label breaks too, and the page never scrolls sideways."""

from __future__ import annotations

import pytest
import yaml
from checks.leaflet import MARKERS, TRACK_MAPS, reveal, still
from checks.mobile import NARROW, overflow_problems
from conftest import build_ok, copy_content, serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

LANGS = ["kk", "ru"]
PHONE = {"width": NARROW, "height": 640}


def long_word(lang: str) -> str:
    return ("Қолөнершілер" if lang == "kk" else "Ремесленников") * 30  # about 380 letters, no space


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("long")
    content = copy_content(tmp)
    path = content / "data/cities.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    city = data["cities"][0]
    city["name"] = {lang: long_word(lang) for lang in LANGS}
    city["statuses"][0]["name"] = {lang: long_word(lang) for lang in LANGS}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    served, server = serve(build_ok(content, tmp / "output"))
    yield served
    server.shutdown()


_BOXES = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const map = document.querySelector('.craft-map.is-live .folium-map');
  const popup = document.querySelector('.leaflet-popup-content-wrapper');
  const content = document.querySelector('.leaflet-popup-content');
  const close = document.querySelector('.leaflet-popup-close-button');
  const c = close.getBoundingClientRect();
  const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
  return {
    map: box(map), popup: box(popup), close: box(close),
    closeOnTop: hit === close || close.contains(hit),
    wide: content.scrollWidth - content.clientWidth,
    tall: content.scrollHeight, shown: content.clientHeight,
    scrolls: ['auto', 'scroll'].includes(getComputedStyle(content).overflowY),
    viewport: {w: document.documentElement.clientWidth, h: window.innerHeight},
  };
}"""


_SETTLED = """() => {
  const m = document.querySelector('.craft-map.is-live .folium-map').getBoundingClientRect();
  const p = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
  return p.left >= m.left - 1 && p.top >= m.top - 1 && p.right <= m.right + 1 && p.bottom <= m.bottom + 1;
}"""


def _inside(inner: dict, outer: dict, slack: float = 1) -> bool:
    return (
        inner["l"] >= outer["l"] - slack
        and inner["t"] >= outer["t"] - slack
        and inner["r"] <= outer["r"] + slack
        and inner["b"] <= outer["b"] + slack
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_word_stays_inside_the_map_on_a_phone(long_site, visit, lang):
    v = visit(long_site.url(f"{lang}/"), width=PHONE["width"], height=PHONE["height"], init_script=TRACK_MAPS)
    page = v.page
    page.locator(".craft-map").scroll_into_view_if_needed()  # the map starts when it comes into view
    page.wait_for_selector(MARKERS, state="attached", timeout=10_000)
    name = long_word(lang)
    assert overflow_problems(page) == [], "the page scrolls sideways with a long city name"
    reveal(page, name)  # out of its cluster, if nearby cities put it in one

    label = page.locator(".craft-map .map-label", has_text=name[:20])
    assert label.count() == 1, "the long name has no label on the live map"
    width = label.evaluate("el => el.getBoundingClientRect().width")
    assert width <= NARROW / 2, f"the map label is {width:.0f} px wide: the long word does not break"

    page.locator(".craft-map .folium-map").scroll_into_view_if_needed()
    marker = reveal(page, name)
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup .map-popup").wait_for(state="visible")
    try:  # Leaflet pans the map to the popup in a short animation; wait for it to settle inside
        page.wait_for_function(_SETTLED, timeout=3_000)
    except PlaywrightTimeout:
        pass  # the assertions below say what is wrong
    boxes = page.evaluate(_BOXES)
    assert boxes["wide"] <= 1, (
        f"the popup's text is {boxes['wide']} px wider than the popup: the word does not break"
    )
    assert _inside(boxes["popup"], boxes["map"]), f"the popup sticks out of the map: {boxes}"
    assert boxes["tall"] > boxes["shown"] and boxes["scrolls"], (
        f"a popup taller than the map must scroll: {boxes}"
    )
    assert _inside(boxes["close"], boxes["map"]), f"the close button is outside the map: {boxes}"
    view = {"l": 0, "t": 0, "r": boxes["viewport"]["w"], "b": boxes["viewport"]["h"]}
    assert _inside(boxes["close"], view), f"the close button is off screen: {boxes}"
    assert boxes["closeOnTop"], "something covers the close button"
    still(page)
    page.locator(".leaflet-popup-close-button").click()
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert overflow_problems(page) == []
