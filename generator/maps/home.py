"""The home page's map: a folium/Leaflet map of every craft city, and a static
SVG of the same outline, cities and labels for readers without JavaScript
(theme/templates/_map.html shows the one or the other)."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..data.model import Dataset
from ..data.records import point
from ..i18n import Translator
from .assets import MapAssets
from .country import country
from .geo import Frame, fit_scale, mercator
from .labels import place_pin_labels
from .live import LiveMap, Pin, build_live_map
from .popups import city_statuses, popup_texts, story_link
from .svg import SvgCity, SvgMap, map_layout, path_data

HOME_WIDTH = 1000  # viewBox units of the home SVG

# Up to this many cities, each marker carries its name as a label (placed at
# build time); beyond it the names are in the popups and the list only.
LABELS_UP_TO = 40

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


def home_map(
    env: Environment, data: Dataset, lang: str, siteurl: str, story_urls: dict[str, str], t: Translator
) -> HomeMap:
    geo = country(data)
    cities = data.cities
    labelled = len(cities) <= LABELS_UP_TO
    min_lon, min_lat, max_lon, max_lat = geo.land.bounds
    frame = Frame.around((min_lon, min_lat, max_lon, max_lat), HOME_WIDTH, pad=24)
    names = [c["name"][lang] for c in cities]
    # The SVG places its labels itself (map_layout); the live map's labels are
    # placed for its tightest view: a phone, starting on the cities.
    points = [point(c) for c in cities]
    lons, lats = [lon for lon, _ in points], [lat for _, lat in points]
    city_bounds = (min(lons), min(lats), max(lons), max(lats))
    scale = fit_scale(city_bounds, NARROW_BOX, NARROW_PADDING, NARROW_MAX_ZOOM)
    pixels = [(mercator(lon, lat)[0] * scale, mercator(lon, lat)[1] * scale) for lon, lat in points]
    credits = env.get_template("maps/credits.html").module
    pin_sides = place_pin_labels(pixels, names, LABEL_PX) if labelled else [None] * len(cities)
    svg = map_layout(
        path_data(geo.land, frame),
        [SvgCity(lon, lat, n) for (lon, lat), n in zip(points, names, strict=True)],
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
    statuses: list[str] = []  # each status name once; the pins point into it
    pins = [
        Pin(
            lat=lat,
            lon=lon,
            name=name,
            link=story_link(siteurl, story_urls.get(c["id"]), f"{lang}/"),
            statuses=city_statuses(c, lang, statuses),
            side=side,
        )
        for c, (lon, lat), name, side in zip(cities, points, names, pin_sides, strict=True)
    ]
    live = build_live_map(
        prefix=f"home_{lang}",
        outline=geo.geojson,
        pins=pins,
        texts=popup_texts(statuses, t),
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
