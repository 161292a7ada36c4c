"""`part_of` and `remainder`: a figure that is part of another, and the rest the whole names.

Charts (charts/parts.py) draw a whole with its parts and, when the whole names
it, the remainder as computed arithmetic; these checks make sure the parts
and the whole can be added up at all.
"""

from __future__ import annotations

from ..errors import problem
from .records import City


def part_problems(cities: list[City], display: str) -> list[str]:
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
