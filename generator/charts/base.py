"""Data graphics, laid out in Python at build time and drawn by Jinja2 SVG templates.

Why this way (see README, "Data graphics"): no charting runtime reaches the
browser, the SVG sits inline in the page (readable without JavaScript, sharp
at any size, printable), and every label is a catalog string or a Babel-
formatted number in the page's language. This module holds what all charts
share (palette, text wrapping, source names); the layouts are in bars.py and
timeline.py, which import this module and never the other way round.
Templates only draw what the layout computed: theme/templates/charts/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jinja2 import pass_context
from jinja2.runtime import Context

from ..data.model import Dataset
from ..data.records import Source
from ..i18n import Translator, format_partial_date, page_lang
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
class SourceRef:
    id: str
    name: str


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


def source_name(source: Source, lang: str, t: Translator) -> str:
    """How a source line names a report: its outlet, else its headline, else its date."""
    if source.get("outlet"):
        return source["outlet"][lang]
    if source.get("headline"):
        return f"«{source['headline']}»"
    if source.get("published"):
        return t.gettext("untitled report of %(date)s", date=format_partial_date(source["published"], lang))
    return t.gettext("untitled report")


def source_refs(data: Dataset, ids: list[str], lang: str, t: Translator) -> list[SourceRef]:
    """Distinct sources in first-seen order."""
    seen: list[str] = []
    for sid in ids:
        if sid not in seen:
            seen.append(sid)
    return [SourceRef(sid, source_name(data.source_by_id[sid], lang, t)) for sid in seen]


def names_of(refs: list[SourceRef], ids: list[str]) -> list[str]:
    """How a table row off a story names its reports: those of `refs` it cites, in `refs`' order."""
    return [ref.name for ref in refs if ref.id in ids]


def install(env, catalog_dir: str) -> None:
    """Jinja globals: timeline_chart(city_id=None), figure_charts(city), sources_chart(), report_names(ids)."""
    from .bars import breakdown_charts, sources_chart
    from .timeline import timeline

    def _args(ctx: Context) -> tuple[Dataset, str, Translator]:
        lang = page_lang(ctx)
        return ctx["craft"], lang, Translator(catalog_dir, lang)

    @pass_context
    def timeline_chart(ctx: Context, city_id: str | None = None) -> Chart:
        return timeline(*_args(ctx), city_id)

    @pass_context
    def figure_charts(ctx: Context, city: dict) -> list[Chart]:
        return breakdown_charts(*_args(ctx), city)

    @pass_context
    def sources_per_city_chart(ctx: Context) -> Chart:
        return sources_chart(*_args(ctx))

    @pass_context
    def report_names(ctx: Context, ids: list[str]) -> list[SourceRef]:
        """How a page without a source list names reports (home page)."""
        data, lang, t = _args(ctx)
        return source_refs(data, ids, lang, t)

    env.filters["svgnum"] = num
    env.globals.update(
        report_names=report_names,
        timeline_chart=timeline_chart,
        figure_charts=figure_charts,
        sources_chart=sources_per_city_chart,
    )
