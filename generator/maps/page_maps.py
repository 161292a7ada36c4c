"""The map of the craft cities: what templates call to draw it.

`craft_home_map()` (home page) gives a folium/Leaflet map plus a static SVG of
the same outline, cities and labels; `craft_story_map()` (story page) gives a
small static SVG centred on the story's city. Both are Jinja globals that read
the page being rendered (language, relative SITEURL), so links in popups
resolve exactly like the page's other links.

Why the story map is static: Leaflet alone is 46 KB gzipped, more than the
40 KB a story page may weigh; an inline SVG locator costs about 3 KB, prints,
and needs no script. The home page keeps the interactive map.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..data.model import Dataset
from ..i18n import Translator, format_partial_date, page_lang
from .assets import LABELS_UP_TO, MapAssets
from .geo import (
    Frame,
    compact_outline,
    fit_scale,
    mercator,
    outline_geometry,
    place_pin_labels,
)
from .live import LiveMap, Pin, build_live_map
from .svg import SvgCity, SvgMap, inset_layout, map_layout, path_data

HOME_WIDTH = 1000  # viewBox units of the home SVG
STORY_WIDTH, STORY_HEIGHT, STORY_SPAN = 640, 360, 16  # story locator: 16 degrees of longitude wide
STORY_LABELS = 10  # the story's city and its nearest neighbours are named; further ones are dots
STORY_CITIES = 40  # at most this many dots: context, not a second full map

# Below NARROW_MAP px of map width the live map starts on the cities, not the
# whole country (see map.js); NARROW_BOX is the map box on a 320 px phone.
NARROW_MAP = 560
NARROW_BOX, NARROW_PADDING, NARROW_MAX_ZOOM = (288.0, 256.0), (90.0, 50.0), 7
LABEL_PX = 15.3  # the live map's label font (0.9rem of the 17px body text)


@dataclass(frozen=True)
class HomeMap:
    id: str
    svg: SvgMap  # drawn by theme/templates/maps/map.svg
    live: LiveMap


@dataclass(frozen=True)
class PopupStatus:
    name: str
    when: str  # the year awarded, or that the reports do not say


@dataclass(frozen=True)
class Popup:
    """What a city's popup says; theme/templates/maps/live.html draws it."""

    name: str
    statuses: list[PopupStatus]
    href: str | None  # the story, if the city has one in this language
    link_text: str


def safe_href(url: str) -> str:
    """Only relative or http(s) links may reach a popup."""
    scheme = urlsplit(url).scheme
    if scheme not in ("", "http", "https"):
        raise ValueError(f"refusing a {scheme}: link in a map popup: {url!r}")
    return url


class _Geo:
    """Geometry computed once per dataset and shared by every page of a build."""

    def __init__(self, data: Dataset) -> None:
        self.geojson = compact_outline(outline_geometry(data.outline))
        self.land: BaseGeometry = shape(self.geojson["geometry"])
        # Cities in Mercator units, so a story map finds its neighbours by arithmetic.
        merc = [mercator(c["coordinates"]["lon"], c["coordinates"]["lat"]) for c in data.cities]
        self.mx = np.array([m[0] for m in merc])
        self.my = np.array([m[1] for m in merc])
        # The inset of story maps: the same small overview on every story.
        overview = self.land.simplify(0.15, preserve_topology=True)
        self.overview_frame = Frame.around(overview.bounds, 150, pad=4)
        self.overview_path = path_data(overview, self.overview_frame)
        self._story_paths: dict[str, str] = {}

    def story_path(self, city_id: str, frame: Frame) -> str:
        """The outline around one story's city; both languages draw the same."""
        if city_id not in self._story_paths:
            self._story_paths[city_id] = path_data(self.land, frame, clip=8)
        return self._story_paths[city_id]


def _geo(data: Dataset) -> _Geo:
    cached = getattr(data, "_map_geo", None)
    if cached is None:
        cached = _Geo(data)
        data._map_geo = cached  # lives and dies with this build's dataset
    return cached


def _when(date: str | None, t: Translator) -> str:
    """ "Year awarded: 2022", or a sentence saying the reports give no date."""
    if not date:
        return t.gettext("The reports do not say when it was awarded.")
    label = t.gettext("Year awarded")
    return f"{label}: {format_partial_date(date[:4], t.lang)}"


def popup_html(env: Environment, city: dict, lang: str, href: str | None, t: Translator) -> Markup:
    """Name, status(es) with the year awarded, and the link to the story, all escaped."""
    popup = Popup(
        name=city["name"][lang],
        statuses=[PopupStatus(s["name"][lang], _when(s["date"], t)) for s in city["statuses"]],
        href=safe_href(href) if href else None,
        link_text=t.gettext("Read the story"),
    )
    return env.get_template("maps/live.html").module.popup(popup)


def _story_urls(ctx: Context, lang: str) -> dict[str, str]:
    stories = ctx.get("stories_by_lang", {}).get(lang, [])
    return {s.city["id"]: s.url for s in stories}


def home_map(
    env: Environment, data: Dataset, lang: str, siteurl: str, story_urls: dict[str, str], t: Translator
) -> HomeMap:
    geo = _geo(data)
    cities = data.cities
    labelled = len(cities) <= LABELS_UP_TO
    min_lon, min_lat, max_lon, max_lat = geo.land.bounds
    frame = Frame.around((min_lon, min_lat, max_lon, max_lat), HOME_WIDTH, pad=24)
    names = [c["name"][lang] for c in cities]
    # The SVG places its labels itself (city_map_svg); the live map's labels are
    # placed for its tightest view: a phone, starting on the cities.
    lons = [c["coordinates"]["lon"] for c in cities]
    lats = [c["coordinates"]["lat"] for c in cities]
    city_bounds = (min(lons), min(lats), max(lons), max(lats))
    scale = fit_scale(city_bounds, NARROW_BOX, NARROW_PADDING, NARROW_MAX_ZOOM)
    pixels = [
        (mercator(lon, lat)[0] * scale, mercator(lon, lat)[1] * scale)
        for lon, lat in zip(lons, lats, strict=True)
    ]
    live_html = env.get_template("maps/live.html").module
    credits = env.get_template("maps/credits.html").module
    pin_sides = place_pin_labels(pixels, names, LABEL_PX) if labelled else [None] * len(cities)
    svg = map_layout(
        path_data(geo.land, frame),
        [
            SvgCity(c["coordinates"]["lon"], c["coordinates"]["lat"], n)
            for c, n in zip(cities, names, strict=True)
        ],
        frame,
        t.ngettext(
            "Map of Kazakhstan with %(num)d craft city. The same cities are listed below with links to their stories.",
            "Map of Kazakhstan with %(num)d craft cities. The same cities are listed below with links to their stories.",
            len(cities),
        ),
        svg_id=f"map-static-{lang}",
        labels=labelled,
        font=26,
    )
    pins = [
        Pin(
            lat=c["coordinates"]["lat"],
            lon=c["coordinates"]["lon"],
            name=name,
            popup=popup_html(
                env, c, lang, f"{siteurl}/{story_urls[c['id']]}" if c["id"] in story_urls else None, t
            ),
            label=live_html.label(name) if side else None,
            side=side,
        )
        for c, name, side in zip(cities, names, pin_sides, strict=True)
    ]
    live = build_live_map(
        prefix=f"home_{lang}",
        outline=geo.geojson,
        pins=pins,
        bounds=((min_lat, min_lon), (max_lat, max_lon)),
        assets=MapAssets(siteurl),
        setup={
            "label": t.gettext("Interactive map of the craft cities"),
            "zoomIn": t.gettext("Zoom in"),
            "zoomOut": t.gettext("Zoom out"),
            "close": t.gettext("Close"),
            "prefix": str(credits.leaflet()),
            # "%(num)s" is filled in by map.js: the wording works for any number.
            "cluster": t.gettext("Craft cities in this area: %(num)s. Select to zoom in."),
            "narrow": {
                "width": NARROW_MAP,
                "bounds": [[city_bounds[1], city_bounds[0]], [city_bounds[3], city_bounds[2]]],
                "padding": list(NARROW_PADDING),
                "maxZoom": NARROW_MAX_ZOOM,
            },
        },
        outline_attribution=str(credits.natural_earth()),
    )
    return HomeMap(id=f"craft-map-{lang}", svg=svg, live=live)


def story_map(data: Dataset, city: dict, lang: str, t: Translator) -> SvgMap:
    """A static locator: the country around the city, nearby craft cities, and an overview inset."""
    geo = _geo(data)
    lon, lat = city["coordinates"]["lon"], city["coordinates"]["lat"]
    frame = Frame.centred(lon, lat, STORY_SPAN, STORY_WIDTH, STORY_HEIGHT)
    x1, y1 = frame.x0 + frame.width / frame.scale, frame.y0 + frame.height / frame.scale
    inside = np.flatnonzero((geo.mx >= frame.x0) & (geo.mx <= x1) & (geo.my >= frame.y0) & (geo.my <= y1))
    here = data.cities.index(city)
    distance = (geo.mx[inside] - geo.mx[here]) ** 2 + (geo.my[inside] - geo.my[here]) ** 2
    # The story's city first (distance 0, labelled first), then the nearest; stable, so deterministic.
    nearby = [data.cities[i] for i in inside[np.argsort(distance, kind="stable")][:STORY_CITIES]]
    nearby.sort(key=lambda c: c["id"] != city["id"])
    ox = STORY_WIDTH - geo.overview_frame.width - 6
    inset = inset_layout(geo.overview_path, geo.overview_frame, frame, ox, 6)
    return map_layout(
        geo.story_path(city["id"], frame),
        [
            SvgCity(
                c["coordinates"]["lon"],
                c["coordinates"]["lat"],
                c["name"][lang],
                main=c["id"] == city["id"],
                labelled=i < STORY_LABELS,
            )
            for i, c in enumerate(nearby)
        ],
        frame,
        t.gettext("Map: where %(city)s lies in Kazakhstan", city=city["name"][lang]),
        svg_id=f"map-story-{city['id']}",
        font=20,
        inset=inset,
        blocked=[(ox - 6, 0, STORY_WIDTH, geo.overview_frame.height + 12)],
    )


def install(env, catalog_dir: str) -> None:
    """Jinja globals `craft_home_map()` and `craft_story_map()` for the page being rendered."""

    @pass_context
    def craft_home_map(ctx: Context) -> HomeMap:
        lang = page_lang(ctx)
        return home_map(
            ctx.environment,
            ctx["craft"],
            lang,
            ctx["SITEURL"],
            _story_urls(ctx, lang),
            Translator(catalog_dir, lang),
        )

    @pass_context
    def craft_story_map(ctx: Context) -> SvgMap:
        lang = page_lang(ctx)
        return story_map(ctx["craft"], ctx["article"].city, lang, Translator(catalog_dir, lang))

    env.globals.update(craft_home_map=craft_home_map, craft_story_map=craft_story_map)
