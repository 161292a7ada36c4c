"""Figures that are part of another figure (`part_of`), and the rest the reports leave out.

The Almaty akimat gives all tourists and, of them, the foreign ones; the
non-foreign number is never given. A chart may show it, but only as our own
arithmetic (whole − parts), labelled as computed, and only when the whole
figure names it (`remainder:` in cities.yaml), so nothing is derived unasked.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.records import City, Figure


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
