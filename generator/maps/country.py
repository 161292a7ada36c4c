"""The country and its cities as every map of one build sees them, computed once.

The outline is compacted and projected once per dataset, not once per page:
a build draws a home map per language and a story map per story.
"""

from __future__ import annotations

import numpy as np
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from ..data.model import Dataset
from ..data.records import point
from .geo import Frame, compact_outline, mercator, outline_geometry
from .svg import path_data


class Country:
    """Geometry computed once per dataset and shared by every page of a build."""

    def __init__(self, data: Dataset) -> None:
        self.geojson = compact_outline(outline_geometry(data.outline))
        self.land: BaseGeometry = shape(self.geojson["geometry"])
        # Cities in Mercator units, so a story map finds its neighbours by arithmetic.
        merc = [mercator(*point(c)) for c in data.cities]
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


def country(data: Dataset) -> Country:
    """The dataset's Country, made on first use."""
    cached = getattr(data, "_map_geo", None)
    if cached is None:
        cached = Country(data)
        data._map_geo = cached  # lives and dies with this build's dataset
    return cached
