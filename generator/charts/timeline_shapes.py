"""The timeline's drawn shapes: legend, axis, marks, labels and leader lines.

Marks sit on the lanes and clusters of timeline_layout.py: a day is a dot, a
month or a year is a bar over that whole period, an undated item an open mark
in its own band. Every shape is a plain record the template draws as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from ..i18n import Translator, format_partial_date
from ..palette import MUTED
from .base import FONT, LINE, WIDTH, Label, num, wrap
from .timeline_layout import LANE_X, Cluster, Item, Lane, span

YEAR_HEIGHT = 56  # units per year on the axis
MAX_CLUSTER_HEIGHT = 448  # a long run of years is squeezed to this
BREAK_HEIGHT = 28
TICK_X = 36  # right edge of the year labels
DOT = 5  # radius of a day-precise event
BAR = 8  # width of a month or year bar
GAP = 8  # between label blocks
DODGE = 10  # sideways step between marks that would overlap
AXIS_X = LANE_X - 14


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


class LegendRow(TypedDict):
    shape: str  # as Mark.shape, or "break"
    colour: str
    x: float
    cy: float
    label: Label


class Rule(TypedDict):
    """A horizontal line: a year's gridline, or a connector between the lanes of one item."""

    x1: float
    x2: float
    y: float


class AxisRun(TypedDict):
    """The axis line over one cluster."""

    x: float
    y0: float
    y1: float


@dataclass
class Shapes:
    lanes: list[Lane] = field(default_factory=list)
    legend: list[LegendRow] = field(default_factory=list)
    grid: list[Rule] = field(default_factory=list)
    axis: list[AxisRun] = field(default_factory=list)
    breaks: list[float] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    connectors: list[Rule] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    undated_rule: float | None = None
    multi: bool = False


def legend(s: Shapes, items: list[Item], breaks: bool, t: Translator) -> float:
    """Legend rows at the top; returns the y below them."""
    rows: list[tuple[str, str, str]] = []
    if len(s.lanes) > 1:
        rows += [("dot", lane.colour, lane.name) for lane in s.lanes]
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


def axis(s: Shapes, clusters: list[Cluster], y: float) -> float:
    """The axis from `y` down: clusters to scale, breaks between them; returns its bottom.

    Sets each cluster's top and height, so Cluster.y places dates from here on.
    """
    right = s.lanes[-1].x + 8 if s.lanes else LANE_X
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
            s.grid.append({"x1": AXIS_X, "x2": right, "y": ty})
            if (year - cluster.first) % step == 0:
                s.ticks.append(Label(TICK_X, ty + FONT, [str(year)], anchor="end", fill=MUTED))
        s.axis.append({"x": AXIS_X, "y0": cluster.top, "y1": cluster.top + cluster.height})
        y = cluster.top + cluster.height
        s.grid.append({"x1": AXIS_X, "x2": right, "y": y})
    return y


def dated_marks(s: Shapes, dated: list[Item], clusters: list[Cluster]) -> dict[str, float]:
    """Marks of the dated items on the axis; returns each item's anchor (y of its leader)."""
    lane_of = {lane.key: lane for lane in s.lanes}
    anchors: dict[str, float] = {}
    for item in dated:
        start, end, precision = span(item.date)
        cluster = next(c for c in clusters if c.first <= start.year <= c.last)
        y0, y1 = cluster.y(start), cluster.y(end)
        if precision == "day":
            anchor = y0
        else:
            if y1 - y0 < BAR:  # keep a month legible as a bar
                mid = (y0 + y1) / 2
                y0, y1 = mid - BAR / 2, mid + BAR / 2
            anchor = y0 + min((y1 - y0) / 2, LINE / 2)
        anchors[item.key] = anchor
        xs = [lane_of[k].x for k in item.lanes]
        if len(xs) > 1:
            s.connectors.append({"x1": min(xs), "x2": max(xs), "y": anchor})
        for key in item.lanes:
            lane = lane_of[key]
            if precision != "day":  # the period itself is always drawn
                s.marks.append(
                    Mark(item.key, key, item.date, precision, "bar", lane.colour, lane.x, anchor, y0, y1)
                )
            if item.status or precision == "day":
                shape = "diamond" if item.status else "dot"
                s.marks.append(Mark(item.key, key, item.date, precision, shape, lane.colour, lane.x, anchor))
    _dodge(s.marks)
    return anchors


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


def dated_labels(
    s: Shapes, dated: list[Item], anchors: dict[str, float], label_x: float, lang: str, bottom: float
) -> float:
    """Labels stacked on the right of the axis, each tied to its mark by a leader; returns the y below."""
    room = WIDTH - label_x - 2
    y = bottom
    next_baseline = 0.0
    for item in dated:
        anchor = anchors[item.key]
        head = format_partial_date(item.date, lang)
        if s.multi and item.cities:
            head += " · " + ", ".join(item.cities)
        baseline = max(anchor + FONT * 0.35, next_baseline)
        date_label = Label(label_x, baseline, wrap(head, room, bold=True), bold=True)
        title = Label(label_x, date_label.bottom + LINE, wrap(item.text, room))
        s.labels += [date_label, title]
        start_x = max(m.cx + (BAR if m.shape != "dot" else DOT) for m in s.marks if m.item == item.key) + 1
        s.leaders.append(
            f"M{num(start_x)} {num(anchor)}L{num(label_x - 9)} {num(baseline - FONT * 0.35)}"
            f"L{num(label_x - 3)} {num(baseline - FONT * 0.35)}"
        )
        next_baseline = title.bottom + LINE + GAP
        y = max(bottom, title.bottom + 6)
    return max(y, bottom)


def undated_band(
    s: Shapes, undated: list[Item], below_axis: bool, label_x: float, y: float, t: Translator
) -> float:
    """Undated items in their own band below the axis, never placed at a guessed date; returns the y below."""
    if below_axis:
        y += 22
        s.undated_rule = y
        y += 8
    room = WIDTH - label_x - 2
    lane_of = {lane.key: lane for lane in s.lanes}
    heading = Label(2, y + FONT, [t.gettext("Date not reported")], bold=True)
    s.labels.append(heading)
    baseline = heading.bottom + LINE + 8
    for item in undated:
        text = wrap(item.text, room)
        if s.multi and item.cities:
            block = Label(label_x, baseline, wrap(", ".join(item.cities), room, bold=True), bold=True)
            s.labels.append(block)
            title = Label(label_x, block.bottom + LINE, text)
        else:
            title = Label(label_x, baseline, text)
        s.labels.append(title)
        for key in item.lanes:
            lane = lane_of[key]
            shape = "open-diamond" if item.status else "open-dot"
            s.marks.append(
                Mark(item.key, key, "", "none", shape, lane.colour, lane.x, baseline - FONT * 0.35)
            )
        baseline = title.bottom + LINE + GAP
        y = title.bottom
    return y
