"""A story page's map: a small static SVG centred on the story's city.

Why static: Leaflet alone is 46 KB gzipped, more than the 40 KB a story page
may weigh; an inline SVG locator costs about 3 KB, prints, and needs no
script. The home page keeps the interactive map.
"""

from __future__ import annotations

import numpy as np

from ..data.model import Dataset
from ..i18n import Translator
from .country import country
from .geo import Frame
from .svg import SvgCity, SvgMap, inset_layout, map_layout

STORY_WIDTH, STORY_HEIGHT, STORY_SPAN = 640, 360, 16  # 16 degrees of longitude wide
STORY_LABELS = 10  # the story's city and its nearest neighbours are named; further ones are dots
STORY_CITIES = 40  # at most this many dots: context, not a second full map


def story_map(data: Dataset, city: dict, lang: str, t: Translator) -> SvgMap:
    """A static locator: the country around the city, nearby craft cities, and an overview inset."""
    land = country(data)
    lon, lat = city["coordinates"]["lon"], city["coordinates"]["lat"]
    frame = Frame.centred(lon, lat, STORY_SPAN, STORY_WIDTH, STORY_HEIGHT)
    x1, y1 = frame.x0 + frame.width / frame.scale, frame.y0 + frame.height / frame.scale
    inside = np.flatnonzero((land.mx >= frame.x0) & (land.mx <= x1) & (land.my >= frame.y0) & (land.my <= y1))
    here = data.cities.index(city)
    distance = (land.mx[inside] - land.mx[here]) ** 2 + (land.my[inside] - land.my[here]) ** 2
    # The story's city first (distance 0, labelled first), then the nearest; stable, so deterministic.
    nearby = [data.cities[i] for i in inside[np.argsort(distance, kind="stable")][:STORY_CITIES]]
    nearby.sort(key=lambda c: c["id"] != city["id"])
    ox = STORY_WIDTH - land.overview_frame.width - 6
    inset = inset_layout(land.overview_path, land.overview_frame, frame, ox, 6)
    return map_layout(
        land.story_path(city["id"], frame),
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
        blocked=[(ox - 6, 0, STORY_WIDTH, land.overview_frame.height + 12)],
    )
