"""Palette PNGs for pictures of a few flat colours and their anti-aliased edges.

An RGB PNG of a 1200x630 preview takes about 37 ms to encode and weighs about
290 KB; the same picture with 256 colours takes about 5 ms and a quarter of
the bytes. The palette is chosen once per build from sample pictures (Pillow's
fast octree) with the flat colours put in exactly, and every pixel takes its
nearest palette colour (no dithering). Pillow's own mapping onto a given
palette is approximate (flat colours came out one or two levels off), so the
nearest colour is found here, once per distinct colour.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

COLOURS = 256


def _packed(img: Image.Image) -> np.ndarray:
    a = np.asarray(img.convert("RGB"), dtype=np.uint32)
    return (a[..., 0] << 16) | (a[..., 1] << 8) | a[..., 2]


class PaletteMapper:
    """Maps RGB pictures onto one palette: exact colours first, then the octree's."""

    def __init__(self, samples: list[Image.Image], exact: list[tuple[int, int, int]]) -> None:
        sample = Image.new("RGB", (max(s.width for s in samples), sum(s.height for s in samples)))
        y = 0
        for s in samples:
            sample.paste(s, (0, y))
            y += s.height
        octree = sample.quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        flat = octree.getpalette() or []
        found = [tuple(flat[i : i + 3]) for i in range(0, len(flat), 3)]
        colours = list(dict.fromkeys([*exact, *found]))[:COLOURS]
        self.colours = np.array(colours, dtype=np.int32)
        self.flat_palette = [v for c in colours for v in c]
        # Nearest palette index of each 24-bit colour met so far (16 MB, filled as met).
        self._index = np.zeros(1 << 24, dtype=np.uint8)
        self._known = np.zeros(1 << 24, dtype=bool)

    def indices(self, img: Image.Image) -> Image.Image:
        """The picture as a "P" image of this palette's indices, each pixel its nearest colour."""
        packed = _packed(img)
        new = np.unique(packed[~self._known[packed]])
        if new.size:
            rgb = np.stack([(new >> 16) & 255, (new >> 8) & 255, new & 255], axis=1).astype(np.int32)
            distance = ((rgb[:, None, :] - self.colours[None, :, :]) ** 2).sum(axis=-1)
            self._index[new] = distance.argmin(axis=1).astype(np.uint8)  # first of equals: deterministic
            self._known[new] = True
        out = Image.fromarray(self._index[packed], "P")
        out.putpalette(self.flat_palette)
        return out


def png_bytes(img: Image.Image) -> bytes:
    """PNG bytes with no optimize pass and no metadata, so they depend on the pixels only."""
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()
