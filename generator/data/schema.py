"""JSON Schemas for the files in content/data/, one per file.

Structure and types live here; checks that need more than one entry (ids that
must exist, duplicates, a point inside Kazakhstan) live in cross_checks.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


def _frozen(value: Any) -> Any:
    """A schema no caller can change: read-only mappings, tuples for arrays."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


LANGS = ("kk", "ru")
ID = _frozen({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})
# Characters that show nothing: zero-width spaces and joiners, soft hyphen,
# direction marks, BOM, Hangul fillers. Text made only of them (and spaces) is empty.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
VISIBLE = f"[^\\s{INVISIBLE}]"
# Control characters and the line/paragraph separators U+2028/U+2029: pasted
# from word processors, they break lines in some readers and in JavaScript.
CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
NO_CONTROL = f"^[^{CONTROL}]*$"
TEXT = _frozen({"type": "string", "allOf": [{"pattern": VISIBLE}, {"pattern": NO_CONTROL}]})
# "2025", "2025-10" or "2025-10-05": as precise as the source is.
DATE = _frozen({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})
OPTIONAL_DATE = _frozen({"oneOf": [DATE, {"type": "null"}]})
# A day on our own calendar (a correction's date): always known to the day.
FULL_DATE = _frozen({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"})
# A period is a date or a half-year such as "2025-H1".
PERIOD = _frozen({"oneOf": [DATE, {"type": "string", "pattern": r"^\d{4}-H[12]$"}, {"type": "null"}]})
BILINGUAL = _frozen(
    {
        "type": "object",
        "properties": {lang: TEXT for lang in LANGS},
        "required": LANGS,
        "additionalProperties": False,
    }
)
# http(s), a host name, then an optional path: "https://" alone is no address.
URL = r"^https?://[^\s/?#@]*[^\s/?#@.:][^\s/?#@]*(?:[/?#]\S*)?$"
SOURCE_IDS = _frozen({"type": "array", "items": ID, "minItems": 1})
CITY_IDS = _frozen({"type": "array", "items": ID})


def _obj(required: list[str], optional: Mapping[str, Any] | None = None, **props: Any) -> Mapping[str, Any]:
    return _frozen(
        {
            "type": "object",
            "properties": {**props, **(optional or {})},
            "required": required,
            "additionalProperties": False,
        }
    )


def _file(key: str, item: Mapping[str, Any], min_items: int = 0) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **_obj([key], **{key: {"type": "array", "items": item, "minItems": min_items}}),
    }


FIGURE = _obj(
    ["id", "value", "unit", "counts", "period", "sources"],
    {
        "qualifier": {"enum": ["more_than", "about"]},
        # Charts (charts/parts.py; checked in data/parts.py): this figure is part of another of the city's
        # figures; the whole may name what is left, which charts show as computed.
        "part_of": ID,
        "remainder": BILINGUAL,
        # The source lists the items and gives no number: the value is our count
        # of them, so the build does not look for it among the source's numbers.
        "counted": {"const": True},
        # How a sentence writes the value: "четыре", or "1,14 млн" as the report rounds it.
        "written": BILINGUAL,
    },
    id=ID,
    value={"type": "number"},
    unit=BILINGUAL,
    counts=BILINGUAL,
    period=PERIOD,
    sources=SOURCE_IDS,
)

# A report's own name for a designation, and the reports that use it;
# `lang` when the wording is not in the report's language ("World Craft City").
WORDING = _obj(["text", "sources"], {"lang": {"enum": [*LANGS, "en"]}}, text=TEXT, sources=SOURCE_IDS)

# `sources` report the award; `date_sources` (required with a date) give its date.
# `awarded_by` is null when the reports leave it open; `question` names that dispute.
STATUS = _obj(
    ["name", "wordings", "awarded_by", "date", "sources"],
    {"date_sources": SOURCE_IDS, "question": ID},
    name=BILINGUAL,
    wordings={"type": "array", "items": WORDING, "minItems": 1},
    awarded_by={"oneOf": [BILINGUAL, {"type": "null"}]},
    date=OPTIONAL_DATE,
    sources=SOURCE_IDS,
)

CRAFT = _obj(["kk", "ru", "sources"], kk=TEXT, ru=TEXT, sources=SOURCE_IDS)

CITY = _obj(
    ["id", "name", "coordinates", "region", "statuses", "crafts", "figures"],
    {"crafts_note": BILINGUAL},
    id=ID,
    name=BILINGUAL,
    coordinates=_obj(
        ["lat", "lon"],
        lat={"type": "number", "minimum": -90, "maximum": 90},
        lon={"type": "number", "minimum": -180, "maximum": 180},
    ),
    region=BILINGUAL,
    statuses={"type": "array", "items": STATUS, "minItems": 1},
    crafts={"type": "array", "items": CRAFT},
    figures={"type": "array", "items": FIGURE},
)

SOURCE = _obj(
    ["id", "file", "language", "outlet", "author", "published", "url", "headline", "covers"],
    # Whom the text itself credits for its report, when no outlet is named.
    {"attribution": BILINGUAL},
    id=ID,
    file=TEXT,
    language={"enum": LANGS},
    outlet={"oneOf": [BILINGUAL, {"type": "null"}]},
    author={"oneOf": [TEXT, {"type": "null"}]},
    published=OPTIONAL_DATE,
    url={"oneOf": [{"type": "string", "pattern": URL}, {"type": "null"}]},
    headline={"oneOf": [TEXT, {"type": "null"}]},
    covers=BILINGUAL,
)

DISPUTE = _obj(["id", "question"], id=ID, question=BILINGUAL)

CLAIM = _obj(
    ["id", "cities", "statement", "sources"],
    {"dispute": ID},
    id=ID,
    cities=CITY_IDS,
    statement=BILINGUAL,
    sources=SOURCE_IDS,
)

EVENT = _obj(
    ["id", "date", "cities", "title", "sources"],
    id=ID,
    date=OPTIONAL_DATE,
    cities=CITY_IDS,
    title=BILINGUAL,
    sources=SOURCE_IDS,
)

# Corrections and updates: what changed in a story, on which day (checked against
# the story's own Date in checks/corrections.py, where the stories are known).
CORRECTION = _obj(
    ["id", "kind", "date", "story", "text"],
    id=ID,
    kind={"enum": ["correction", "update"]},
    date=FULL_DATE,
    story=ID,
    text=BILINGUAL,
)

SCHEMAS: Mapping[str, Mapping[str, Any]] = _frozen(
    {
        "sources.yaml": _file("sources", SOURCE),
        # A site about craft cities needs one at least (the map frames them).
        "cities.yaml": _file("cities", CITY, min_items=1),
        "claims.yaml": {
            **_file("claims", CLAIM),
            "properties": {
                "claims": {"type": "array", "items": CLAIM},
                "disputes": {"type": "array", "items": DISPUTE},
            },
            "required": ["claims", "disputes"],
        },
        "timeline.yaml": _file("events", EVENT),
        "corrections.yaml": _file("corrections", CORRECTION),
    }
)
