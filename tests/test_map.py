"""Issue 4: the map of the craft cities — folium home map, static SVG fallback,
story locator maps, escaping, determinism, weight and scale."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from branca.element import Element
from checks.leaflet import MARKERS, TRACK_MAPS, reveal, still
from conftest import ROOT, build_ok, copy_content, real_data, serve
from jinja2 import Environment, FileSystemLoader
from lxml import html as lhtml
from shapely.geometry import Point

from generator.i18n import Translator

LANGS = ["kk", "ru"]
DATA = real_data()
CATALOGS = str(ROOT / "theme" / "translations")
HOME_BUDGET, STORY_BUDGET = 80 * 1024, 40 * 1024

pytestmark = pytest.mark.browser


def t(lang: str) -> Translator:
    return Translator(CATALOGS, lang)


def live_home(visit, url: str, **options):
    """Open a home page, scroll to the map (it starts when it comes into view) and wait
    for folium's map to be built."""
    v = visit(url, init_script=TRACK_MAPS, **options)
    v.page.locator(".craft-map").scroll_into_view_if_needed()
    v.page.wait_for_selector(".craft-map.is-live .leaflet-marker-icon", state="attached", timeout=10_000)
    return v


# True once no zoom or cluster animation is running and the single markers and the
# cluster counts drawn add up to `n` cities: the map has settled.
SETTLED = """n => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')
  && document.querySelectorAll('.craft-map.is-live .leaflet-marker-icon:not(.marker-cluster)').length
     + [...document.querySelectorAll('.craft-map .marker-cluster span')].reduce((a, s) => a + +s.textContent, 0)
     === n"""


def settled(page, cities: int) -> None:
    """Wait until the live map has settled (instead of a fixed pause), at most 10 s; the
    test's own assertions then say what is wrong if it never does."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(SETTLED, arg=cities, timeout=10_000)
    except Timeout:
        pass


def on_screen(page) -> tuple[list[str], list[int]]:
    """Titles of the single markers drawn, and the counts of the cluster icons drawn."""
    titles = page.locator(MARKERS).evaluate_all("els => els.map(e => e.title)")
    counts = [int(c) for c in page.locator(".craft-map .marker-cluster span").all_text_contents()]
    return titles, counts


def errors(v) -> list[str]:
    """Console errors other than those caused by requests the test harness aborted."""
    return [e for e in v.console_errors if not (v.blocked and "net::ERR_FAILED" in e)] + v.page_errors


def map_segment(page: Path) -> str:
    """The home map's HTML: from its figure to the end of folium's script."""
    text = page.read_text(encoding="utf-8")
    start = text.index('<figure class="craft-map"')
    end = text.index("</script>", text.index("craftMap.start(")) + len("</script>")
    return text[start:end]


def story_map_segment(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.index('<figure class="story-map">')
    return text[start : text.index("</figure>", start)]


# -- the live map, in a real browser ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_home_map_shows_every_city_with_a_named_keyboard_marker(served_built, visit, lang):
    built, served = served_built
    v = live_home(visit, served.url(f"{lang}/"))
    markers = v.page.locator(MARKERS)
    names = sorted(c["name"][lang] for c in built.data.cities)
    # Every city is a marker on the map, drawn alone or counted in a cluster.
    titles, counts = on_screen(v.page)
    assert len(titles) + sum(counts) == len(names)
    assert set(titles) <= set(names)
    assert sorted(markers.evaluate_all("els => els.map(e => e.alt)")) == sorted(titles)
    assert markers.evaluate_all("els => els.map(e => e.tabIndex)") == [0] * len(titles)
    for name in names:
        assert reveal(v.page, name).get_attribute("alt") == name
    region = v.page.locator(".craft-map .leaflet-container")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("aria-label") == t(lang).gettext("Interactive map of the craft cities")
    # Leaflet's English control names are replaced by the catalog's.
    assert v.page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == t(lang).gettext(
        "Zoom in"
    )
    assert v.page.locator(".leaflet-control-zoom-out").get_attribute("title") == t(lang).gettext("Zoom out")
    assert "Zoom in" not in v.page.locator(".craft-map").inner_html()
    # The outline's licence credit shows on the map and under it; no tiles, so no OSM credit is due.
    assert "Made with Natural Earth" in v.page.locator(".leaflet-control-attribution").inner_text()
    assert v.page.locator(".craft-map figcaption a[href='https://www.naturalearthdata.com/']").count() == 1
    assert v.page.locator(".craft-map .leaflet-tile").count() == 0
    assert v.page.locator(".craft-map .map-static").is_hidden()
    assert v.blocked == [], "the map asked a third-party host for something"
    assert errors(v) == []


@pytest.mark.parametrize("lang", LANGS)
def test_popup_opens_on_click_and_links_to_the_story_in_the_same_language(served_built, visit, lang):
    built, served = served_built
    v = live_home(visit, served.url(f"{lang}/"))
    tr = t(lang)
    for city in built.data.cities:
        name = city["name"][lang]
        reveal(v.page, name).click()
        popup = v.page.locator(".leaflet-popup .map-popup")
        popup.wait_for(state="visible")
        text = popup.inner_text()
        assert name in text
        status = city["statuses"][0]
        assert status["name"][lang] in text
        if status["date"]:
            assert tr.gettext("Year awarded") in text and status["date"][:4] in text
        else:
            assert tr.gettext("The reports do not say when it was awarded.") in text
        close = v.page.locator(".leaflet-popup-close-button")
        assert close.get_attribute("aria-label") == tr.gettext("Close")
        link = popup.locator("a")
        assert link.inner_text() == tr.gettext("Read the story")
        href = link.evaluate("a => a.href")
        assert urlsplit(href).path == f"/REPO/{lang}/{city['id']}/"
        still(v.page)
        close.click()
        popup.wait_for(state="detached")
    # Follow one link for real: it opens the story, in the same language.
    city = built.data.cities[0]
    reveal(v.page, city["name"][lang]).click()
    v.page.locator(".leaflet-popup .map-popup a").click()
    v.page.wait_for_url(f"**/{lang}/{city['id']}/")
    assert v.page.locator("html").get_attribute("lang") == lang
    assert errors(v) == []


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_reaches_markers_opens_popups_with_enter_and_is_not_trapped(served_built, visit, lang):
    built, served = served_built
    v = live_home(visit, served.url(f"{lang}/"))
    page = v.page
    titles, counts = on_screen(page)
    reached: list[str] = []
    clusters = 0
    # Tab from the top of the page: every marker and cluster comes by, and focus leaves the map
    # again for whatever follows it on the page.
    for _ in range(200 + len(built.data.cities)):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const el = document.activeElement, map = document.querySelector('.leaflet-container');"
            " return {marker: el.classList.contains('leaflet-marker-icon'),"
            " cluster: el.classList.contains('marker-cluster'), title: el.title,"
            " after: !map.contains(el) && !!(map.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)}; }"
        )
        if info["cluster"]:
            clusters += 1
        elif info["marker"]:
            reached.append(info["title"])
        if info["after"]:
            break
    else:
        pytest.fail("Tab never left the map for the rest of the page (focus trap?)")
    assert sorted(reached) == sorted(titles)
    assert clusters == len(counts)
    # Enter on a focused marker opens its popup and puts focus on the story link.
    city = built.data.cities[-1]
    reveal(page, city["name"][lang]).focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup .map-popup").wait_for(state="visible")
    assert city["name"][lang] in page.locator(".leaflet-popup .map-popup").inner_text()
    assert page.evaluate("() => document.activeElement.closest('.map-popup') !== null")
    # Escape closes it and gives focus back to the marker.
    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.title") == city["name"][lang]
    # Enter again, then Enter on the link: the story opens.
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup .map-popup a").wait_for(state="visible")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/{city['id']}/")
    assert errors(v) == []


@pytest.mark.parametrize("lang", LANGS)
def test_markers_stay_24px_targets_on_a_phone_for_any_content(served_built, visit, lang):
    """Close cities (the extended content adds one beside another) cluster instead of overlapping."""
    from checks.axe import axe_violations
    from checks.mobile import NARROW, target_problems

    built, served = served_built
    v = live_home(visit, served.url(f"{lang}/"), width=NARROW, height=640)
    settled(v.page, len(built.data.cities))
    titles, counts = on_screen(v.page)
    assert len(titles) + sum(counts) == len(built.data.cities)
    assert [p for p in target_problems(v.page) if "leaflet" in p or "marker" in p] == []
    assert axe_violations(v.page, rules=["target-size"]) == []


def test_map_leaves_scrolling_to_the_page(served_site, visit):
    """Wheel over the map scrolls the page; on a phone one finger does not drag the map."""
    v = live_home(visit, served_site.url("kk/"), height=500)
    page = v.page
    marker = page.locator(MARKERS).first
    before = marker.bounding_box()
    box = page.locator(".craft-map .leaflet-container").bounding_box()
    scrolled = page.evaluate("window.scrollY")  # the map was scrolled to, to start it
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)
    # A fixed pause, on purpose: what is checked is that the map does NOT zoom, and a
    # wheel zoom would start after Leaflet's 40 ms debounce and animate for 250 ms.
    page.wait_for_timeout(400)
    assert page.evaluate("window.scrollY") > scrolled, "the wheel did not scroll the page"
    after = marker.bounding_box()
    # Same size and same place within the map: the map did not zoom.
    assert after["width"] == before["width"]
    assert round(after["x"] - before["x"]) == 0
    assert page.locator(".craft-map .leaflet-container.leaflet-grab").count() == 1  # desktop: drag to pan
    phone = live_home(
        visit,
        served_site.url("kk/"),
        width=390,
        height=800,
        is_mobile=True,
        has_touch=True,
        user_agent="Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0 Mobile Safari/537.36",
    )
    assert phone.page.locator(".craft-map .leaflet-container.leaflet-grab").count() == 0
    assert phone.page.locator(".craft-map .leaflet-container.leaflet-touch-zoom").count() == 1
    assert errors(v) == [] and errors(phone) == []


# -- without JavaScript, in print, on story pages --------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_static_map_and_the_links_remain(served_site, visit, lang):
    v = visit(served_site.url(f"{lang}/"), javascript=False)
    page = v.page
    svg = page.locator(".craft-map .map-static svg")
    assert svg.is_visible()
    assert page.locator(".craft-map .map-live").is_hidden()
    assert svg.get_attribute("role") == "img"
    title = svg.locator("title").text_content()
    assert str(len(DATA.cities)) in title
    assert svg.locator("circle").count() == len(DATA.cities)
    labels = sorted(svg.locator("text").all_text_contents())
    assert labels == sorted(c["name"][lang] for c in DATA.cities)
    assert svg.locator("path").first.get_attribute("d").count("M") >= 1
    links = {
        a.text_content().strip(): urlsplit(a.evaluate("a => a.href")).path
        for a in page.locator(".city-list a").all()
    }
    assert links == {c["name"][lang]: f"/REPO/{lang}/{c['id']}/" for c in DATA.cities}
    assert page.locator("main .city-list").count() == 1, "one list of cities, not two"
    assert v.page_errors == []


def test_print_shows_the_static_map(served_site, visit):
    v = live_home(visit, served_site.url("ru/"))
    v.page.emulate_media(media="print")
    assert v.page.locator(".craft-map .map-static svg").is_visible()
    assert v.page.locator(".craft-map .map-live").is_hidden()


@pytest.mark.parametrize("lang", LANGS)
def test_story_map_is_a_small_static_map_centred_on_its_city(served_site, visit, lang):
    for city in DATA.cities:
        v = visit(served_site.url(f"{lang}/{city['id']}/"))
        svg = v.page.locator(".story-map svg")
        assert svg.is_visible()
        width, height = (float(n) for n in svg.get_attribute("viewBox").split()[2:])
        main = svg.locator("circle[stroke]")  # the story's own city is the ringed dot
        assert main.count() == 1
        assert abs(float(main.get_attribute("cx")) - width / 2) < 1
        assert abs(float(main.get_attribute("cy")) - height / 2) < 1
        assert city["name"][lang] in svg.locator("title").text_content()
        assert city["name"][lang] in svg.locator("text[font-weight='700']").text_content()
        # No Leaflet on stories: the page stays far under its budget.
        assert not [
            r
            for r in v.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
            if "leaflet" in r
        ]
        assert errors(v) == []


def _page_weight(v) -> int:
    """Gzipped bytes of every same-origin file the page loaded."""
    total = 0
    for url in [*v.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"), v.page.url]:
        if urlsplit(url).hostname != "127.0.0.1":
            continue
        response = v.page.request.get(url)
        if response.ok:
            total += len(gzip.compress(response.body(), 9))
    return total


@pytest.mark.parametrize("lang", LANGS)
def test_page_weight_stays_within_budget(served_site, visit, lang):
    home = live_home(visit, served_site.url(f"{lang}/"))
    home.page.locator(MARKERS).first.click()  # popups and labels load nothing more, but be sure
    home.page.locator(".leaflet-popup").wait_for(state="visible")
    weight = _page_weight(home)
    assert 46 * 1024 < weight <= HOME_BUDGET, f"home page: {weight / 1024:.1f} KB gzipped"
    story = visit(served_site.url(f"{lang}/{DATA.cities[0]['id']}/"))
    weight = _page_weight(story)
    assert weight <= STORY_BUDGET, f"story page: {weight / 1024:.1f} KB gzipped"


# -- the build: vendored Leaflet, determinism, escaping, scale ----------------------------------------


def test_leaflet_is_served_from_the_site_and_nothing_from_cdns(site):
    vendor = site / "theme" / "vendor" / "leaflet"
    assert (vendor / "leaflet.js").read_text(encoding="utf-8").startswith("/* @preserve\n * Leaflet 1.9.3")
    assert (vendor / "images" / "marker-icon.png").exists()  # images/ sits next to leaflet.css
    assert "BSD 2-Clause" in (site / "theme" / "vendor" / "NOTICE.txt").read_text(encoding="utf-8")
    for lang in LANGS:
        text = (site / lang / "index.html").read_text(encoding="utf-8")
        for forbidden in (
            "cdn.",
            "jquery",
            "bootstrap",
            "font-awesome",
            "fontawesome",
            "awesome-markers",
            "$(",
        ):
            assert forbidden not in text.lower(), forbidden
        doc = lhtml.fromstring(text)
        srcs = doc.xpath("//script/@src") + doc.xpath("//link[@rel='stylesheet']/@href")
        assert all(not urlsplit(s).netloc for s in srcs), srcs


def test_maps_carry_stable_ids(site):
    """Byte-identical builds are test_determinism.py's; this is what makes maps so: no random folium id."""
    for lang in LANGS:
        home = map_segment(site / lang / "index.html")
        assert f"map_home_{lang}_1" in home
        assert not re.search(r"[0-9a-f]{32}", home), "a random folium id is left"
        for city in DATA.cities:
            assert not re.search(r"[0-9a-f]{32}", story_map_segment(site / f"{lang}/{city['id']}/index.html"))


def theme_env() -> Environment:
    """The theme's templates with the site's Jinja settings, as the build's globals receive them."""
    from pelicanconf import JINJA_ENVIRONMENT

    return Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), **JINJA_ENVIRONMENT)


def test_folium_ids_are_restored_after_each_map():
    """The per-map id counter must not leak into other maps or other folium users."""
    from generator.maps.home import home_map

    env = theme_env()
    a = home_map(env, DATA, "kk", "..", {}, t("kk"))
    assert re.fullmatch(r"[0-9a-f]{32}", Element()._id), "branca's own ids were not restored"
    b = home_map(env, DATA, "kk", "..", {}, t("kk"))
    assert a.live.script == b.live.script and a.live.html == b.live.html
    c = home_map(env, DATA, "ru", "..", {}, t("ru"))
    assert "map_home_ru_1" in c.live.html and "home_kk" not in c.live.script


def test_only_web_links_reach_a_popup():
    """A popup's link is checked as the whole address, then written relative to the home page."""
    from generator.maps.popups import story_link

    with pytest.raises(ValueError, match="javascript"):
        story_link("javascript:alert(1)//", "kk/x/", "kk/")
    assert story_link("https://example.org", "kk/x/", "kk/") == "x/"
    assert story_link("..", "ru/x/", "kk/") == "../ru/x/"


HOSTILE = [
    "<img src=x onerror=window.__pwned=1>",
    "`${window.__pwned=2}` \\` \\u0060 {{ 7*7 }}",
    "</script><script>window.__pwned=3</script>\\ {# {%",
]


def hostile_names(cities: list[dict], lang: str) -> dict[str, str]:
    """A hostile name for every city of the content, whatever the cities are."""
    return {c["id"]: f"{HOSTILE[i % len(HOSTILE)]} {i} {lang}" for i, c in enumerate(cities)}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, built):
    """The content of `built` (real or extended) with every city named in hostile text."""
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    shutil.copytree(built.content, content)
    path = content / "data/cities.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {lang: hostile_names(data["cities"], lang) for lang in LANGS}
    for city in data["cities"]:
        city["name"] = {lang: names[lang][city["id"]] for lang in LANGS}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = build_ok(content, tmp / "out", archive=tmp / "no-archive")
    served, server = serve(out)
    yield served, data["cities"]
    server.shutdown()


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_city_names_are_shown_literally_and_never_run(hostile_site, visit, lang):
    served, cities = hostile_site
    names = hostile_names(cities, lang)
    v = live_home(visit, served.url(f"{lang}/"))
    page = v.page
    settled(page, len(names))  # the scripts have run: a name that broke out would have run too
    assert page.evaluate("typeof window.__pwned") == "undefined"
    titles, counts = on_screen(page)
    assert len(titles) + sum(counts) == len(names), "a name broke folium's script"
    markers = page.locator(MARKERS)
    assert sorted(markers.evaluate_all("els => els.map(e => e.alt)")) == sorted(titles)
    for expected in names.values():
        marker = reveal(page, expected)
        assert marker.get_attribute("alt") == expected
        marker.click()
        popup = page.locator(".leaflet-popup .map-popup-name")
        popup.wait_for(state="visible")
        assert popup.text_content() == expected
        assert page.locator(".leaflet-popup img").count() == 0
        still(page)
        page.locator(".leaflet-popup-close-button").click()
        page.locator(".leaflet-popup").wait_for(state="detached")
    labels = page.locator(".craft-map .map-label").all_text_contents()
    assert set(labels) <= set(names.values()) and labels
    # Long names may not all find room on the static map, but those shown are literal.
    svg_labels = page.locator(".craft-map .map-static svg text").all_text_contents()
    assert svg_labels and set(svg_labels) <= set(names.values())
    list_names = [a.strip() for a in page.locator(".city-list a").all_text_contents()]
    assert sorted(list_names) == sorted(names.values())
    for cid, name in names.items():
        story = visit(served.url(f"{lang}/{cid}/"))  # loaded: its scripts have run
        assert story.page.evaluate("typeof window.__pwned") == "undefined"
        assert name in story.page.locator(".story-map svg text[font-weight='700']").text_content()
        assert story.page_errors == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert errors(v) == []


def _inland_points(n: int, step: float = 0.5) -> list[tuple[float, float]]:
    """`n` points on a grid, all inside Kazakhstan (the build refuses points outside)."""
    from generator.maps.geo import outline_geometry

    land = outline_geometry(DATA.outline)
    grid = [(54.5 - i * step, 47.0 + j * step) for i in range(int(14 / step)) for j in range(int(40 / step))]
    points = [
        (round(lat, 2), round(lon, 2)) for lat, lon in grid if land.contains(Point(lon, lat).buffer(0.05))
    ]
    assert len(points) >= n, f"only {len(points)} grid points inside the outline"
    return points[:: len(points) // n][:n]


def test_many_cities_are_clustered_and_all_counted(tmp_path, visit):
    """With 60 more cities the markers cluster; clusters and single markers add up to every city."""
    content = copy_content(tmp_path)
    path = content / "data/cities.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    template = data["cities"][0]
    cited = template["statuses"][0]["sources"][0]
    for i, (lat, lon) in enumerate(_inland_points(60)):
        cid = f"scale-{i:03d}"
        data["cities"].append(
            {
                **template,
                "id": cid,
                "name": {"kk": f"Қала {i}", "ru": f"Город {i}"},
                "coordinates": {"lat": lat, "lon": lon},
                "crafts": [],
                "figures": [],
            }
        )
        for lang in LANGS:
            (content / "stories" / lang / f"{cid}.md").write_text(
                f"Title: {cid}\nDate: 2026-11-22\nSummary: {cid}.\n\nText [cite:{cited}].\n",
                encoding="utf-8",
            )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = build_ok(content, tmp_path / "out")
    assert (out / "theme/vendor/markercluster/leaflet.markercluster.js").exists()
    served, server = serve(out)
    try:
        v = visit(served.url("ru/"), init_script=TRACK_MAPS)
        v.page.locator(".craft-map").scroll_into_view_if_needed()
        v.page.wait_for_selector(".craft-map.is-live .marker-cluster", timeout=10_000)
        settled(v.page, len(data["cities"]))
        counts = v.page.locator(".marker-cluster span").all_text_contents()
        singles = v.page.locator(MARKERS).count()
        assert sum(int(c) for c in counts) + singles == len(data["cities"])
        assert len(counts) + singles < len(data["cities"]), "nothing was clustered"
        clusters = v.page.locator(".craft-map .marker-cluster")
        for label, count in zip(
            clusters.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"), counts, strict=True
        ):
            assert label == t("ru").gettext("Craft cities in this area: %(num)s. Select to zoom in.") % {
                "num": count
            }
        # Clusters drawn after a zoom (out: more of them join) are named too.
        zoom = v.page.evaluate("window.__maps[0].getZoom()")
        v.page.locator(".leaflet-control-zoom-out").click()
        # The zoom has ended (Leaflet sets the new zoom last) and the clusters are redrawn.
        v.page.wait_for_function("z => window.__maps[0].getZoom() < z", arg=zoom, timeout=10_000)
        settled(v.page, len(data["cities"]))
        labels = v.page.locator(".craft-map .marker-cluster").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label'))"
        )
        before_number = t("ru").gettext("Craft cities in this area: %(num)s. Select to zoom in.").split("%(num)s")[0]
        assert labels and all(label and label.startswith(before_number) for label in labels), labels
        svg = v.page.locator(".craft-map .map-static svg")
        assert svg.locator("circle").count() == len(data["cities"])
        assert v.blocked == []
        assert errors(v) == []
    finally:
        server.shutdown()
