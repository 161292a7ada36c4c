"""Where each city's name goes, on the static SVG and beside the live map's pins.

Both maps put a label on the same side of its city, so a reader who switches
from one to the other finds the names where they were. Greedy and
deterministic: labels are placed in data order.
"""

from __future__ import annotations

from collections.abc import Sequence

# Sides tried for a label, in order; the names are Leaflet tooltip directions.
SIDES = ("right", "left", "top", "bottom")

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_box(x: float, y: float, text: str, size: float, side: str, gap: float) -> Box:
    """Rough extent of a label: Cyrillic and Latin letters average about 0.6 em."""
    w, h = 0.6 * size * len(text), size
    if side == "right":
        return x + gap, y - h / 2, x + gap + w, y + h / 2
    if side == "left":
        return x - gap - w, y - h / 2, x - gap, y + h / 2
    if side == "top":
        return x - w / 2, y - gap - h, x + w / 2, y - gap
    return x - w / 2, y + gap, x + w / 2, y + gap + h


def place_labels(
    points: Sequence[tuple[float, float]],
    texts: Sequence[str | None],
    size: float,
    gap: float,
    frame: tuple[float, float],
    blocked: Sequence[Box] = (),
) -> list[str | None]:
    """A side for each label, or None where no side is free (the list still names every city)
    or the text is None (a dot without a label).

    Greedy and deterministic: labels are placed in data order, each on the first
    side that overlaps no point, no placed label, nothing `blocked` (an inset)
    and stays inside the frame.
    """
    dots: list[Box] = [(x - gap / 2, y - gap / 2, x + gap / 2, y + gap / 2) for x, y in points]
    placed: list[Box] = list(blocked)
    sides: list[str | None] = []
    for i, ((x, y), text) in enumerate(zip(points, texts, strict=True)):
        chosen = None
        for side in SIDES if text is not None else ():
            b = label_box(x, y, text, size, side, gap)
            if b[0] < 0 or b[1] < 0 or b[2] > frame[0] or b[3] > frame[1]:
                continue
            if any(_overlaps(b, o) for o in placed) or any(
                _overlaps(b, d) for j, d in enumerate(dots) if j != i
            ):
                continue
            chosen = side
            placed.append(b)
            break
        sides.append(chosen)
    return sides


# Leaflet's default marker: a 25 x 41 px pin standing on its point; labels sit
# beside its head (see the label offsets in live.CityMarkers).
_PIN_HEAD = 28


def pin_label_box(x: float, y: float, text: str, size: float, side: str) -> Box:
    """Extent in screen pixels of a Leaflet label (padding included) for a pin at (x, y)."""
    w, h = 0.6 * size * len(text) + 10, size * 1.5
    hy = y - _PIN_HEAD
    if side == "right":
        return x + 14, hy - h / 2, x + 14 + w, hy + h / 2
    if side == "left":
        return x - 14 - w, hy - h / 2, x - 14, hy + h / 2
    if side == "top":
        return x - w / 2, y - 48 - h, x + w / 2, y - 48
    return x - w / 2, y + 2, x + w / 2, y + 2 + h


def place_pin_labels(
    points: Sequence[tuple[float, float]], texts: Sequence[str], size: float
) -> list[str | None]:
    """Label sides for the live map's pins, at screen pixels (`points`): greedy like
    place_labels(), with every pin an obstacle; None where no side is free."""
    pins: list[Box] = [(x - 12.5, y - 41, x + 12.5, y) for x, y in points]
    placed: list[Box] = []
    sides: list[str | None] = []
    for i, ((x, y), text) in enumerate(zip(points, texts, strict=True)):
        chosen = None
        for side in SIDES:
            b = pin_label_box(x, y, text, size, side)
            if any(_overlaps(b, o) for o in placed) or any(
                _overlaps(b, p) for j, p in enumerate(pins) if j != i
            ):
                continue
            chosen = side
            placed.append(b)
            break
        sides.append(chosen)
    return sides
