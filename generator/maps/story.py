"""A story page's map: a small static SVG centred on the story's city.

Why static: Leaflet alone is 46 KB gzipped, more than the 40 KB a story page
may weigh; an inline SVG locator costs about 3 KB, prints, and needs no
script. The home page keeps the interactive map.
"""

from __future__ import annotations

import numpy as np

from ..data.model import Dataset
from ..data.records import City, point
from ..i18n import Translator
from .country import country
from .geo import Frame
from .svg import SvgCity, SvgMap, inset_layout, map_layout

STORY_WIDTH, STORY_HEIGHT, STORY_SPAN = 640, 360, 16  # 16 degrees of longitude wide
STORY_LABELS = 10  # the story's city and its nearest neighbours are named; further ones are dots
STORY_CITIES = 40  # at most this many dots: context, not a second full map


def story_map(data: Dataset, city: City, lang: str, t: Translator) -> SvgMap:
    """A static locator: the country around the city, nearby craft cities, and an overview inset."""
    geo = country(data)
    lon, lat = point(city)
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
                *point(c),
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
