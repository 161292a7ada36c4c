"""Geometry shared by the live and the static maps: the compact outline and the
projection.

Both maps use Web Mercator (Leaflet's EPSG:3857), so the static SVG and the
folium map draw the same shapes and put labels on the same sides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

# Two decimals (about 1 km) are plenty at country scale and keep the page lean.
OUTLINE_DECIMALS = 2


def outline_geometry(outline: dict) -> BaseGeometry:
    """The country's (multi)polygon from the GeoJSON FeatureCollection in content/data/geo."""
    return shape(outline["features"][0]["geometry"])


def _round_ring(ring: Iterable[Sequence[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat, *_ in ring:
        point = [round(lon, OUTLINE_DECIMALS), round(lat, OUTLINE_DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def compact_outline(geometry: BaseGeometry) -> dict:
    """GeoJSON Feature of the outline: 2-decimal coordinates, no properties.

    Rings that collapse to fewer than four points after rounding are dropped.
    """
    geo = mapping(geometry)
    polygons = geo["coordinates"] if geo["type"] == "MultiPolygon" else [geo["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [_round_ring(ring) for ring in polygon]
        if len(rings[0]) >= 4:
            kept.append([r for r in rings if len(r) >= 4])
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": kept}}


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator, scaled so the whole world is 0..1 on both axes (y grows southwards)."""
    lat = max(min(lat, 85.05), -85.05)
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return lon / 360 + 0.5, 0.5 - y / (2 * math.pi)


def project_geometry(geometry: BaseGeometry, frame: Frame) -> BaseGeometry:
    """The geometry in `frame`'s viewBox units (vectorised mercator() + Frame.project())."""

    def to_frame(coords: np.ndarray) -> np.ndarray:
        lat = np.radians(np.clip(coords[:, 1], -85.05, 85.05))
        x = coords[:, 0] / 360 + 0.5
        y = 0.5 - np.log(np.tan(np.pi / 4 + lat / 2)) / (2 * np.pi)
        return np.column_stack(((x - frame.x0) * frame.scale, (y - frame.y0) * frame.scale))

    return shapely.transform(geometry, to_frame)


@dataclass(frozen=True)
class Frame:
    """A rectangle of the Mercator plane drawn into a width x height viewBox."""

    x0: float
    y0: float
    scale: float  # viewBox units per Mercator unit
    width: float
    height: float

    @classmethod
    def around(cls, bounds: tuple[float, float, float, float], width: float, pad: float) -> Frame:
        """Fit lon/lat bounds (min lon, min lat, max lon, max lat) into `width`, `pad` units each side."""
        x0, y1 = mercator(bounds[0], bounds[1])
        x1, y0 = mercator(bounds[2], bounds[3])
        scale = (width - 2 * pad) / (x1 - x0)
        height = (y1 - y0) * scale + 2 * pad
        return cls(x0 - pad / scale, y0 - pad / scale, scale, width, round(height))

    @classmethod
    def centred(cls, lon: float, lat: float, span_lon: float, width: float, height: float) -> Frame:
        """`span_lon` degrees wide, centred on a point."""
        cx, cy = mercator(lon, lat)
        scale = width / (span_lon / 360)
        return cls(cx - width / 2 / scale, cy - height / 2 / scale, scale, width, height)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = mercator(lon, lat)
        return (x - self.x0) * self.scale, (y - self.y0) * self.scale


def fit_scale(
    bounds: tuple[float, float, float, float],
    box: tuple[float, float],
    padding: tuple[float, float],
    max_zoom: float,
) -> float:
    """Screen pixels per Mercator unit when Leaflet fits lon/lat `bounds` into a `box`
    (width, height) with `padding`, zoom snapped to quarters as the live map does."""
    x0, y1 = mercator(bounds[0], bounds[1])
    x1, y0 = mercator(bounds[2], bounds[3])
    room = min(
        (box[0] - 2 * padding[0]) / max((x1 - x0) * 256, 1e-12),
        (box[1] - 2 * padding[1]) / max((y1 - y0) * 256, 1e-12),
    )
    zoom = min(max_zoom, math.floor(math.log2(room) * 4) / 4)
    return 256 * 2**zoom
