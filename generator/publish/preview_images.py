"""Pictures for link previews and browser tabs, drawn with Pillow at build time.

Each story gets a 1200x630 PNG (the size Open Graph and Twitter cards expect):
the outline of Kazakhstan from content/data/geo with every craft city as a dot
and the story's city ringed. The other pages share one with all cities alike.
No text is drawn, so no font is needed and one picture serves both languages;
the page's title travels beside it in og:title. Pillow's output depends only on
its inputs and version, so builds stay byte-identical; each picture is kept in
the build cache (build_cache.py) under a hash of all that, so a rebuild with
the same cities draws and encodes none.
"""

from __future__ import annotations

import functools
import json
import math
import os
import zlib

import numpy as np
import PIL
from PIL import Image, ImageColor, ImageDraw

from .. import palette
from ..build_cache import BuildCache, digest, package_version
from ..data.model import Dataset
from ..data.records import point
from .png_palette import PaletteMapper, png_bytes

OG_DIR = "images/og"
OG_SIZE = (1200, 630)
SITE_IMAGE = "site"  # og image of the pages that are not stories
FAVICON_PNG = "images/favicon-32.png"
TOUCH_ICON = "images/apple-touch-icon.png"

# The site's palette as Pillow's RGB tuples.
PAPER = ImageColor.getrgb(palette.PAPER)
LAND = ImageColor.getrgb(palette.ACCENT_SOFT)
BORDER = ImageColor.getrgb(palette.ACCENT)
MUTED = ImageColor.getrgb(palette.MUTED)

# Draw this many times larger, then average each SCALE x SCALE block (Image.reduce): smooth
# edges without antialiasing support, a tenth of the CPU of a Lanczos resize, the same to the eye.
SCALE = 3


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


def _draw_base(data: Dataset, w: int, h: int, highlighted: bool) -> Image.Image:
    """Outline, bottom band and every city, at SCALE; city dots muted when one is highlighted."""
    img = Image.new("RGB", (w, h), PAPER)
    draw = ImageDraw.Draw(img)
    project = _projection(data, w, h)
    for ring in _outer_rings(data.outline):
        draw.polygon([project(lon, lat) for lon, lat in ring], fill=LAND, outline=BORDER, width=3 * SCALE)
    # A band along the bottom edge in the accent colour, as on the site's header rule.
    draw.rectangle((0, h - 14 * SCALE, w, h), fill=BORDER)
    r = (12 if highlighted else 16) * SCALE
    for city in data.cities:
        x, y = project(*point(city))
        _dot(draw, x, y, r, fill=MUTED if highlighted else BORDER, outline=PAPER, width=3 * SCALE)
    return img


class MapPainter:
    """Draws the preview pictures of one build.

    The outline and all cities are drawn once; each story's picture is that
    base with only a patch around its city redrawn, so a build with N cities
    does O(N) drawing, not O(N²).
    """

    RING = 50  # half the side of the redrawn patch, in output pixels (the ring has radius 44)

    def __init__(self, data: Dataset, size: tuple[int, int] = OG_SIZE) -> None:
        self.data, self.size = data, size
        w, h = size[0] * SCALE, size[1] * SCALE
        self.project = _projection(data, w, h)
        self.big = _draw_base(data, w, h, highlighted=True)
        self.small = self.big.reduce(SCALE)

    def site(self) -> Image.Image:
        w, h = self.size[0] * SCALE, self.size[1] * SCALE
        return _draw_base(self.data, w, h, highlighted=False).reduce(SCALE)

    def patch(self, city_id: str) -> tuple[Image.Image, tuple[int, int]]:
        """The part of the small picture that changes when `city_id` is ringed, and where it goes."""
        city = self.data.city_by_id[city_id]
        x, y = self.project(*point(city))
        outer = self.RING
        left = max(0, int(x / SCALE) - outer)
        top = max(0, int(y / SCALE) - outer)
        right = min(self.size[0], int(x / SCALE) + outer)
        bottom = min(self.size[1], int(y / SCALE) + outer)
        patch = self.big.crop((left * SCALE, top * SCALE, right * SCALE, bottom * SCALE))
        draw = ImageDraw.Draw(patch)
        px, py = x - left * SCALE, y - top * SCALE
        _dot(draw, px, py, 44 * SCALE, outline=BORDER, width=6 * SCALE)
        _dot(draw, px, py, 20 * SCALE, fill=BORDER, outline=PAPER, width=4 * SCALE)
        # Cut on whole blocks and averaged block by block: outside the ring the patch is
        # pixel for pixel the small picture, so no seam shows.
        return patch.reduce(SCALE), (left, top)

    def city(self, city_id: str) -> Image.Image:
        patch, where = self.patch(city_id)
        img = self.small.copy()
        img.paste(patch, where)
        return img


def draw_icon(size: int) -> Image.Image:
    """The favicon (theme/static/favicon.svg) as a PNG: a yurt's crown (shangyraq) on the accent colour."""
    k = 8  # drawn this many times larger, then averaged block by block
    s = size * k
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
    return img.reduce(k)


def _write(path: str, body: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fp:
        fp.write(body)


def _scene_key(data: Dataset) -> str:
    """What every preview picture depends on: the renderer (the package's code, Pillow, NumPy,
    zlib), the size, the outline and every city's point, in drawing order."""
    code = package_version()
    points = json.dumps([point(c) for c in data.cities])
    outline = json.dumps(data.outline, sort_keys=True)
    return digest(code, PIL.__version__, np.__version__, zlib.ZLIB_RUNTIME_VERSION, repr(OG_SIZE), repr(SCALE), outline, points)


class _Pictures:
    """The painter and its palette (png_palette.py), made only when a picture is not in the cache."""

    def __init__(self, data: Dataset) -> None:
        self.data = data

    @functools.cached_property
    def painter(self) -> MapPainter:
        return MapPainter(self.data)

    @functools.cached_property
    def site(self) -> Image.Image:
        return self.painter.site()  # drawn once: a palette sample and a picture of its own

    @functools.cached_property
    def mapper(self) -> PaletteMapper:
        # Sampled from the three kinds of picture: muted dots, accent dots, a ringed city.
        p = self.painter
        samples = [p.small, self.site, p.city(self.data.cities[0]["id"])]
        return PaletteMapper(samples, [PAPER, LAND, BORDER, MUTED])

    @functools.cached_property
    def small(self) -> Image.Image:
        return self.mapper.indices(self.painter.small)

    def png(self, city_id: str | None) -> bytes:
        if city_id is None:
            return png_bytes(self.mapper.indices(self.site))
        # Only the ringed patch differs from the small picture: map just its pixels.
        patch, where = self.painter.patch(city_id)
        img = self.small.copy()
        img.paste(self.mapper.indices(patch), where)
        return png_bytes(img)


def _stamp(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return path, st.st_size, st.st_mtime_ns


def write_images(data: Dataset, output_path: str, cache: BuildCache | None = None, memo: dict | None = None) -> None:
    """Write the og images (one per city and the site-wide one) and the PNG icons.

    Each picture is taken from the build cache when one with the same key is
    there (build_cache.py); the painter is made only for the pictures that are not.
    `memo` (make devserver's) remembers the file each key was last written to, as
    written: a picture whose file is still that one is not written again.
    """
    cache = cache or BuildCache(None)
    memo = memo if memo is not None else {}
    scene = _scene_key(data)
    pictures = _Pictures(data)
    for city_id in [*(c["id"] for c in data.cities), None]:
        key = digest(scene, json.dumps(point(data.city_by_id[city_id])) if city_id else SITE_IMAGE)
        path = os.path.join(output_path, og_image_path(city_id))
        if memo.get(key) is not None and memo[key] == _stamp(path):
            continue
        body = cache.fetch("og", key, lambda city_id=city_id: pictures.png(city_id))
        _write(path, body)
        memo[key] = _stamp(path)
    for rel, size in ((FAVICON_PNG, 32), (TOUCH_ICON, 180)):
        icon = draw_icon(size)
        if rel == TOUCH_ICON:
            # iOS fills transparency with black: put the icon on the paper colour.
            icon = Image.alpha_composite(Image.new("RGBA", icon.size, (*PAPER, 255)), icon).convert("RGB")
        _write(os.path.join(output_path, rel), png_bytes(icon))
