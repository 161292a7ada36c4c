"""The timeline: World Crafts Council milestones, city events and status awards.

A vertical layout, so it reads on a 320 px phone: time runs down, one lane
per city (and one for the Council), labels on the right. Dates are drawn as
precisely as the reports give them: a day is a dot, a month or a year is a bar
over that whole period (never a guessed day). Events without a date are not
placed on the axis at all but listed in their own "date not reported" band.
Stretches of more than BREAK_YEARS empty years are cut out of the axis and the
cut is drawn as a break, so 1964 and 2025 both fit without squeezing 2025.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ..data.dates import PartialDate
from ..data.model import Dataset
from ..i18n import Translator, format_partial_date
from .base import (
    CITY_COLOURS,
    FONT,
    GRID,
    INK,
    LINE,
    MUTED,
    PAPER,
    WCC_COLOUR,
    WIDTH,
    Chart,
    Label,
    city_colour,
    num,
    source_refs,
    wrap,
)

WCC = "wcc"  # the lane of events that concern no single city
SHARED = "all"  # the one lane of a crowded site-wide timeline
MAX_CITY_LANES = 4  # lanes are 16 units apart: more would squeeze the labels
BREAK_YEARS = 3  # more empty years than this between events: cut the axis
YEAR_HEIGHT = 56  # units per year on the axis
MAX_CLUSTER_HEIGHT = 448  # a long run of years is squeezed to this
BREAK_HEIGHT = 28
TICK_X = 36  # right edge of the year labels
LANE_X = 56  # first lane
LANE_STEP = 16
DOT = 5  # radius of a day-precise event
BAR = 8  # width of a month or year bar
GAP = 8  # between label blocks
DODGE = 10  # sideways step between marks that would overlap


def span(date: str) -> tuple[dt.date, dt.date, str]:
    """'2022' -> (2022-01-01, 2023-01-01, 'year'): start, exclusive end, precision."""
    return PartialDate.parse(date).span()


@dataclass
class Item:
    """One row of the timeline: an event, a status award, or both merged."""

    key: str
    date: str | None
    lanes: list[str]
    cities: list[str]  # city names, for labels and the table
    text: str
    sources: list[str]
    status: bool = False  # the award of a city's status (diamond)


@dataclass
class Cluster:
    """A run of years drawn to scale; clusters are separated by axis breaks."""

    first: int
    last: int
    top: float = 0.0
    height: float = 0.0

    def y(self, day: dt.date) -> float:
        start, end = dt.date(self.first, 1, 1), dt.date(self.last + 1, 1, 1)
        return self.top + (day - start).days / (end - start).days * self.height


@dataclass
class Mark:
    """The drawn marker of an item in one lane."""

    item: str
    lane: str  # city id or WCC
    date: str  # as in the data; "" when not reported
    precision: str  # day, month, year or none
    shape: str  # dot, bar, diamond (status), open-dot / open-diamond (undated)
    colour: str
    cx: float
    cy: float
    y0: float = 0.0  # bars: top and bottom of the period
    y1: float = 0.0

    @property
    def diamond(self) -> str:
        s = 7
        return f"M{num(self.cx)} {num(self.cy - s)}L{num(self.cx + s)} {num(self.cy)}L{num(self.cx)} {num(self.cy + s)}L{num(self.cx - s)} {num(self.cy)}Z"


@dataclass
class Row:
    """A row of the table under the chart."""

    date: str | None
    date_text: str
    cities: list[str]
    text: str
    sources: list[str]


@dataclass
class Shapes:
    lanes: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    grid: list[dict] = field(default_factory=list)
    axis: list[dict] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    connectors: list[dict] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    undated_rule: float | None = None
    rows: list[Row] = field(default_factory=list)
    multi: bool = False


def _items(data: Dataset, lang: str, t: Translator, city_id: str | None, statuses: bool = True) -> list[Item]:
    """Events and status awards; a status merges into an event of its city and date."""
    events = data.events if city_id is None else data.events_for(city_id)
    items = [
        Item(
            e["id"],
            e["date"],
            list(e["cities"]) or [WCC],
            [data.city_by_id[c]["name"][lang] for c in e["cities"]],
            e["title"][lang],
            list(e["sources"]),
        )
        for e in events
    ]
    cities = [] if not statuses else data.cities if city_id is None else [data.city_by_id[city_id]]
    for city in cities:
        for n, status in enumerate(city["statuses"]):
            # A dated row cites what gives the date, not every report of the award.
            cited = status.get("date_sources") or status["sources"]
            twin = [
                i
                for i in items
                if status["date"] is not None and i.date == status["date"] and city["id"] in i.lanes
            ]
            if twin:
                twin[0].status = True
                twin[0].sources += [s for s in cited if s not in twin[0].sources]
                continue
            # The lane (or the table's city cell) already names the city.
            text = t.gettext("Status “%(status)s”", status=status["name"][lang])
            items.append(
                Item(
                    f"{city['id']}-status-{n + 1}",
                    status["date"],
                    [city["id"]],
                    [city["name"][lang]],
                    text,
                    list(cited),
                    status=True,
                )
            )
    return items


def _clusters(dated: list[Item]) -> list[Cluster]:
    last_day = [span(i.date)[1] - dt.timedelta(days=1) for i in dated]
    years = sorted({span(i.date)[0].year for i in dated} | {d.year for d in last_day})
    clusters: list[Cluster] = []
    for year in years:
        if clusters and year - clusters[-1].last - 1 <= BREAK_YEARS:
            clusters[-1].last = year
        else:
            clusters.append(Cluster(year, year))
    return clusters


def _dodge(marks: list[Mark]) -> None:
    """Spread dots and diamonds that would hide each other (a day apart) sideways in their lane.

    Only x moves: the time position (y) stays exact.
    """
    by_lane: dict[str, list[Mark]] = {}
    for m in marks:
        if m.shape in ("dot", "diamond"):
            by_lane.setdefault(m.lane, []).append(m)
    for lane in by_lane.values():
        lane.sort(key=lambda m: m.cy)
        groups: list[list[Mark]] = []
        for m in lane:
            if groups and m.cy - groups[-1][0].cy < 2 * DOT + 1:
                groups[-1].append(m)
            else:
                groups.append([m])
        for group in groups:
            for n, m in enumerate(group):
                m.cx += (n - (len(group) - 1) / 2) * DODGE


def _legend(s: Shapes, lanes: list[dict], items: list[Item], breaks: bool, t: Translator) -> float:
    """Legend rows at the top; returns the y below them."""
    rows: list[tuple[str, str, str]] = []
    if len(lanes) > 1:
        rows += [("dot", lane["colour"], lane["name"]) for lane in lanes]
    dated = [i for i in items if i.date]
    if any(span(i.date)[2] == "day" for i in dated):
        rows.append(("dot", MUTED, t.gettext("Dot: the report gives the day")))
    if any(span(i.date)[2] != "day" for i in dated):
        rows.append(
            ("bar", MUTED, t.gettext("Bar: the report gives only the month or year; the bar spans it"))
        )
    if any(i.status for i in items):
        rows.append(("diamond", MUTED, t.gettext("Diamond: a city is awarded its status")))
    if breaks:
        rows.append(("break", MUTED, t.gettext("Break: years with nothing recorded are left out")))
    if any(not i.date for i in items):
        rows.append(("open-dot", MUTED, t.gettext("Open mark: no date reported (listed at the end)")))
    y = FONT
    for shape, colour, text in rows:
        label = Label(22, y, wrap(text, WIDTH - 22))
        s.legend.append({"shape": shape, "colour": colour, "x": 8, "cy": y - 4.5, "label": label})
        y = label.bottom + LINE + 2
    return y + 6


def timeline(data: Dataset, lang: str, t: Translator, city_id: str | None = None) -> Chart:
    """The timeline of one city (its story page) or of all (home page)."""
    # With more cities than lanes fit (a site at scale), the site-wide timeline
    # keeps to timeline.yaml on one shared lane; each city's page still has its statuses.
    crowded = city_id is None and len(data.cities) > MAX_CITY_LANES
    items = _items(data, lang, t, city_id, statuses=not crowded)
    if crowded:
        for item in items:
            item.lanes = [SHARED]
    dated = sorted((i for i in items if i.date), key=lambda i: (span(i.date)[0], span(i.date)[1], i.key))
    undated = [i for i in items if not i.date]
    used = {key for i in items for key in i.lanes}
    lane_keys = [k for k in (WCC, SHARED) if k in used] + [c["id"] for c in data.cities if c["id"] in used]
    names = {WCC: t.gettext("World Crafts Council"), SHARED: ""}
    lanes = [
        {
            "key": key,
            "x": LANE_X + n * LANE_STEP,
            "colour": {WCC: WCC_COLOUR, SHARED: CITY_COLOURS[0]}.get(key) or city_colour(data, key),
            "name": names[key] if key in names else data.city_by_id[key]["name"][lang],
        }
        for n, key in enumerate(lane_keys)
    ]
    lane_x = {lane["key"]: lane["x"] for lane in lanes}
    lane_colour = {lane["key"]: lane["colour"] for lane in lanes}
    label_x = LANE_X + (len(lanes) - 1) * LANE_STEP + 16
    text_width = WIDTH - label_x - 2
    s = Shapes(lanes=lanes, multi=city_id is None)
    clusters = _clusters(dated)
    y = _legend(s, lanes, items, len(clusters) > 1, t) + 4

    # The axis: clusters to scale, breaks between them.
    axis_x = LANE_X - 14
    right = lanes[-1]["x"] + 8 if lanes else LANE_X
    for n, cluster in enumerate(clusters):
        if n:
            s.breaks.append(y + BREAK_HEIGHT / 2)
            y += BREAK_HEIGHT
        years = cluster.last - cluster.first + 1
        cluster.top = y
        cluster.height = min(years * YEAR_HEIGHT, MAX_CLUSTER_HEIGHT)
        step = next(k for k in (1, 2, 5, 10, 20, 50) if cluster.height / years * k >= LINE * 1.5)
        for year in range(cluster.first, cluster.last + 1):
            ty = cluster.y(dt.date(year, 1, 1))
            s.grid.append({"x1": axis_x, "x2": right, "y": ty})
            if (year - cluster.first) % step == 0:
                s.ticks.append(Label(TICK_X, ty + FONT, [str(year)], anchor="end", fill=MUTED))
        s.axis.append({"x": axis_x, "y0": cluster.top, "y1": cluster.top + cluster.height})
        y = cluster.top + cluster.height
        s.grid.append({"x1": axis_x, "x2": right, "y": y})
    axis_bottom = y

    def cluster_of(day: dt.date) -> Cluster:
        return next(c for c in clusters if c.first <= day.year <= c.last)

    # Dated items: marks on the axis, labels stacked on the right with leaders.
    anchors: dict[str, float] = {}
    for item in dated:
        start, end, precision = span(item.date)
        cluster = cluster_of(start)
        y0, y1 = cluster.y(start), cluster.y(end)
        if precision == "day":
            anchor = y0
        else:
            if y1 - y0 < BAR:  # keep a month legible as a bar
                mid = (y0 + y1) / 2
                y0, y1 = mid - BAR / 2, mid + BAR / 2
            anchor = y0 + min((y1 - y0) / 2, LINE / 2)
        anchors[item.key] = anchor
        xs = [lane_x[k] for k in item.lanes]
        if len(xs) > 1:
            s.connectors.append({"x1": min(xs), "x2": max(xs), "y": anchor})
        for key in item.lanes:
            if precision != "day":  # the period itself is always drawn
                s.marks.append(
                    Mark(
                        item.key,
                        key,
                        item.date,
                        precision,
                        "bar",
                        lane_colour[key],
                        lane_x[key],
                        anchor,
                        y0,
                        y1,
                    )
                )
            if item.status or precision == "day":
                shape = "diamond" if item.status else "dot"
                s.marks.append(
                    Mark(item.key, key, item.date, precision, shape, lane_colour[key], lane_x[key], anchor)
                )
    _dodge(s.marks)

    next_baseline = 0.0
    for item in dated:
        anchor = anchors[item.key]
        head = format_partial_date(item.date, lang)
        if s.multi and item.cities:
            head += " · " + ", ".join(item.cities)
        baseline = max(anchor + FONT * 0.35, next_baseline)
        date_label = Label(label_x, baseline, wrap(head, text_width, bold=True), bold=True)
        title = Label(label_x, date_label.bottom + LINE, wrap(item.text, text_width))
        s.labels += [date_label, title]
        start_x = max(m.cx + (BAR if m.shape != "dot" else DOT) for m in s.marks if m.item == item.key) + 1
        s.leaders.append(
            f"M{num(start_x)} {num(anchor)}L{num(label_x - 9)} {num(baseline - FONT * 0.35)}"
            f"L{num(label_x - 3)} {num(baseline - FONT * 0.35)}"
        )
        next_baseline = title.bottom + LINE + GAP
        y = max(axis_bottom, title.bottom + 6)
        s.rows.append(
            Row(item.date, format_partial_date(item.date, lang), item.cities, item.text, item.sources)
        )
    y = max(y, axis_bottom)

    # Undated items: their own band below the axis, never placed at a guessed date.
    if undated:
        if dated:
            y += 22
            s.undated_rule = y
            y += 8
        heading = Label(2, y + FONT, [t.gettext("Date not reported")], bold=True)
        s.labels.append(heading)
        baseline = heading.bottom + LINE + 8
        for item in undated:
            text = wrap(item.text, text_width)
            if s.multi and item.cities:
                block = Label(
                    label_x, baseline, wrap(", ".join(item.cities), text_width, bold=True), bold=True
                )
                s.labels.append(block)
                title = Label(label_x, block.bottom + LINE, text)
            else:
                title = Label(label_x, baseline, text)
            s.labels.append(title)
            for key in item.lanes:
                shape = "open-diamond" if item.status else "open-dot"
                s.marks.append(
                    Mark(
                        item.key,
                        key,
                        "",
                        "none",
                        shape,
                        lane_colour[key],
                        lane_x[key],
                        baseline - FONT * 0.35,
                    )
                )
            baseline = title.bottom + LINE + GAP
            y = title.bottom
            s.rows.append(Row(None, t.gettext("date not reported"), item.cities, item.text, item.sources))

    if city_id is None:
        title = t.gettext("Timeline: the World Crafts Council and the craft cities")
        chart_id = "chart-timeline"
    else:
        title = t.gettext("Timeline: %(city)s", city=data.city_by_id[city_id]["name"][lang])
        chart_id = f"chart-timeline-{city_id}"
    return Chart(
        id=chart_id,
        kind="timeline",
        title=title,
        desc=_describe(dated, undated, clusters, lang, t),
        width=WIDTH,
        height=round(y + 10),
        sources=source_refs(data, [sid for i in [*dated, *undated] for sid in i.sources], lang, t),
        downloads=["events.csv", "statuses.csv"],
        shapes={"s": s, "paper": PAPER, "ink": INK, "muted": MUTED, "grid": GRID},
    )


def _describe(
    dated: list[Item], undated: list[Item], clusters: list[Cluster], lang: str, t: Translator
) -> str:
    """The short text a screen reader gives for the picture (the table has the rest)."""
    parts = []
    if not dated:
        parts.append(t.gettext("No event has a reported date."))
    elif len(dated) == 1:
        parts.append(t.gettext("One dated event: %(date)s.", date=format_partial_date(dated[0].date, lang)))
    else:
        parts.append(
            t.ngettext(
                "%(num)s dated event: the first on %(first)s, the last on %(last)s.",
                "%(num)s dated events: the first on %(first)s, the last on %(last)s.",
                len(dated),
                first=format_partial_date(dated[0].date, lang),
                last=format_partial_date(dated[-1].date, lang),
            )
        )
    for before, after in itertools.pairwise(clusters):
        parts.append(
            t.gettext(
                "The axis leaves out %(start)s–%(end)s, when nothing is recorded.",
                start=before.last + 1,
                end=after.first - 1,
            )
        )
    if undated:
        parts.append(
            t.ngettext(
                "%(num)s event has no reported date and is listed apart.",
                "%(num)s events have no reported date and are listed apart.",
                len(undated),
            )
        )
    return " ".join(parts)
