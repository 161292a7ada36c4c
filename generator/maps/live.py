"""The interactive home map, built by folium at build time.

folium writes a whole HTML document that loads jQuery, Bootstrap and Font
Awesome from CDNs and builds popups with jQuery. We keep folium as the map
builder but take only its map <div> and its script, and:

- point `default_js` / `default_css` of *this* map (and cluster layer) at
  Leaflet copied from XStatic packages (never the class-level lists);
- draw the cities with our own folium element (markers.CityMarkers, after
  folium's FastMarkerCluster): one JSON row of plain values per city, written
  as safe JS literals (no `</script>`, no `{{` left for branca's second Jinja
  pass), from which map.js builds markers, labels and popups with DOM text:
  no jQuery, no HTML from the data anywhere;
- give every element a counter id with a per-map prefix while this one map is
  built and rendered, so builds are byte-identical.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import folium
from branca.element import Element
from folium.plugins import MarkerCluster
from folium.utilities import JsCode
from markupsafe import Markup

from ..palette import ACCENT, BORDER, LAND
from .assets import MapAssets
from .markers import CityMarkers, MapSetup, Pin


@dataclass(frozen=True)
class LiveMap:
    html: Markup  # the map's <div>
    script: Markup  # what builds it, for an inline <script>
    js: list[str]  # Leaflet's script URLs, in order: map.js loads them when the map starts
    css: list[str]  # Leaflet's stylesheet URLs, loaded with them
    starter: str  # map.js, the one script the page itself loads (with `defer`)


# Leaflet's animations, on unless the reader asks for reduced motion (map.js
# reads prefers-reduced-motion when the map is made).
MOTION = JsCode("craftMap.motion()")

# Pixels within which markers cluster. Farther apart, each 25 × 41 px marker icon
# keeps at least 24 × 24 px that no other covers (WCAG 2.5.8, axe's target-size).
CLUSTER_RADIUS = 30


@contextmanager
def _counter_ids(prefix: str) -> Iterator[None]:
    """Element ids `<prefix>_1`, `<prefix>_2`, ... while one map is built and rendered.

    branca 0.8.2 calls `Element._generate_id()` for every id; the override lasts
    only for this block and is undone even on error, so maps never share a
    counter. (Pelican renders pages one at a time, in one thread.)
    """
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}_{next(counter)}")
    try:
        yield
    finally:
        Element._generate_id = original


def _assets(root: Element, allowed: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Script and stylesheet URLs every element of the map asks for, checked to be our own copies."""
    js: list[str] = []
    css: list[str] = []

    def walk(el: Element) -> None:
        for attr, found in (("default_js", js), ("default_css", css)):
            for _name, url in getattr(el, attr, []):
                if not url.startswith(allowed):
                    raise ValueError(f"map asset {url} is not served from the site itself")
                if url not in found:
                    found.append(url)
        for child in el._children.values():
            walk(child)

    walk(root)
    return js, css


def _script_safe(js: str) -> str:
    """Make folium's script safe inside an HTML <script>: no `</` or `<!--` can end or confuse it.

    folium already writes strings as JSON with `<` escaped; this is a second
    guard that does not change what the JS means (`<\\/` is `</` in a string).
    """
    js = js.replace("</", "<\\/").replace("<!--", "<\\!--")
    # Drop folium's indentation and blank lines: about a third of the bytes.
    return "\n".join(line.strip() for line in js.splitlines() if line.strip())


def build_live_map(
    prefix: str,
    outline: dict,
    pins: Sequence[Pin],
    texts: dict,
    bounds: tuple[tuple[float, float], tuple[float, float]],
    assets: MapAssets,
    setup: dict,
    outline_attribution: str,
) -> LiveMap:
    """A fresh folium Map for one page (rendering a Map twice duplicates layers)."""
    with _counter_ids(prefix):
        m = folium.Map(
            location=None,
            tiles=None,  # no tiles: the outline is the base map, no third-party requests
            zoom_control=False,  # added by craftMap.setup() with translated titles
            scroll_wheel_zoom=False,  # the page scrolls, not the map
            dragging=JsCode("!L.Browser.mobile"),  # one finger scrolls the page on touch screens
            zoom_snap=0.25,
            zoom_animation=MOTION,
            fade_animation=MOTION,
            marker_zoom_animation=MOTION,
            max_bounds=True,
            min_lat=bounds[0][0] - 8,
            min_lon=bounds[0][1] - 12,
            max_lat=bounds[1][0] + 8,
            max_lon=bounds[1][1] + 12,
        )
        # folium's own min_zoom/max_zoom only reach a tile layer, and there is none;
        # the cluster layer needs the map's maxZoom.
        m.options.update(min_zoom=3, max_zoom=12)
        m.default_js = [("leaflet", assets.leaflet_js)]
        m.default_css = [("leaflet", assets.leaflet_css)]
        folium.GeoJson(
            outline,
            style_function=lambda _f: {
                "color": BORDER,
                "weight": 1.5,
                "fillColor": LAND,
                "fillOpacity": 1,
            },
            interactive=False,
            attribution=outline_attribution,
        ).add_to(m)
        fit = folium.FitBounds([list(bounds[0]), list(bounds[1])])
        fit.options["animate"] = False  # start on the country, without a zoom animation from the world view
        # Before the markers: the cluster layer then draws at the starting zoom, with no
        # cluster splitting open on screen as the view is set.
        fit.add_to(m)
        # Markers closer on screen than a marker's height join a cluster, at every
        # zoom and for any number of cities: no marker hides another, and each
        # stays a 24 px target (WCAG 2.5.8) whatever the content.
        layer = MarkerCluster(show_coverage_on_hover=False, max_cluster_radius=CLUSTER_RADIUS, animate=MOTION)
        layer.default_js = [("markercluster", assets.cluster_js)]
        layer.default_css = [
            ("markercluster", assets.cluster_css),
            ("markercluster_default", assets.cluster_default_css),
        ]
        layer.add_to(m)
        CityMarkers(pins, {**texts, "pin": ACCENT}).add_to(layer)
        MapSetup(setup).add_to(m)

        fig = m.get_root()
        fig.render()
        html = fig.html.render()
        script = fig.script.render()
        js, css = _assets(fig, assets.allowed_prefixes())
    return LiveMap(
        html=Markup(html.strip()),
        script=Markup(_script_safe(script)),
        js=js,
        css=css,
        starter=assets.map_js,
    )
