"""The site's named colours, for everything Python draws: charts, SVG maps, preview images.

CSS cannot import Python, so the stylesheet keeps its own copies as custom
properties in theme/static/css/site.css (`--paper`, `--ink`, `--muted`,
`--line` = GRID, `--accent`, `--accent-soft`; OUTSIDE is the live map's
background there) and theme/static/favicon.svg draws in ACCENT on PAPER.
Change a colour here and there together. Contrast ratios are against PAPER.

Dark mode (issue 16): the page never draws these hex values itself in the
dark. site.css maps every colour below, wherever a chart or map writes it as a
`fill`/`stroke` attribute, to its custom property, and the dark scheme
(`prefers-color-scheme: dark`, screen only: print stays in ink) swaps the
properties for DARK's values. Standalone SVG files keep the light colours.
"""

from __future__ import annotations

from types import MappingProxyType

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

# The dark scheme: each light colour above -> its value on a dark screen, the
# same values as site.css's `@media screen and (prefers-color-scheme: dark)`
# block (tests/test_dark_print.py compares them). WCAG contrast against
# DARK[PAPER] = #17171a: text at least 4.5:1, marks at least 3:1.
DARK_PAPER = "#17171a"
DARK = MappingProxyType(
    {
        PAPER: DARK_PAPER,
        INK: "#ebe9e4",  # 14.7:1
        MUTED: "#b3b1ab",  # 8.3:1
        GRID: "#45423c",  # decorative, 1.8:1
        ACCENT: "#f2a07b",  # 8.6:1; 6.9:1 on dark LAND (the maps' city dots)
        ACCENT_SOFT: "#3b2a22",  # backgrounds; ink on it 11.2:1, accent 6.6:1
        LAND: "#2e2a24",  # ink on it 11.8:1
        BORDER: "#a3957f",  # 6.1:1, 4.9:1 on dark LAND
        OUTSIDE: DARK_PAPER,
        # Okabe–Ito on the dark page: blue (3.4:1) and the darkened purple (3.6:1)
        # pass only narrowly, so they take Okabe–Ito's own lighter sky blue and
        # reddish purple, same hues; vermillion and green pass as they are.
        BLUE: "#56B4E9",  # 7.8:1
        VERMILLION: VERMILLION,  # 4.6:1
        GREEN: GREEN,  # 5.2:1
        PURPLE: "#CC79A7",  # 5.8:1
    }
)
