"""content/data/*.yaml -> one validated Dataset, or a ContentError listing every problem."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from shapely.geometry import Point, shape

from ..charts.parts import part_problems
from ..errors import ContentError, problem, shown
from .dates import not_real
from .loader import read_json, read_yaml
from .records import City, Claim, Dispute, DisputeWithClaims, Event, Figure, Source
from .schema import NO_CONTROL, SCHEMAS, URL, VISIBLE

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
    outline: dict  # GeoJSON FeatureCollection of the country's outline
    source_by_id: dict[str, Source] = field(init=False)
    city_by_id: dict[str, City] = field(init=False)
    figure_by_id: dict[str, Figure] = field(init=False)  # each with its "city"

    def __post_init__(self) -> None:
        self.source_by_id = {s["id"]: s for s in self.sources}
        self.city_by_id = {c["id"]: c for c in self.cities}
        self.figure_by_id = {f["id"]: {**f, "city": c["id"]} for c in self.cities for f in c["figures"]}

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

    def background(self) -> list[Claim]:
        """Claims about the designation and the Council itself: no city, no dispute."""
        return [c for c in self.claims if not c["cities"] and "dispute" not in c]


def _plain_name(text: str) -> str:
    return text.casefold().replace("ё", "е")


def wordings_to_show(status: dict, lang: str) -> list[dict]:
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
        problems += _schema_problems(display, raw[name], schema)
    try:
        outline = read_json(root / OUTLINE, f"content/{OUTLINE}")
    except ContentError as exc:
        problems += exc.problems
    else:
        problems += _outline_problems(outline, f"content/{OUTLINE}")
    if problems:
        raise ContentError(problems)

    data = Dataset(
        sources=raw["sources.yaml"]["sources"],
        cities=raw["cities.yaml"]["cities"],
        claims=raw["claims.yaml"]["claims"],
        disputes=raw["claims.yaml"]["disputes"],
        events=raw["timeline.yaml"]["events"],
        outline=outline,
    )
    problems = _cross_problems(data)
    if problems:
        raise ContentError(problems)
    return data


def _outline_problems(outline: Any, display: str) -> list[str]:
    """The map and the "inside Kazakhstan" check need the country as the first feature."""
    try:
        geometry = shape(outline["features"][0]["geometry"])
        if geometry.geom_type in ("Polygon", "MultiPolygon") and not geometry.is_empty:
            return []
    except Exception:  # any shape of wrong data: KeyError, TypeError, shapely's own errors
        pass
    return [
        problem(
            display,
            "features[0]",
            "geometry",
            "is not the country's outline; expected a GeoJSON FeatureCollection whose first feature is a Polygon or MultiPolygon",
        )
    ]


# -- schema errors, in words an editor can act on ---------------------------


def _finite_number(checker: Any, instance: Any) -> bool:
    """YAML's .nan and .inf are floats, but no reader can use them and JSON cannot hold them."""
    return Draft202012Validator.TYPE_CHECKER.is_type(instance, "number") and math.isfinite(instance)


_Validator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number)
)

_PATTERNS = {
    r"^\d{4}(-\d{2}(-\d{2})?)?$": 'a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
    r"^\d{4}-H[12]$": 'a half-year written "YYYY-H1" or "YYYY-H2"',
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lower-case Latin letters, digits and hyphens",
    VISIBLE: "some visible text (it is empty or only invisible characters)",
    NO_CONTROL: "text without control characters or line separators (U+2028, U+2029); retype it on one line",
    URL: "a web address with a host, such as https://example.kz/page",
}


def _entry_and_field(instance: Any, path: list) -> tuple[str | None, str | None]:
    """['cities', 2, 'coordinates', 'lat'] -> ("cities[2] (id 'almaty')", "coordinates.lat")."""
    if len(path) >= 2 and isinstance(path[1], int):
        item = instance[path[0]][path[1]]
        entry = f"{path[0]}[{path[1]}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            entry += f" (id '{item['id']}')"
        rest = path[2:]
    else:
        entry, rest = None, path
    dotted = ""
    for part in rest:
        dotted += f"[{part}]" if isinstance(part, int) else (f".{part}" if dotted else str(part))
    return entry, dotted or None


def _expected(error: Any) -> str:
    v, schema = error.validator, error.schema
    if v == "required":
        return "is missing (required)"
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))
        return (
            f"unknown field(s) {', '.join(map(repr, extra))}; expected only {', '.join(schema['properties'])}"
        )
    if v == "type":
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            return f"expected a finite number, got {shown(error.instance)} (YAML .nan or .inf)"
        return f"expected {schema['type']}, got {shown(error.instance)}"
    if v == "pattern":
        what = _PATTERNS.get(schema["pattern"], f"text matching {schema['pattern']}")
        return f"expected {what}, got {shown(error.instance)}"
    if v == "enum":
        return f"expected one of {', '.join(map(repr, schema['enum']))}, got {error.instance!r}"
    if v == "oneOf":
        options = []
        for sub in schema["oneOf"]:
            if sub.get("type") == "null":
                options.append("null (unknown)")
            elif "pattern" in sub:
                options.append(_PATTERNS.get(sub["pattern"], sub["pattern"]))
            elif "allOf" in sub:
                options.append(_PATTERNS[VISIBLE])
            elif sub.get("type") == "object":
                options.append("texts for " + " and ".join(sub["required"]))
            else:
                options.append(str(sub.get("type")))
        return f"expected {' or '.join(options)}, got {shown(error.instance)}"
    if v in ("minimum", "maximum"):
        return f"expected a number {'at least' if v == 'minimum' else 'at most'} {error.validator_value}, got {error.instance}"
    if v == "minItems":
        return f"expected at least {error.validator_value} item(s), got none"
    return error.message


def _schema_problems(display: str, instance: Any, schema: dict) -> list[str]:
    errors = sorted(_Validator(schema).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "required":
            path.append(error.message.split("'")[1])
        entry, fld = _entry_and_field(instance, path) if isinstance(instance, dict) else (None, None)
        out.append(problem(display, entry, fld, _expected(error)))
    return out


# -- checks across entries and files ----------------------------------------


def _cross_problems(data: Dataset) -> list[str]:
    out: list[str] = []
    files = {
        "sources": "content/data/sources.yaml",
        "cities": "content/data/cities.yaml",
        "claims": "content/data/claims.yaml",
        "disputes": "content/data/claims.yaml",
        "events": "content/data/timeline.yaml",
    }

    def entry(kind: str, i: int, item: dict) -> str:
        return f"{kind}[{i}] (id '{item['id']}')"

    for kind in ("sources", "cities", "claims", "disputes", "events"):
        counts = Counter(item["id"] for item in getattr(data, kind))
        for i, item in enumerate(getattr(data, kind)):
            if counts[item["id"]] > 1:
                out.append(
                    problem(
                        files[kind],
                        entry(kind, i, item),
                        "id",
                        f"duplicate id '{item['id']}': ids must be unique",
                    )
                )
    figure_ids = Counter(f["id"] for c in data.cities for f in c["figures"])

    def refs(kind: str, i: int, item: dict, fld: str, ids: list[str], known: dict, what: str) -> None:
        for ref in ids:
            if ref not in known:
                out.append(
                    problem(
                        files[kind],
                        entry(kind, i, item),
                        fld,
                        f"unknown {what} id '{ref}'; known: {', '.join(sorted(known))}",
                    )
                )

    outline = shape(data.outline["features"][0]["geometry"])
    for i, city in enumerate(data.cities):
        point = Point(city["coordinates"]["lon"], city["coordinates"]["lat"])
        if not outline.contains(point):
            out.append(
                problem(
                    files["cities"],
                    entry("cities", i, city),
                    "coordinates",
                    f"lat {point.y}, lon {point.x} lies outside Kazakhstan",
                )
            )
        for j, status in enumerate(city["statuses"]):
            refs("cities", i, city, f"statuses[{j}].sources", status["sources"], data.source_by_id, "source")
            for k, wording in enumerate(status["wordings"]):
                refs(
                    "cities",
                    i,
                    city,
                    f"statuses[{j}].wordings[{k}].sources",
                    wording["sources"],
                    data.source_by_id,
                    "source",
                )
            refs(
                "cities",
                i,
                city,
                f"statuses[{j}].date_sources",
                status.get("date_sources", []),
                data.source_by_id,
                "source",
            )
            if status["date"] and not status.get("date_sources"):
                out.append(
                    problem(
                        files["cities"],
                        entry("cities", i, city),
                        f"statuses[{j}].date_sources",
                        "is missing: name the source(s) that give this date",
                    )
                )
            if not status["date"] and status.get("date_sources"):
                out.append(
                    problem(
                        files["cities"],
                        entry("cities", i, city),
                        f"statuses[{j}].date_sources",
                        "names sources for a date, but the date is null",
                    )
                )
            if "question" in status:
                refs(
                    "cities",
                    i,
                    city,
                    f"statuses[{j}].question",
                    [status["question"]],
                    {d["id"]: d for d in data.disputes},
                    "dispute",
                )
            elif status["awarded_by"] is None:
                out.append(
                    problem(
                        files["cities"],
                        entry("cities", i, city),
                        f"statuses[{j}].awarded_by",
                        "is null: add 'question:' with the id of the dispute that leaves it open",
                    )
                )
            if wrong := not_real(status["date"]):
                out.append(problem(files["cities"], entry("cities", i, city), f"statuses[{j}].date", wrong))
        for j, craft in enumerate(city["crafts"]):
            refs("cities", i, city, f"crafts[{j}].sources", craft["sources"], data.source_by_id, "source")
        for j, fig in enumerate(city["figures"]):
            refs("cities", i, city, f"figures[{j}].sources", fig["sources"], data.source_by_id, "source")
            if figure_ids[fig["id"]] > 1:
                out.append(
                    problem(
                        files["cities"],
                        entry("cities", i, city),
                        f"figures[{j}].id",
                        f"duplicate figure id '{fig['id']}'",
                    )
                )
            if wrong := not_real(fig["period"]):
                out.append(problem(files["cities"], entry("cities", i, city), f"figures[{j}].period", wrong))
    for i, src in enumerate(data.sources):
        if wrong := not_real(src["published"]):
            out.append(problem(files["sources"], entry("sources", i, src), "published", wrong))
    out += part_problems(data.cities, files["cities"])
    dispute_ids = {d["id"]: d for d in data.disputes}
    for i, claim in enumerate(data.claims):
        refs("claims", i, claim, "sources", claim["sources"], data.source_by_id, "source")
        refs("claims", i, claim, "cities", claim["cities"], data.city_by_id, "city")
        if "dispute" in claim:
            refs("claims", i, claim, "dispute", [claim["dispute"]], dispute_ids, "dispute")
    for i, dispute in enumerate(data.disputes):
        # Two claims, usually from different reports; one report may also leave a
        # question open by giving two accounts (Turkestan's status).
        sides = [c for c in data.claims if c.get("dispute") == dispute["id"]]
        if len(sides) < 2:
            out.append(
                problem(
                    files["disputes"],
                    entry("disputes", i, dispute),
                    "id",
                    "a dispute needs at least two claims",
                )
            )
    for i, event in enumerate(data.events):
        refs("events", i, event, "sources", event["sources"], data.source_by_id, "source")
        refs("events", i, event, "cities", event["cities"], data.city_by_id, "city")
        if wrong := not_real(event["date"]):
            out.append(problem(files["events"], entry("events", i, event), "date", wrong))
    return out
