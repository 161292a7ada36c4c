"""Pictures for link previews and browser tabs, drawn with Pillow at build time.

Each story gets a 1200x630 PNG (the size Open Graph and Twitter cards expect):
the outline of Kazakhstan from content/data/geo with every craft city as a dot
and the story's city ringed. The other pages share one with all cities alike.
No text is drawn, so no font is needed and one picture serves both languages;
the page's title travels beside it in og:title. Pillow's output depends only on
its inputs and version, so builds stay byte-identical.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable

from PIL import Image, ImageDraw

from .model import Dataset

OG_DIR = "images/og"
OG_SIZE = (1200, 630)
SITE_IMAGE = "site"  # og image of the pages that are not stories
FAVICON_PNG = "images/favicon-32.png"
TOUCH_ICON = "images/apple-touch-icon.png"

# The theme's palette (theme/static/css/site.css).
PAPER = (253, 252, 249)
LAND = (244, 231, 223)  # --accent-soft
BORDER = (138, 44, 15)  # --accent
INK = (29, 29, 31)
MUTED = (74, 74, 82)

SCALE = 3  # draw this many times larger, then shrink: smooth edges without antialiasing support


def og_image_path(city_id: str | None) -> str:
    """Site-relative path of a page's preview picture (None: the site-wide one)."""
    return f"{OG_DIR}/{city_id or SITE_IMAGE}.png"


class _Projection:
    """Equirectangular with the longitude shrunk by cos(mid-latitude), fitted into a box."""

    def __init__(self, rings: list[list[tuple[float, float]]], box: tuple[int, int, int, int]) -> None:
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        self.lon0, self.lat1 = min(lons), max(lats)
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        width = (max(lons) - self.lon0) * self.k
        height = self.lat1 - min(lats)
        left, top, right, bottom = box
        self.scale = min((right - left) / width, (bottom - top) / height)
        # Centre the country in the box.
        self.dx = left + ((right - left) - width * self.scale) / 2
        self.dy = top + ((bottom - top) - height * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.dx + (lon - self.lon0) * self.k * self.scale,
            self.dy + (self.lat1 - lat) * self.scale,
        )


def _outer_rings(outline: dict) -> list[list[tuple[float, float]]]:
    rings = []
    for feature in outline["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        rings += [[(lon, lat) for lon, lat, *_ in polygon[0]] for polygon in polygons]
    return rings


def _dot(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, **style) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), **style)


def _projection(data: Dataset, w: int, h: int) -> _Projection:
    margin = w // 20
    return _Projection(_outer_rings(data.outline), (margin, margin, w - margin, h - margin))


def city_pixel(data: Dataset, city_id: str, size: tuple[int, int] = OG_SIZE) -> tuple[float, float]:
    """Where a city's dot is centred in the picture draw_map returns."""
    city = data.city_by_id[city_id]
    x, y = _projection(data, size[0] * SCALE, size[1] * SCALE)(
        city["coordinates"]["lon"], city["coordinates"]["lat"]
    )
    return x / SCALE, y / SCALE


def draw_map(data: Dataset, highlight: str | None, size: tuple[int, int] = OG_SIZE) -> Image.Image:
    """The outline with all cities; `highlight` (a city id) is drawn larger and ringed."""
    w, h = size[0] * SCALE, size[1] * SCALE
    img = Image.new("RGB", (w, h), PAPER)
    draw = ImageDraw.Draw(img)
    rings = _outer_rings(data.outline)
    project = _projection(data, w, h)
    for ring in rings:
        draw.polygon([project(lon, lat) for lon, lat in ring], fill=LAND, outline=BORDER, width=3 * SCALE)
    # A band along the bottom edge in the accent colour, as on the site's header rule.
    draw.rectangle((0, h - 14 * SCALE, w, h), fill=BORDER)
    others = [c for c in data.cities if c["id"] != highlight]
    chosen = [c for c in data.cities if c["id"] == highlight]
    for city in others:
        x, y = project(city["coordinates"]["lon"], city["coordinates"]["lat"])
        r = (12 if highlight else 16) * SCALE
        _dot(draw, x, y, r, fill=MUTED if highlight else BORDER, outline=PAPER, width=3 * SCALE)
    for city in chosen:
        x, y = project(city["coordinates"]["lon"], city["coordinates"]["lat"])
        _dot(draw, x, y, 44 * SCALE, outline=BORDER, width=6 * SCALE)
        _dot(draw, x, y, 20 * SCALE, fill=BORDER, outline=PAPER, width=4 * SCALE)
    return img.resize(size, Image.Resampling.LANCZOS)


def draw_icon(size: int) -> Image.Image:
    """The favicon (theme/static/favicon.svg) as a PNG: a yurt's crown (shangyraq) on the accent colour."""
    s = size * 8
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((0, 0, s - 1, s - 1), radius=s * 0.1875, fill=BORDER)
    c, r, line = s / 2, s * 0.3125, max(1, round(s * 0.0625))
    _dot(draw, c, c, r, outline=PAPER, width=line)
    # Two crossed pairs of bars inside the ring, as in the crown of a yurt.
    for offset in (-s * 0.09375, s * 0.09375):
        half = math.sqrt(r * r - offset * offset)
        draw.line((c + offset, c - half, c + offset, c + half), fill=PAPER, width=line)
        draw.line((c - half, c + offset, c + half, c + offset), fill=PAPER, width=line)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def _save(img: Image.Image, path: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # No optimize pass and no metadata: the bytes depend on the pixels only.
    img.save(path, format="PNG", optimize=False)


def write_images(data: Dataset, output_path: str, cities: Iterable[str] | None = None) -> list[str]:
    """Write the og images (one per city and the site-wide one) and the PNG icons; return their paths."""
    ids = list(cities) if cities is not None else [c["id"] for c in data.cities]
    written = []
    for city_id in [*ids, None]:
        rel = og_image_path(city_id)
        _save(draw_map(data, city_id), os.path.join(output_path, rel))
        written.append(rel)
    for rel, size in ((FAVICON_PNG, 32), (TOUCH_ICON, 180)):
        icon = draw_icon(size)
        if rel == TOUCH_ICON:
            # iOS fills transparency with black: put the icon on the paper colour.
            icon = Image.alpha_composite(Image.new("RGBA", icon.size, (*PAPER, 255)), icon).convert("RGB")
        _save(icon, os.path.join(output_path, rel))
        written.append(rel)
    return written
