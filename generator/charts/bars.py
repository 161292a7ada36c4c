"""Horizontal bar charts: a figure and its parts, and the reports behind each city.

Bars start at zero and their lengths are proportional to the values; each bar
carries its value, formatted by Babel, so no axis or gridlines are needed. A
value the reports do not give (the rest of a whole, see parts.py) is
drawn hollow and dashed and labelled as computed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..content.source_names import source_refs
from ..data.model import Dataset
from ..data.records import City
from ..i18n import Translator, format_number, format_partial_date
from ..palette import BLUE, INK, PAPER, VERMILLION
from .base import FONT, WIDTH, Chart, Label, city_colour, wrap
from .metrics import text_width
from .parts import breakdowns

BAR_HEIGHT = 22
BAR_GAP = 14
VALUE_GAP = 6
MAX_BARS = 12  # more cities than this: count cities per number of reports instead
LEFT = 2  # the zero line and the labels' first letters stay inside the box
TOTAL_COLOUR = BLUE
PART_COLOUR = VERMILLION


@dataclass
class Bar:
    key: str  # figure id, "<whole id>-remainder" or city id
    value: float
    value_text: str
    label: Label
    x: float
    y: float
    width: float
    colour: str
    computed: bool = False
    value_label: Label | None = None


@dataclass
class Row:
    """A row of the table under the chart."""

    key: str
    label: str
    value_text: str
    sources: list[str] = field(default_factory=list)  # ids, for a story's footnotes
    source_names: list[str] = field(default_factory=list)  # how a page without footnotes names them
    computed: bool = False


def _layout(bars: list[tuple[str, str, float, str, str, bool]]) -> tuple[list[Bar], float]:
    """(key, label, value, value text, colour, computed) -> positioned bars and the height."""
    widest = max(text_width(text, FONT, bold=True) for _, _, _, text, _, _ in bars)
    room = WIDTH - LEFT - widest - VALUE_GAP - 2
    top = max(value for _, _, value, _, _, _ in bars) or 1
    out, y = [], 0.0
    for key, label, value, text, colour, computed in bars:
        caption = Label(LEFT, y + FONT, wrap(label, WIDTH - LEFT))
        bar_y = caption.bottom + 6
        width = room * value / top
        bar = Bar(key, value, text, caption, LEFT, bar_y, width, colour, computed)
        bar.value_label = Label(
            LEFT + width + VALUE_GAP, bar_y + BAR_HEIGHT / 2 + FONT * 0.35, [text], bold=True
        )
        out.append(bar)
        y = bar_y + BAR_HEIGHT + BAR_GAP
    return out, y - BAR_GAP + 4


def breakdown_charts(data: Dataset, lang: str, t: Translator, city: City) -> list[Chart]:
    """One chart per figure of `city` that has parts: the whole, the parts, the computed rest."""
    charts = []
    for bd in breakdowns(city):
        whole = bd.whole
        spec = [(whole["id"], whole["counts"][lang], whole["value"], TOTAL_COLOUR, False)]
        spec += [(p["id"], p["counts"][lang], p["value"], PART_COLOUR, False) for p in bd.parts]
        note = ""
        if bd.remainder is not None:
            calc = " − ".join(
                format_number(v, lang) for v in [whole["value"], *(p["value"] for p in bd.parts)]
            )
            name = whole["remainder"][lang]
            label = t.gettext("%(name)s (computed: %(calc)s)", name=name, calc=calc)
            spec.append((f"{whole['id']}-remainder", label, bd.remainder, PART_COLOUR, True))
            note = t.gettext(
                "%(name)s: our own subtraction, %(calc)s; the report does not give this number.",
                name=name,
                calc=calc,
            )
        bars, height = _layout([(k, lab, v, format_number(v, lang), c, comp) for k, lab, v, c, comp in spec])
        period = format_partial_date(whole["period"], lang, t=t)
        refs = source_refs(data, [sid for f in [whole, *bd.parts] for sid in f["sources"]], lang, t)
        rows = []
        for b, (k, lab, _v, _c, comp) in zip(bars, spec, strict=True):
            # No report gives the computed rest: its row is labelled computed and cites nothing.
            cited = [] if comp else list(data.figure_by_id[k]["sources"])
            rows.append(Row(b.key, lab, b.value_text, cited, computed=comp))
        title = t.gettext("%(what)s (%(period)s)", what=whole["counts"][lang], period=period)
        desc = "; ".join(f"{r.label}: {r.value_text}" for r in rows) + "."
        charts.append(
            Chart(
                id=f"chart-figure-{whole['id']}",
                kind="bars",
                table="figures",
                title=title,
                desc=desc,
                width=WIDTH,
                height=round(height),
                sources=refs,
                downloads=["figures.csv"],
                on_story=True,  # a city's figures are drawn on its story
                note=note,
                shapes={"bars": bars, "rows": rows, "ink": INK, "paper": PAPER},
            )
        )
    return charts


def city_sources(data: Dataset, city_id: str) -> list[str]:
    """Reports the dataset cites for anything about the city, in first-cited order."""
    city = data.city_by_id[city_id]
    records = [
        *city["statuses"],
        *city["crafts"],
        *city["figures"],
        *data.claims_for(city_id),
        *data.events_for(city_id),
    ]
    seen: list[str] = []
    for record in records:
        seen += [sid for sid in record["sources"] if sid not in seen]
    return seen


def sources_chart(data: Dataset, lang: str, t: Translator) -> Chart:
    """How many of the reports say anything about each city: how thin each city's record is."""
    per_city = [(c, city_sources(data, c["id"])) for c in data.cities]
    if len(per_city) > MAX_BARS:
        return _sources_histogram(data, lang, t, per_city)
    spec = [
        (c["id"], c["name"][lang], len(ids), format_number(len(ids), lang), city_colour(data, c["id"]), False)
        for c, ids in per_city
    ]
    bars, height = _layout(spec)
    names = {ref.id: ref.name for ref in source_refs(data, [s["id"] for s in data.sources], lang, t)}
    rows = [
        Row(
            c["id"],
            c["name"][lang],
            format_number(len(ids), lang),
            sources=ids,
            source_names=[names[sid] for sid in ids],
        )
        for c, ids in per_city
    ]
    desc = (
        "; ".join(f"{r.label}: {r.value_text}" for r in rows)
        + ". "
        + t.ngettext(
            "The dataset draws on %(num)s report in all.",
            "The dataset draws on %(num)s reports in all.",
            len(data.sources),
        )
    )
    return Chart(
        id="chart-sources-per-city",
        kind="bars",
        table="sources",
        title=t.gettext("How many of the reports tell something about each city"),
        desc=desc,
        width=WIDTH,
        height=round(height),
        sources=[],
        downloads=["sources.csv", "statuses.csv", "figures.csv", "crafts.csv", "claims.csv", "events.csv"],
        on_story=False,
        note=t.gettext(
            "Counted from the site's dataset: a report counts for a city when the dataset cites it for the city's status, crafts, figures, claims or events."
        ),
        shapes={"bars": bars, "rows": rows, "ink": INK, "paper": PAPER},
    )


def _sources_histogram(
    data: Dataset, lang: str, t: Translator, per_city: list[tuple[City, list[str]]]
) -> Chart:
    """At scale, one bar per number of reports: how many cities rest on 1, 2, ... reports."""
    counts = Counter(len(ids) for _c, ids in per_city)
    spec = [
        (
            f"reports-{n}",
            t.ngettext("%(num)s report", "%(num)s reports", n, num=format_number(n, lang)),
            counts[n],
            format_number(counts[n], lang),
            TOTAL_COLOUR,
            False,
        )
        for n in sorted(counts)
    ]
    bars, height = _layout(spec)
    rows = [Row(key, label, text) for key, label, _v, text, _c, _x in spec]
    return Chart(
        id="chart-sources-per-city",
        kind="bars",
        table="counts",
        title=t.gettext("Cities by how many of the reports tell something about them"),
        desc="; ".join(f"{r.label}: {r.value_text}" for r in rows) + ".",
        width=WIDTH,
        height=round(height),
        sources=[],
        downloads=["sources.csv", "statuses.csv", "figures.csv", "crafts.csv", "claims.csv", "events.csv"],
        on_story=False,
        note=t.gettext(
            "Counted from the site's dataset: a report counts for a city when the dataset cites it for the city's status, crafts, figures, claims or events."
        ),
        shapes={
            "bars": bars,
            "rows": rows,
            "ink": INK,
            "paper": PAPER,
            "head": [t.gettext("Reports"), t.gettext("Cities")],
        },
    )
