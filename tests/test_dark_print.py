"""Dark mode, print and reduced motion (issue 16, part 6).

The palette's dark values live twice, in generator/palette.py (DARK) and in
site.css: the first tests hold the two together and check every dark colour's
WCAG contrast. The browser tests then read what Chromium actually paints: the
scheme reaching the drawings, the print view, and the live map's options when
the reader asks for reduced motion. axe over every page in the dark scheme
(with a map popup open) and the charts' and maps' computed colours against the
dark page are part of the page walk, tests/test_pages.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import pytest
from checks.dark import MARK, TEXT, contrast, rgb
from checks.leaflet import TRACK_MAPS
from checks.pages import report, site_pages
from conftest import CONTENT, ROOT

from generator import palette
from generator.data.model import load_dataset

CSS = ROOT / "theme" / "static" / "css" / "site.css"
DARK_MEDIA = "@media screen and (prefers-color-scheme: dark)"


# -- site.css as blocks ----------------------------------------------------------


def blocks(css: str) -> Iterator[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a stylesheet; comments dropped, bodies unparsed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth, start, prelude = 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                yield prelude, css[start:i]
                start = i + 1


def variables(body: str) -> dict[str, str]:
    """Custom properties set by the `:root` rules in a block's body."""
    found: dict[str, str] = {}
    for rule in re.finditer(r"(?:^|[};])\s*:root\s*\{([^}]*)\}", body):
        found |= {m[1]: m[2].strip() for m in re.finditer(r"(--[\w-]+)\s*:\s*([^;]+)", rule[1])}
    return found


def stylesheet() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, str], str]]:
    """(light variables, dark variables, {(attribute, colour): variable} of the paint rules)."""
    light: dict[str, str] = {}
    dark: dict[str, str] = {}
    paint: dict[tuple[str, str], str] = {}
    for prelude, body in blocks(CSS.read_text(encoding="utf-8")):
        if prelude == ":root":
            light |= variables(f":root{{{body}}}")
        elif prelude == DARK_MEDIA:
            dark |= variables(body)
        elif m := re.search(r'\[(fill|stroke)="(#[0-9a-fA-F]+)" i\]$', prelude):
            (value,) = re.findall(rf"{m[1]}\s*:\s*var\((--[\w-]+)\)", body)
            paint[(m[1], m[2].lower())] = value
    return light, dark, paint


def test_every_palette_colour_has_a_css_property_and_its_dark_value():
    light, dark, paint = stylesheet()
    assert set(palette.DARK) >= {palette.PAPER, *palette.CITY_COLOURS}, "palette.DARK misses a colour"
    for colour, dark_colour in palette.DARK.items():
        if colour == palette.ACCENT_SOFT:  # only CSS backgrounds and preview images use it
            name = "--accent-soft"
        else:
            assert ("fill", colour.lower()) in paint and ("stroke", colour.lower()) in paint, (
                f"site.css has no fill/stroke rule for palette colour {colour}"
            )
            name = paint[("fill", colour.lower())]
            assert paint[("stroke", colour.lower())] == name, colour
        assert light.get(name, "").lower() == colour.lower(), (
            f"{name}: light value {light.get(name)}, palette {colour}"
        )
        assert dark.get(name, "").lower() == dark_colour.lower(), (
            f"{name}: dark value {dark.get(name)} in site.css, palette.DARK says {dark_colour}"
        )
    assert dark["--paper"].lower() == palette.DARK_PAPER.lower()


COLOUR_PROPERTIES = re.compile(r"^(color|color-scheme|background(-color)?|border(-(top|right|bottom|left))?-color)$")
COLOUR_VALUE = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\([\d.,\s]+\)|var\(--[\w-]+\)|transparent|dark)$")


def test_the_dark_scheme_changes_colours_and_nothing_else():
    """What lets the page walk (checks/walk.py) run only axe's colour rules in the dark:
    every declaration under the dark media query sets a colour, and no script or template
    asks for the scheme, so the page's structure, sizes and names are those checked in light."""
    light, _dark, _paint = stylesheet()
    (body,) = [body for prelude, body in blocks(CSS.read_text(encoding="utf-8")) if prelude == DARK_MEDIA]
    declarations = re.findall(r"([\w-]+)\s*:\s*([^;{}]+?)\s*(?:;|\})", body)
    assert declarations, "no declaration found in the dark block"
    for name, value in declarations:
        if name.startswith("--"):
            assert name in light, f"{name} is set in the dark only"
        else:
            assert COLOUR_PROPERTIES.match(name), f"the dark scheme sets {name}: {value}"
            assert COLOUR_VALUE.match(value), f"{name}: {value} is not a colour"
    for path in [*(ROOT / "theme" / "static" / "js").glob("*.js"), *(ROOT / "theme" / "templates").glob("*.html")]:
        assert "prefers-color-scheme" not in path.read_text(encoding="utf-8"), f"{path.name} reads the scheme"


def test_dark_colours_have_enough_contrast_on_the_dark_page():
    """Text 4.5:1 and marks (Okabe–Ito cities, map dots and borders) 3:1 against the dark paper."""
    light, dark, _paint = stylesheet()
    paper = dark["--paper"]
    for name in ("--ink", "--muted", "--accent", "--focus"):
        assert contrast(dark[name], paper) >= TEXT, f"{name} {dark[name]} on {paper}"
        assert contrast(dark[name], dark["--surface"]) >= TEXT, f"{name} {dark[name]} on --surface"
    for name in ("--ink", "--accent"):
        assert contrast(dark[name], dark["--accent-soft"]) >= TEXT, f"{name} on --accent-soft"
    assert contrast(dark["--on-accent"], dark["--accent"]) >= TEXT, "button text on --accent"
    assert contrast(dark["--on-ink"], dark["--ink"]) >= TEXT, "skip link text on --ink"
    for colour in palette.CITY_COLOURS:
        assert contrast(palette.DARK[colour], paper) >= MARK, f"Okabe–Ito {colour} -> {palette.DARK[colour]}"
    # The maps: dots and the border on the land, names on their halo.
    for name in ("--accent", "--border"):
        assert contrast(dark[name], dark["--land"]) >= MARK, f"{name} on --land"
    assert contrast(dark["--ink"], dark["--halo"]) >= TEXT, "map names on their halo"
    # The light scheme still holds too (it is what print uses).
    for name in ("--ink", "--muted", "--accent"):
        assert contrast(light[name], light["--paper"]) >= TEXT, name


def test_every_colour_the_charts_and_maps_draw_follows_the_scheme(built):
    """A fill or stroke written in a chart or map without a site.css rule would stay light in the dark."""
    _light, _dark, paint = stylesheet()
    missing: dict[str, list[str]] = {}
    for page in site_pages(built.root):
        if not page.endswith("/") and page:
            continue
        doc = lxml.html.parse(str(built.root / page / "index.html")).getroot()
        for svg in doc.xpath('//svg[contains(@class, "chart-svg") or contains(@class, "map-svg")]'):
            for el in svg.iter():
                for attr in ("fill", "stroke"):
                    value = el.get(attr)
                    if value and value.startswith("#") and (attr, value.lower()) not in paint:
                        missing.setdefault(page, []).append(f"{el.tag} {attr}={value}")
    assert not missing, "colours with no dark rule in site.css:\n" + report(missing)
    # The live map's outline is styled by Leaflet from the same palette.
    assert ("fill", palette.LAND.lower()) in paint and ("stroke", palette.BORDER.lower()) in paint


# -- the dark scheme in Chromium ----------------------------------------------------

@pytest.mark.browser
def test_charts_and_maps_change_colour_with_the_scheme(visit, published_site):
    """The dark scheme really reaches the drawings: the first chart's marks and the
    live map's land are painted in palette.DARK, not in their light attributes."""
    v = visit(published_site.url("kk/"), init_script=TRACK_MAPS, color_scheme="dark")
    v.page.locator(".craft-map").scroll_into_view_if_needed()  # starts the live map
    v.page.wait_for_selector(".craft-map.is-live .leaflet-overlay-pane path", state="attached")
    colours = v.page.evaluate(
        """() => ({
          land: getComputedStyle(document.querySelector(".craft-map .leaflet-overlay-pane path")).fill,
          bars: [...document.querySelectorAll(".chart-svg rect.bar:not([data-computed])")]
                  .map(r => [r.getAttribute("fill"), getComputedStyle(r).fill]),
          body: getComputedStyle(document.body).backgroundColor,
        })"""
    )
    assert rgb(colours["land"]) == rgb(palette.DARK[palette.LAND])
    assert rgb(colours["body"]) == rgb(palette.DARK_PAPER)
    assert colours["bars"], "no bar chart on the home page"
    for attribute, painted in colours["bars"]:
        assert rgb(painted) == rgb(palette.DARK[attribute]), f"bar {attribute} painted {painted}"


# -- print --------------------------------------------------------------------------

_PRINT = """() => {
  const after = el => getComputedStyle(el, "::after").content;
  const shown = el => el && getComputedStyle(el).display !== "none";
  // Elements other parts of issue 16 add (share links, embed code, copy-link buttons).
  for (const cls of ["share", "embed-code", "copy-link"]) {
    const el = document.createElement(cls === "copy-link" ? "button" : "div");
    el.className = cls; el.textContent = cls;
    document.querySelector("main").append(el);
  }
  const site = [...document.querySelectorAll("main a[href]")].find(a =>
    !a.getAttribute("href").startsWith("#") && !a.closest(".cite"));
  const cite = document.querySelector(".cite a");
  const text = document.querySelector(".chart-svg text");
  return {
    hidden: [".share", ".embed-code", ".copy-link", ".leaflet-control-container", ".craft-map .map-live"]
      .filter(s => document.querySelector(s)).map(s => [s, shown(document.querySelector(s))]),
    offsite: [...document.querySelectorAll("main a[href^='http']")].map(a => [a.href, after(a)]),
    site: site ? [site.getAttribute("href"), after(site)] : null,
    cite: cite ? after(cite) : null,
    skip: after(document.querySelector(".skip-link")),
    name: after(document.querySelector(".site-name")),
    sources: shown(document.querySelector(".sources")),
    chartText: text ? getComputedStyle(text).fill : null,
    body: [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor],
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["kk/", "ru/{story}/"])
def test_print_shows_addresses_and_hides_controls_in_ink(visit, published_site, path):
    story = load_dataset(CONTENT).cities[0]["id"]
    v = visit(published_site.url(path.format(story=story)), init_script=TRACK_MAPS, color_scheme="dark")
    if path == "kk/":
        v.page.locator(".craft-map").scroll_into_view_if_needed()  # starts the live map
        v.page.wait_for_selector(".craft-map.is-live .leaflet-control-container", state="attached")
    v.page.emulate_media(media="print")
    got = v.page.evaluate(_PRINT)
    shown = [selector for selector, visible in got["hidden"] if visible]
    assert not shown, f"shown in print: {shown}"
    assert {s for s, _ in got["hidden"]} >= {".share", ".embed-code", ".copy-link"}
    assert got["offsite"], "no link to another site on the page"
    for href, after in got["offsite"]:
        assert href.rstrip("/") in after, f"{href}: printed as {after}"
    assert got["site"] and got["site"][0] in got["site"][1], f"site link printed as {got['site']}"
    assert got["skip"] == "none" and got["name"] == "none", "the skip link and site name print bare"
    if got["cite"] is not None:
        assert got["cite"] == "none", "a footnote number should print without its address"
    if path != "kk/":
        assert got["sources"], "the story's sources are hidden in print"
    # Ink on white paper, even for a reader whose screen is dark.
    assert rgb(got["body"][0]) == (0, 0, 0) and rgb(got["body"][1]) == (255, 255, 255), got["body"]
    assert got["chartText"] and rgb(got["chartText"]) == (0, 0, 0), got["chartText"]


# -- reduced motion ---------------------------------------------------------------------

_MOTION = """() => {
  const map = window.__maps[0];
  let cluster = null;
  map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) cluster = l; });
  const o = map.options;
  return {
    map: [o.zoomAnimation, o.fadeAnimation, o.markerZoomAnimation, map._zoomAnimated],
    cluster: cluster.options.animate,
    transition: getComputedStyle(document.querySelector("a")).transitionDuration,
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_reduced_motion_turns_off_the_maps_animations(visit, published_site, motion):
    v = visit(published_site.url("ru/"), init_script=TRACK_MAPS, reduced_motion=motion)
    v.page.locator(".craft-map").scroll_into_view_if_needed()  # starts the live map
    v.page.wait_for_selector(".craft-map.is-live .leaflet-marker-icon", state="attached")
    got = v.page.evaluate(_MOTION)
    animated = motion == "no-preference"
    assert got["map"] == [animated] * 4, f"zoom/fade/marker animations, zoom animated: {got['map']}"
    assert got["cluster"] is animated
    if not animated:
        assert float(got["transition"].rstrip("s")) < 0.001, got["transition"]
