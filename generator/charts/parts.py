"""Figures that are part of another figure (`part_of`), and the rest the reports leave out.

The Almaty akimat gives all tourists and, of them, the foreign ones; the
non-foreign number is never given. A chart may show it, but only as our own
arithmetic (whole − parts), labelled as computed, and only when the whole
figure names it (`remainder:` in cities.yaml), so nothing is derived unasked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import City, Figure
from ..errors import problem


@dataclass(frozen=True)
class Breakdown:
    """A whole figure, the figures that are parts of it, and what is left (computed)."""

    whole: Figure
    parts: list[Figure]
    remainder: float | None  # whole − sum(parts), if the whole names the remainder


def breakdowns(city: City) -> list[Breakdown]:
    """Every figure of `city` that has parts, in the order the data lists them."""
    out = []
    for whole in city["figures"]:
        parts = [f for f in city["figures"] if f.get("part_of") == whole["id"]]
        if not parts:
            continue
        rest = None
        if whole.get("remainder"):
            rest = whole["value"] - sum(p["value"] for p in parts)
            rest = int(rest) if float(rest).is_integer() else rest
        out.append(Breakdown(whole, parts, rest))
    return out


def part_problems(cities: list[dict], display: str) -> list[str]:
    """`part_of` must name a comparable figure of the same city, and parts must fit in it."""
    out: list[str] = []
    for i, city in enumerate(cities):
        entry = f"cities[{i}] (id '{city['id']}')"
        own = {f["id"]: f for f in city["figures"]}
        for j, fig in enumerate(city["figures"]):
            where = f"figures[{j}]"
            ref = fig.get("part_of")
            if ref is not None:
                whole = own.get(ref)
                if whole is None or ref == fig["id"]:
                    known = ", ".join(sorted(k for k in own if k != fig["id"])) or "none"
                    out.append(
                        problem(
                            display,
                            entry,
                            f"{where}.part_of",
                            f"'{ref}' is not another figure of this city; known: {known}",
                        )
                    )
                    continue
                if whole.get("part_of"):
                    out.append(problem(display, entry, f"{where}.part_of", f"'{ref}' is itself a part"))
                if whole["unit"] != fig["unit"] or whole["period"] != fig["period"]:
                    out.append(
                        problem(
                            display,
                            entry,
                            f"{where}.part_of",
                            f"'{ref}' counts in another unit or period: a part must share both",
                        )
                    )
                if fig.get("qualifier") or whole.get("qualifier"):
                    out.append(
                        problem(
                            display,
                            entry,
                            f"{where}.part_of",
                            "a part and its whole must be exact numbers (no qualifier)",
                        )
                    )
            if fig.get("remainder") is not None:
                parts = [f for f in city["figures"] if f.get("part_of") == fig["id"]]
                if not parts:
                    out.append(
                        problem(
                            display,
                            entry,
                            f"{where}.remainder",
                            "names a remainder, but no figure is part_of this one",
                        )
                    )
                elif sum(p["value"] for p in parts) > fig["value"]:
                    out.append(
                        problem(
                            display,
                            entry,
                            f"{where}.value",
                            f"{fig['value']} is smaller than its parts together "
                            f"({sum(p['value'] for p in parts)})",
                        )
                    )
    return out
