"""The shapes of the records in content/data/, as the schema (schema.py) admits them.

The loader keeps each record as the mapping YAML gave, so the downloads and
templates see exactly what editors wrote; these TypedDicts name its fields for
the type checker and the reader. `point()` is the one place that knows how a
city's position is stored.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

Lang = Literal["kk", "ru"]
# A text in each content language: {"kk": "...", "ru": "..."}.
Bilingual = dict[str, str]


class Coordinates(TypedDict):
    lat: float
    lon: float


class Figure(TypedDict):
    id: str
    value: float
    unit: Bilingual
    counts: Bilingual
    period: str | None  # a partial date, or "YYYY-H1"/"YYYY-H2"
    sources: list[str]
    qualifier: NotRequired[Literal["more_than", "about"]]
    part_of: NotRequired[str]  # the id of the city's figure this one is part of
    remainder: NotRequired[Bilingual]  # what the rest of that whole is
    counted: NotRequired[Literal[True]]  # our count of items the source lists
    written: NotRequired[Bilingual]  # how the stories write the value


class Wording(TypedDict):
    text: str
    sources: list[str]
    lang: NotRequired[Literal["kk", "ru", "en"]]  # when not the report's language


class Status(TypedDict):
    name: Bilingual
    wordings: list[Wording]
    awarded_by: Bilingual | None
    date: str | None
    sources: list[str]
    date_sources: NotRequired[list[str]]
    question: NotRequired[str]


class Craft(TypedDict):
    kk: str
    ru: str
    sources: list[str]


class City(TypedDict):
    id: str
    name: Bilingual
    coordinates: Coordinates
    region: Bilingual
    statuses: list[Status]
    crafts: list[Craft]
    figures: list[Figure]
    crafts_note: NotRequired[Bilingual]


class Source(TypedDict):
    id: str
    file: str
    language: Lang
    outlet: Bilingual | None
    author: str | None
    published: str | None
    url: str | None
    headline: str | None
    covers: Bilingual
    attribution: NotRequired[Bilingual]


class Dispute(TypedDict):
    id: str
    question: Bilingual


class Claim(TypedDict):
    id: str
    cities: list[str]
    statement: Bilingual
    sources: list[str]
    dispute: NotRequired[str]


class DisputeWithClaims(Dispute):
    """A dispute as Dataset.disputes_for() gives it: with its claims and their cities."""

    claims: list[Claim]
    cities: list[str]


class Event(TypedDict):
    id: str
    date: str | None
    cities: list[str]
    title: Bilingual
    sources: list[str]


class Correction(TypedDict):
    """A correction or an update to a story, as an editor records it in corrections.yaml."""

    id: str
    kind: Literal["correction", "update"]
    date: str  # "YYYY-MM-DD"
    story: str  # the story's file name: a city id
    text: Bilingual  # what changed


def point(city: City) -> tuple[float, float]:
    """The city's position as (lon, lat), the order of GeoJSON, shapely and the map projections."""
    return city["coordinates"]["lon"], city["coordinates"]["lat"]
