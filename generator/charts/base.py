"""Data graphics, laid out in Python at build time and drawn by Jinja2 SVG templates.

Why this way (see README, "Data graphics"): no charting runtime reaches the
browser, the SVG sits inline in the page (readable without JavaScript, sharp
at any size, printable), and every label is a catalog string or a Babel-
formatted number in the page's language. This module holds what all charts
share (palette, text wrapping, source names); the layouts are in bars.py and
timeline.py, which import this module and never the other way round;
generator/template_api.py gives them to templates.
Templates only draw what the layout computed: theme/templates/charts/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.source_names import SourceRef
from ..data.model import Dataset
from ..palette import CITY_COLOURS, INK
from .metrics import text_width

# Chart box: every chart is drawn in a viewBox this wide and scaled to the
# column (CSS caps it so text stays near body size). At 320 px screens the
# column is 288 px, so 1 unit = 0.9 px and FONT = 13 units = 11.7 px.
WIDTH = 320
FONT = 13
LINE = 16


def city_colour(data: Dataset, city_id: str) -> str:
    """The same colour for a city on every page (by its place in cities.yaml)."""
    index = [c["id"] for c in data.cities].index(city_id)
    return CITY_COLOURS[index % len(CITY_COLOURS)]


def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    """Break `text` into lines no wider than `width` (a longer word gets its own line)."""
    lines: list[str] = []
    current = ""
    # Split at ordinary spaces only: Babel's no-break spaces keep "1 140 000" on one line.
    for word in re.split(r"[ \t\r\n]+", text.strip()):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, FONT, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


def num(value: float) -> str:
    """A coordinate for the SVG: two decimals at most, no trailing zeros (deterministic)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass
class Label:
    """A block of text: one <text> with a <tspan> per line."""

    x: float
    y: float  # baseline of the first line
    lines: list[str]
    bold: bool = False
    anchor: str = "start"
    fill: str = INK

    @property
    def bottom(self) -> float:
        return self.y + (len(self.lines) - 1) * LINE


@dataclass
class Chart:
    """What every chart's HTML wrapper (charts/chart.html) needs."""

    id: str  # unique on its page; the SVG's <title>/<desc> ids derive from it
    kind: str  # names the drawing: charts/<kind>.svg
    table: str  # names the table under it: charts/<table>-table.html
    title: str
    desc: str
    width: float
    height: float
    sources: list[SourceRef]
    downloads: list[str]  # file names under data/
    # Drawn on a story, whose own source list the rows' footnotes link to;
    # elsewhere rows name their reports and the chart links to the methodology.
    on_story: bool
    note: str = ""  # e.g. which value is computed
    shapes: dict[str, object] = field(
        default_factory=dict
    )  # kind-specific drawing and table rows, see the layouts
