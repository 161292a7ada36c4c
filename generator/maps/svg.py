"""Static SVG maps, laid out at build time: what readers without JavaScript, printers
and screen readers get, and the whole map on story pages.

Python places the dots and labels; theme/templates/maps/map.svg draws them
(Jinja's autoescaping escapes every text). The SVG is inlined in the page, so
it costs no request and prints as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..palette import ACCENT, BORDER, INK, LAND, OUTSIDE
from .geo import Frame, project_geometry
from .labels import Box, place_labels

DOT = ACCENT


@dataclass(frozen=True)
class Colours:
    land: str = LAND
    border: str = BORDER
    outside: str = OUTSIDE
    dot: str = DOT
    ink: str = INK


@dataclass(frozen=True)
class SvgCity:
    lon: float
    lat: float
    name: str
    main: bool = False  # the story's own city, drawn larger
    labelled: bool = True  # False: a dot only (and an obstacle for other labels)


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    main: bool  # drawn ringed


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str  # SVG text-anchor
    bold: bool
    text: str


@dataclass(frozen=True)
class Inset:
    """The overview in a story map's corner, at (x, y): the country in a w x h box
    and the main map's window on it."""

    x: float
    y: float
    w: int
    h: int
    land: str
    window_x: float
    window_y: float
    window_w: float
    window_h: float


@dataclass(frozen=True)
class SvgMap:
    """What theme/templates/maps/map.svg draws."""

    id: str  # unique on its page; the <title>'s id derives from it
    title: str
    width: int
    height: int
    land: str  # SVG path data of the outline
    dots: list[Dot]
    labels: list[Label]
    font: float
    inset: Inset | None = None
    colours: Colours = Colours()


def path_data(geometry: BaseGeometry, frame: Frame, clip: float | None = None) -> str:
    """SVG path of polygons in `frame`: tenths of a unit, relative moves (about half the bytes).

    With `clip`, only what lies within `clip` units of the frame is kept: a story
    map carries its own corner of the country, not the whole outline.
    """
    plane = project_geometry(geometry, frame)
    if clip is not None:
        plane = shapely.clip_by_rect(plane, -clip, -clip, frame.width + clip, frame.height + clip)
    parts: list[str] = []
    for polygon in getattr(plane, "geoms", [plane]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            tenths = np.rint(np.asarray(ring.coords)[:, :2] * 10).astype(np.int64)
            steps = np.diff(tenths, axis=0)
            steps = steps[(steps != 0).any(axis=1)].tolist()
            path = f"M{_tenths(tenths[0][0])} {_tenths(tenths[0][1])}"
            if steps:
                path += "l" + " ".join(f"{_tenths(dx)} {_tenths(dy)}" for dx, dy in steps)
            parts.append(path + "z")
    return "".join(parts)


def _tenths(n: int) -> str:
    """Tenths as the shortest SVG number: 5 -> '.5', -5 -> '-.5', 30 -> '3', 0 -> '0'."""
    whole, tenth = divmod(abs(int(n)), 10)
    sign = "-" if n < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _label(x: float, y: float, side: str, size: float, gap: float) -> tuple[float, float, str]:
    if side == "right":
        return x + gap, y + size * 0.35, "start"
    if side == "left":
        return x - gap, y + size * 0.35, "end"
    if side == "top":
        return x, y - gap, "middle"
    return x, y + gap + size * 0.8, "middle"


def map_layout(
    land: str,
    cities: Sequence[SvgCity],
    frame: Frame,
    title: str,
    svg_id: str,
    labels: bool = True,
    font: float = 22,
    inset: Inset | None = None,
    blocked: Sequence[Box] = (),
) -> SvgMap:
    """The outline (`land`, SVG path data from path_data()), a dot per city and,
    where they fit, name labels.

    Cities under a `blocked` box (the inset) are left out: the inset covers them.
    """
    w, h = round(frame.width), round(frame.height)
    shown = [(c, frame.project(c.lon, c.lat)) for c in cities]
    shown = [(c, p) for c, p in shown if not any(_inside(p, b) for b in blocked)]
    cities = [c for c, _ in shown]
    pts = [p for _, p in shown]
    gap = font * 0.55
    sides = (
        place_labels(pts, [c.name if c.labelled else None for c in cities], font, gap, (w, h), blocked)
        if labels
        else [None] * len(cities)
    )
    dots, texts = [], []
    for city, (x, y), side in zip(cities, pts, sides, strict=True):
        if city.main and labels and side is None:
            side = "bottom"  # the story's own city is always named, even if its label is long
        r = font * (0.42 if city.main else 0.27)
        dots.append(Dot(x, y, r, city.main))
        if side:
            tx, ty, anchor = _label(x, y, side, font, gap + (r if city.main else 0))
            texts.append(Label(tx, ty, anchor, city.main, city.name))
    return SvgMap(svg_id, title, w, h, land, dots, texts, font, inset)


def inset_layout(land: str, frame: Frame, window: Frame, x: float, y: float) -> Inset:
    """A small overview of the whole country (`land`: path data in `frame`) with the main
    map's window marked on it."""
    wx0, wy0 = _in(frame, window.x0, window.y0)
    wx1, wy1 = _in(frame, window.x0 + window.width / window.scale, window.y0 + window.height / window.scale)
    w, h = round(frame.width), round(frame.height)
    return Inset(
        x, y, w, h, land, max(wx0, 0), max(wy0, 0), min(wx1, w) - max(wx0, 0), min(wy1, h) - max(wy0, 0)
    )


def _inside(p: tuple[float, float], b: Box) -> bool:
    return b[0] <= p[0] <= b[2] and b[1] <= p[1] <= b[3]


def _in(frame: Frame, mx: float, my: float) -> tuple[float, float]:
    """A Mercator point in `frame`'s viewBox units."""
    return (mx - frame.x0) * frame.scale, (my - frame.y0) * frame.scale
