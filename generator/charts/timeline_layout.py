"""What the timeline shows and where: its items, its lanes and its runs of years.

An item is an event or a status award (or both merged); a lane is a city or
the Council; a cluster is a run of years drawn to scale, and clusters are
separated by axis breaks. The drawing (timeline_shapes.py) only places marks
and labels on what this module decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.dates import PartialDate
from ..data.model import Dataset
from ..i18n import Translator
from ..palette import CITY_COLOURS, INK
from .base import city_colour

WCC = "wcc"  # the lane of events that concern no single city
SHARED = "all"  # the one lane of a crowded site-wide timeline
MAX_CITY_LANES = 4  # lanes are 16 units apart: more would squeeze the labels
BREAK_YEARS = 3  # more empty years than this between events: cut the axis
LANE_X = 56  # first lane
LANE_STEP = 16
WCC_COLOUR = INK  # the Council is no city: it takes none of their colours


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
class Lane:
    key: str  # city id, WCC or SHARED
    x: float
    colour: str
    name: str


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


def items(data: Dataset, lang: str, t: Translator, city_id: str | None, statuses: bool = True) -> list[Item]:
    """Events and status awards; a status merges into an event of its city and date."""
    events = data.events if city_id is None else data.events_for(city_id)
    out = [
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
                for i in out
                if status["date"] is not None and i.date == status["date"] and city["id"] in i.lanes
            ]
            if twin:
                twin[0].status = True
                twin[0].sources += [s for s in cited if s not in twin[0].sources]
                continue
            # The lane (or the table's city cell) already names the city.
            text = t.gettext("Status “%(status)s”", status=status["name"][lang])
            out.append(
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
    return out


def in_order(dated: list[Item]) -> list[Item]:
    """Dated items by start, then end (a day before its month), then key: a stable order."""
    return sorted(dated, key=lambda i: (span(i.date)[0], span(i.date)[1], i.key))


def lanes(data: Dataset, lang: str, t: Translator, items: list[Item]) -> list[Lane]:
    """The lanes the items use: the Council (or the shared lane) first, then cities in data order."""
    used = {key for i in items for key in i.lanes}
    keys = [k for k in (WCC, SHARED) if k in used] + [c["id"] for c in data.cities if c["id"] in used]
    names = {WCC: t.gettext("World Crafts Council"), SHARED: ""}
    return [
        Lane(
            key,
            LANE_X + n * LANE_STEP,
            {WCC: WCC_COLOUR, SHARED: CITY_COLOURS[0]}.get(key) or city_colour(data, key),
            names[key] if key in names else data.city_by_id[key]["name"][lang],
        )
        for n, key in enumerate(keys)
    ]


def clusters(dated: list[Item]) -> list[Cluster]:
    """Runs of years with events, split where more than BREAK_YEARS years are empty."""
    last_day = [span(i.date)[1] - dt.timedelta(days=1) for i in dated]
    years = sorted({span(i.date)[0].year for i in dated} | {d.year for d in last_day})
    out: list[Cluster] = []
    for year in years:
        if out and year - out[-1].last - 1 <= BREAK_YEARS:
            out[-1].last = year
        else:
            out.append(Cluster(year, year))
    return out
