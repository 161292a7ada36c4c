"""Checks across entries and files, once each file has passed its schema.

Ids unique and every reference known, each city inside the country's outline,
dates real, a dated status naming the sources of its date, a dispute with two
sides. The problems come in the order of the files and their entries, so an
editor fixes them top to bottom.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from shapely.geometry import Point, shape

from ..errors import problem
from .dates import not_real
from .parts import part_problems
from .records import City, Claim, Correction, Dispute, Event, Source, Status, point

FILES = MappingProxyType(
    {
        "sources": "content/data/sources.yaml",
        "cities": "content/data/cities.yaml",
        "claims": "content/data/claims.yaml",
        "disputes": "content/data/claims.yaml",
        "events": "content/data/timeline.yaml",
        "corrections": "content/data/corrections.yaml",
    }
)


def entry(kind: str, i: int, item: Mapping[str, Any]) -> str:
    """How a message names an entry: "cities[2] (id 'almaty')"."""
    return f"{kind}[{i}] (id '{item['id']}')"


def _unknown(
    kind: str, where: str, fld: str, ids: Sequence[str], known: Mapping[str, Any], what: str
) -> list[str]:
    """One problem per id in `ids` that is not among `known`."""
    return [
        problem(FILES[kind], where, fld, f"unknown {what} id '{ref}'; known: {', '.join(sorted(known))}")
        for ref in ids
        if ref not in known
    ]


def cross_problems(
    *,
    sources: list[Source],
    cities: list[City],
    claims: list[Claim],
    disputes: list[Dispute],
    events: list[Event],
    outline: dict[str, Any],
    corrections: Sequence[Correction] = (),
) -> list[str]:
    source_ids = {s["id"]: s for s in sources}
    city_ids = {c["id"]: c for c in cities}
    dispute_ids = {d["id"]: d for d in disputes}
    out = _duplicates(
        sources=sources, cities=cities, claims=claims, disputes=disputes, events=events, corrections=corrections
    )
    out += _city_problems(cities, source_ids, dispute_ids, outline)
    for i, src in enumerate(sources):
        if wrong := not_real(src["published"]):
            out.append(problem(FILES["sources"], entry("sources", i, src), "published", wrong))
    out += part_problems(cities, FILES["cities"])
    for i, claim in enumerate(claims):
        where = entry("claims", i, claim)
        out += _unknown("claims", where, "sources", claim["sources"], source_ids, "source")
        out += _unknown("claims", where, "cities", claim["cities"], city_ids, "city")
        if "dispute" in claim:
            out += _unknown("claims", where, "dispute", [claim["dispute"]], dispute_ids, "dispute")
    for i, dispute in enumerate(disputes):
        # Two claims, usually from different reports; one report may also leave a
        # question open by giving two accounts (Turkestan's status).
        sides = [c for c in claims if c.get("dispute") == dispute["id"]]
        if len(sides) < 2:
            out.append(
                problem(
                    FILES["disputes"],
                    entry("disputes", i, dispute),
                    "id",
                    "a dispute needs at least two claims",
                )
            )
    for i, event in enumerate(events):
        where = entry("events", i, event)
        out += _unknown("events", where, "sources", event["sources"], source_ids, "source")
        out += _unknown("events", where, "cities", event["cities"], city_ids, "city")
        if wrong := not_real(event["date"]):
            out.append(problem(FILES["events"], where, "date", wrong))
    # A correction's story and its date against the story's: checks/corrections.py, which reads the stories.
    for i, correction in enumerate(corrections):
        if wrong := not_real(correction["date"]):
            out.append(problem(FILES["corrections"], entry("corrections", i, correction), "date", wrong))
    return out


def _duplicates(**entries: Sequence[Mapping[str, Any]]) -> list[str]:
    out = []
    for kind, items in entries.items():
        counts = Counter(item["id"] for item in items)
        for i, item in enumerate(items):
            if counts[item["id"]] > 1:
                out.append(
                    problem(
                        FILES[kind],
                        entry(kind, i, item),
                        "id",
                        f"duplicate id '{item['id']}': ids must be unique",
                    )
                )
    return out


def _city_problems(
    cities: list[City],
    source_ids: Mapping[str, Source],
    dispute_ids: Mapping[str, Dispute],
    outline: dict[str, Any],
) -> list[str]:
    out: list[str] = []
    figure_ids = Counter(f["id"] for c in cities for f in c["figures"])
    country = shape(outline["features"][0]["geometry"])
    for i, city in enumerate(cities):
        where = entry("cities", i, city)
        position = Point(*point(city))
        if not country.contains(position):
            out.append(
                problem(
                    FILES["cities"],
                    where,
                    "coordinates",
                    f"lat {position.y}, lon {position.x} lies outside Kazakhstan",
                )
            )
        for j, status in enumerate(city["statuses"]):
            out += _status_problems(where, f"statuses[{j}]", status, source_ids, dispute_ids)
        for j, craft in enumerate(city["crafts"]):
            out += _unknown("cities", where, f"crafts[{j}].sources", craft["sources"], source_ids, "source")
        for j, fig in enumerate(city["figures"]):
            out += _unknown("cities", where, f"figures[{j}].sources", fig["sources"], source_ids, "source")
            if figure_ids[fig["id"]] > 1:
                out.append(
                    problem(FILES["cities"], where, f"figures[{j}].id", f"duplicate figure id '{fig['id']}'")
                )
            if wrong := not_real(fig["period"]):
                out.append(problem(FILES["cities"], where, f"figures[{j}].period", wrong))
    return out


def _status_problems(
    where: str, at: str, status: Status, source_ids: Mapping[str, Source], dispute_ids: Mapping[str, Dispute]
) -> list[str]:
    """A status's references, its date and what it says of who awarded it."""
    out = _unknown("cities", where, f"{at}.sources", status["sources"], source_ids, "source")
    for k, wording in enumerate(status["wordings"]):
        out += _unknown(
            "cities", where, f"{at}.wordings[{k}].sources", wording["sources"], source_ids, "source"
        )
    out += _unknown(
        "cities", where, f"{at}.date_sources", status.get("date_sources", []), source_ids, "source"
    )
    if status["date"] and not status.get("date_sources"):
        out.append(
            problem(
                FILES["cities"],
                where,
                f"{at}.date_sources",
                "is missing: name the source(s) that give this date",
            )
        )
    if not status["date"] and status.get("date_sources"):
        out.append(
            problem(
                FILES["cities"], where, f"{at}.date_sources", "names sources for a date, but the date is null"
            )
        )
    if "question" in status:
        out += _unknown("cities", where, f"{at}.question", [status["question"]], dispute_ids, "dispute")
    elif status["awarded_by"] is None:
        out.append(
            problem(
                FILES["cities"],
                where,
                f"{at}.awarded_by",
                "is null: add 'question:' with the id of the dispute that leaves it open",
            )
        )
    if wrong := not_real(status["date"]):
        out.append(problem(FILES["cities"], where, f"{at}.date", wrong))
    return out
