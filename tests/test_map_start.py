"""Issue 17: the compact home map. One JSON row of plain values per city (map.js
builds markers, labels and popups from it with DOM text); the map starts only
when it comes into view, in a box that keeps its size (no layout shift); marker
images are sharp on any screen and never larger than shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from checks.leaflet import MARKERS, TRACK_MAPS
from conftest import ROOT
from lxml import html as lhtml

LANGS = ["kk", "ru"]
# map.js starts the map when its box is this close to the screen (IntersectionObserver rootMargin).
MARGIN = 300

# Layout shifts from the start of the page (buffered), as Lighthouse and CLS count them.
SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shifts.push(e.value); }))
  .observe({type: "layout-shift", buffered: true});"""


def cities_call(page: Path) -> tuple[dict, list[list]]:
    """The texts and rows of the page's `craftMap.cities(layer, texts, rows);`, read as JSON."""
    text = page.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("craftMap.cities("))
    match = re.fullmatch(r"craftMap\.cities\(\w+, (\{.*\}), (\[.*\])\);", line)
    assert match, line[:200]
    return json.loads(match.group(1)), json.loads(match.group(2))


def _map_script(page: Path) -> str:
    doc = lhtml.fromstring(page.read_bytes())
    scripts = [s.text or "" for s in doc.iter("script") if "craftMap.start(" in (s.text or "")]
    assert len(scripts) == 1
    return scripts[0]


# -- the data, in the built page ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_one_json_row_of_plain_values_per_city(built, lang):
    """Every city once, in the data's order: coordinates, name, story path, statuses and years."""
    page = built.root / lang / "index.html"
    texts, rows = cities_call(page)
    cities = built.data.cities
    assert len(rows) == len(cities)
    for city, row in zip(cities, rows, strict=True):
        lat, lon, name, link, _side, *statuses = row
        assert (lat, lon) == (
            pytest.approx(city["coordinates"]["lat"], abs=1e-4),
            pytest.approx(city["coordinates"]["lon"], abs=1e-4),
        )
        assert name == city["name"][lang]
        assert link == f"{city['id']}/", "a story link, relative to the home page"
        assert (built.root / lang / link / "index.html").is_file(), "the popup's story link leads nowhere"
        pairs = list(zip(statuses[::2], statuses[1::2], strict=True))
        assert [texts["statuses"][i] for i, _ in pairs] == [s["name"][lang] for s in city["statuses"]]
        assert [y for _, y in pairs] == [(s["date"] or "")[:4] for s in city["statuses"]]
        # Only plain values (no HTML for map.js to insert): numbers and texts.
        assert all(isinstance(v, int | float | str) for v in row)


@pytest.mark.browser
def test_latin_edition_popups_lead_to_latin_stories(site, served_site, visit):
    """The kk-latn home (made from kk's) links each popup to the kk-latn story, as its other links do."""
    _texts, rows = cities_call(site / "kk-latn" / "index.html")
    v = visit(served_site.url("kk-latn/"), init_script=TRACK_MAPS)
    v.page.locator(".craft-map").scroll_into_view_if_needed()
    marker = v.page.locator(MARKERS).first
    marker.wait_for(state="visible", timeout=10_000)
    marker.click()
    href = v.page.locator(".leaflet-popup .map-popup a").evaluate("a => a.href")
    row = next(r for r in rows if r[2] == marker.get_attribute("title"))
    assert href.endswith(f"/REPO/kk-latn/{row[3]}")
    assert v.page_errors == []


def test_hostile_names_stay_plain_json_that_cannot_end_the_script(hostile_text_site):
    """A city named in markup: the row holds the exact text, and the script holds no `<`."""
    from hostile import LOOKS_LIKE_MARKUP

    for lang in LANGS:
        page = hostile_text_site / lang / "index.html"
        _texts, rows = cities_call(page)
        assert LOOKS_LIKE_MARKUP in [row[2] for row in rows]
        script = _map_script(page)
        assert "<" not in script and "{{" not in script, "markup or a template tag reached the map's script"


def test_map_js_builds_no_html_from_data():
    """map.js makes its DOM with createElement and text nodes only."""
    source = (ROOT / "theme" / "static" / "js" / "map.js").read_text(encoding="utf-8")
    source = re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S))  # code, not comments
    assert "createElement" in source and "createTextNode" in source
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink


# -- in the browser: starting, layout, images ------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("size", [(360, 400), (1280, 500)], ids=["phone", "desktop"])
def test_map_starts_when_scrolled_to_without_a_layout_shift(served_built, visit, size):
    _built, served = served_built
    width, height = size
    v = visit(served.url("kk/"), width=width, height=height, init_script=TRACK_MAPS + SHIFTS)
    page = v.page
    page.wait_for_load_state("networkidle")
    top = page.evaluate("document.querySelector('.craft-map .map-box').getBoundingClientRect().top")
    if top < height + MARGIN:
        pytest.fail(f"the map box starts {top:.0f} px down: too close to the top for this test's screen")
    # Out of view: nothing of Leaflet is fetched or run, the static map is in place.
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in loaded if "/vendor/" in u], "Leaflet loaded before the map came into view"
    assert page.locator(".craft-map.is-live").count() == 0
    assert page.locator(".craft-map .map-static svg").is_visible()
    box = page.locator(".craft-map .map-box")
    before = box.bounding_box()
    figure = page.evaluate("document.querySelector('.craft-map').getBoundingClientRect().width")
    assert before["width"] <= figure, "the map box is wider than its figure: the page scrolls sideways"
    box.scroll_into_view_if_needed()
    page.wait_for_selector(f"{MARKERS}, .craft-map.is-live .marker-cluster", state="attached", timeout=10_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    after = box.bounding_box()
    assert (after["width"], after["height"]) == (before["width"], before["height"]), "the map box changed size"
    live = page.locator(".craft-map .folium-map").bounding_box()
    assert abs(live["width"] - after["width"]) <= 2 and abs(live["height"] - after["height"]) <= 2
    assert page.locator(".craft-map .map-static").is_hidden()
    assert page.evaluate("window.__shifts") == [], "layout shifts while the page loaded or the map started"
    assert v.blocked == [] and v.page_errors == []


@pytest.mark.browser
def test_marker_images_are_sharp_and_never_larger_than_shown(served_site, visit):
    """On a 3x phone screen: no shadow images, and every marker image is vector or has
    between 1x and 2x the pixels it is shown at (Lighthouse: image-size-responsive)."""
    v = visit(served_site.url("ru/"), width=390, height=800, device_scale_factor=3, init_script=TRACK_MAPS)
    page = v.page
    page.locator(".craft-map").scroll_into_view_if_needed()
    page.wait_for_selector(MARKERS, state="visible", timeout=10_000)
    page.wait_for_function(f"[...document.querySelectorAll('{MARKERS}')].every(i => i.complete)")
    images = page.evaluate(
        """() => [...document.querySelectorAll('.craft-map img')].map(i => ({
          src: i.currentSrc || i.src, nw: i.naturalWidth, nh: i.naturalHeight,
          w: i.getBoundingClientRect().width, h: i.getBoundingClientRect().height,
          shadow: i.classList.contains('leaflet-marker-shadow')}))"""
    )
    assert images, "no marker images on the map"
    assert not [i for i in images if i["shadow"]], "a marker shadow image is drawn"
    for i in images:
        if i["src"].startswith("data:image/svg+xml") or i["src"].endswith(".svg"):
            continue
        for natural, shown in ((i["nw"], i["w"]), (i["nh"], i["h"])):
            assert shown * 3 <= natural <= shown * 3 * 2, f"{i['src'][:80]}: {natural} px shown at {shown} css px"
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [u for u in loaded if u.endswith(".png") and "/leaflet/images/" in u], "Leaflet's marker PNGs"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_started_map_passes_axe_with_a_popup_open(served_site, visit, lang):
    """The live map is checked once it has started (the page-wide axe runs see it unstarted)."""
    from checks.axe import axe_violations

    v = visit(served_site.url(f"{lang}/"), init_script=TRACK_MAPS)
    v.page.locator(".craft-map").scroll_into_view_if_needed()
    marker = v.page.locator(MARKERS).first
    marker.wait_for(state="visible", timeout=10_000)
    marker.click()
    v.page.locator(".leaflet-popup .map-popup a").wait_for(state="visible")
    # Leaflet fades popups in: measure the final colours, not a half-transparent popup.
    v.page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert axe_violations(v.page) == []
    assert v.blocked == [] and v.page_errors == []
