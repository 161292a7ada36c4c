"""content/data/*.yaml -> one validated Dataset, or a ContentError listing every problem.

Each file is checked on its own first (validate.py), then across files
(cross_checks.py): references need every file read and well-formed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ContentError
from .cross_checks import cross_problems
from .loader import read_json, read_yaml
from .records import (
    City,
    Claim,
    Correction,
    Dispute,
    DisputeWithClaims,
    Event,
    Figure,
    Source,
    Status,
    Wording,
)
from .schema import SCHEMAS
from .validate import outline_problems, schema_problems

DATA_DIR = "data"
OUTLINE = "data/geo/kazakhstan.geojson"


@dataclass
class Dataset:
    """Everything the templates know about craft cities, checked and cross-linked."""

    sources: list[Source]
    cities: list[City]
    claims: list[Claim]
    disputes: list[Dispute]
    events: list[Event]
    outline: dict[str, Any]  # GeoJSON FeatureCollection of the country's outline
    corrections: list[Correction] = field(default_factory=list)
    source_by_id: dict[str, Source] = field(init=False)
    city_by_id: dict[str, City] = field(init=False)
    figure_by_id: dict[str, Figure] = field(init=False)

    def __post_init__(self) -> None:
        self.source_by_id = {s["id"]: s for s in self.sources}
        self.city_by_id = {c["id"]: c for c in self.cities}
        self.figure_by_id = {f["id"]: f for c in self.cities for f in c["figures"]}

    def claims_for(self, city_id: str) -> list[Claim]:
        return [c for c in self.claims if city_id in c["cities"]]

    def disputes_for(self, city_id: str | None = None) -> list[DisputeWithClaims]:
        """Disputes with their claims; only those touching `city_id` if given."""
        out = []
        for d in self.disputes:
            claims = [c for c in self.claims if c.get("dispute") == d["id"]]
            if city_id is None or any(city_id in c["cities"] for c in claims):
                cities = list(dict.fromkeys(cid for c in claims for cid in c["cities"]))
                out.append({**d, "claims": claims, "cities": cities})
        return out

    def events_for(self, city_id: str) -> list[Event]:
        return [e for e in self.events if city_id in e["cities"]]

    def corrections_for(self, city_id: str | None = None) -> list[Correction]:
        """Corrections and updates, newest first (of one day, the one written later first);
        only those to the story of `city_id` if given."""
        found = [(c["date"], i, c) for i, c in enumerate(self.corrections) if city_id in (None, c["story"])]
        return [c for _date, _i, c in sorted(found, key=lambda f: f[:2], reverse=True)]

    def background(self) -> list[Claim]:
        """Claims about the designation and the Council itself: no city, no dispute."""
        return [c for c in self.claims if not c["cities"] and "dispute" not in c]


def _plain_name(text: str) -> str:
    return text.casefold().replace("ё", "е")


def wordings_to_show(status: Status, lang: str) -> list[Wording]:
    """The reports' own names for a status that our name in `lang` does not already contain.

    "Всемирный город ремёсел (World Craft City)" is not followed by "(in the
    reports: World Craft City)"; Taraz's "Всемирный город ремесленников" is shown.
    """
    ours = _plain_name(status["name"][lang])
    return [w for w in status["wordings"] if _plain_name(w["text"]) not in ours]


def load_dataset(content_path: str | Path) -> Dataset:
    """Read, schema-check and cross-check the data files under content/data/."""
    root = Path(content_path)
    raw: dict[str, Any] = {}
    problems: list[str] = []
    for name, schema in SCHEMAS.items():
        display = f"content/{DATA_DIR}/{name}"
        try:
            raw[name] = read_yaml(root / DATA_DIR / name, display)
        except ContentError as exc:
            problems += exc.problems
            continue
        problems += schema_problems(display, raw[name], schema)
    try:
        outline = read_json(root / OUTLINE, f"content/{OUTLINE}")
    except ContentError as exc:
        problems += exc.problems
    else:
        problems += outline_problems(outline, f"content/{OUTLINE}")
    if problems:
        raise ContentError(problems)

    data = Dataset(
        sources=raw["sources.yaml"]["sources"],
        cities=raw["cities.yaml"]["cities"],
        claims=raw["claims.yaml"]["claims"],
        disputes=raw["claims.yaml"]["disputes"],
        events=raw["timeline.yaml"]["events"],
        outline=outline,
        corrections=raw["corrections.yaml"]["corrections"],
    )
    problems = cross_problems(
        sources=data.sources,
        cities=data.cities,
        claims=data.claims,
        disputes=data.disputes,
        events=data.events,
        outline=data.outline,
        corrections=data.corrections,
    )
    if problems:
        raise ContentError(problems)
    return data
