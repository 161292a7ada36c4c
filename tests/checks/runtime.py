"""Runtime: no script errors, no console errors, no requests leaving 127.0.0.1 but map tiles."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A slippy-map tile: .../{z}/{x}/{y}.png (or @2x, jpg, webp, vector pbf/mvt),
# on any host. Tiles are the one thing a page may ask another host for: the
# live map needs them, the tests abort them, and the map works without them.
TILE = re.compile(r"^/(?:[^?#]*/)?\d{1,2}/\d+/\d+(?:@[23]x)?\.(?:png|jpe?g|webp|pbf|mvt)$")

# What Chromium logs for a request the test aborted; the text carries no URL.
ABORTED = "Failed to load resource: net::ERR_FAILED"


def is_tile(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and TILE.match(parts.path) is not None


def runtime_problems(console_errors: list[str], page_errors: list[str], blocked: list[str]) -> list[str]:
    """Everything that went wrong while a page ran, from what the browser reported.

    An aborted tile request makes Chromium log ABORTED, which names no URL; so
    at most one such line per aborted tile is let through, and every other
    console error counts.
    """
    problems = [f"script error: {e}" for e in page_errors]
    tiles = [u for u in blocked if is_tile(u)]
    problems += [f"request to another host: {u}" for u in blocked if not is_tile(u)]
    excused = len(tiles)
    for text in console_errors:
        if text.strip() == ABORTED and excused > 0:
            excused -= 1
            continue
        problems.append(f"console error: {text}")
    return problems
