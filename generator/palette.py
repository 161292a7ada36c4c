"""The site's named colours, for everything Python draws: charts, SVG maps, preview images.

CSS cannot import Python, so the stylesheet keeps its own copies as custom
properties in theme/static/css/site.css (`--paper`, `--ink`, `--muted`,
`--line` = GRID, `--accent`, `--accent-soft`; OUTSIDE is the live map's
background there) and theme/static/favicon.svg draws in ACCENT on PAPER.
Change a colour here and there together. Contrast ratios are against PAPER.
"""

from __future__ import annotations

PAPER = "#fdfcf9"  # the page
INK = "#1d1d1f"  # text, 16.4:1
MUTED = "#4a4a52"  # secondary text, axes and leader lines, 8.6:1
GRID = "#d9d4cb"  # decorative guides and rules only
ACCENT = "#8a2c0f"  # links, buttons, the map's city dots, 8.4:1
ACCENT_SOFT = "#f4e7df"  # the country in preview images

# The maps' country: land, its border, and what lies outside it (neighbours and sea alike).
LAND = "#efe6d2"
BORDER = "#6b5d4a"
OUTSIDE = "#e6e5e0"

# Okabe–Ito colours for cities, each at least 3:1 against PAPER; the fourth is
# their reddish purple darkened from #CC79A7 (2.98:1) to pass.
BLUE = "#0072B2"  # 5.1:1
VERMILLION = "#D55E00"  # 3.8:1
GREEN = "#009E73"  # 3.3:1
PURPLE = "#A8528A"  # 4.8:1
CITY_COLOURS = (BLUE, VERMILLION, GREEN, PURPLE)
