"""Each data file on its own: the YAML files against their JSON Schemas, the outline as a country.

Problems are worded for editors: the file, the entry (with its id) and the
field, then what was expected and what was found.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator, validators
from shapely.geometry import shape

from ..errors import problem, shown
from .schema import NO_CONTROL, URL, VISIBLE


def outline_problems(outline: Any, display: str) -> list[str]:
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


def _finite_number(checker: Any, instance: Any) -> bool:
    """YAML's .nan and .inf are floats, but no reader can use them and JSON cannot hold them."""
    return Draft202012Validator.TYPE_CHECKER.is_type(instance, "number") and math.isfinite(instance)


_Validator = validators.extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number)
)

_PATTERNS = MappingProxyType(
    {
        r"^\d{4}(-\d{2}(-\d{2})?)?$": 'a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD"',
        r"^\d{4}-\d{2}-\d{2}$": 'a full date written "YYYY-MM-DD"',
        r"^\d{4}-H[12]$": 'a half-year written "YYYY-H1" or "YYYY-H2"',
        "^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lower-case Latin letters, digits and hyphens",
        VISIBLE: "some visible text (it is empty or only invisible characters)",
        NO_CONTROL: "text without control characters or line separators (U+2028, U+2029); retype it on one line",
        URL: "a web address with a host, such as https://example.kz/page",
    }
)


def _entry_and_field(instance: Any, path: list[str | int]) -> tuple[str | None, str | None]:
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


def schema_problems(display: str, instance: Any, schema: Mapping[str, Any]) -> list[str]:
    errors = sorted(_Validator(schema).iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    out = []
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "required":
            path.append(error.message.split("'")[1])
        entry, fld = _entry_and_field(instance, path) if isinstance(instance, dict) else (None, None)
        out.append(problem(display, entry, fld, _expected(error)))
    return out
