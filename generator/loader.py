"""Read the YAML data files exactly as editors wrote them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, problem


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as the strings the editor typed.

    Dates carry their precision ("2022", "2025-10", "2025-10-05"); letting YAML
    turn some of them into date objects would lose that and split the schema.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same rules on libyaml's parser: about 4x faster on a large cities.yaml (make bench).

    Only for files that parse; errors are reported by _Loader, whose messages
    are more precise (it names the offending character).
    """


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def read_yaml(path: Path, display: str) -> Any:
    """Parse one data file, turning YAML errors into a ContentError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([problem(display, None, None, "file is missing")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError([problem(display, None, None, f"is not UTF-8 text ({exc.reason})")]) from None
    try:
        try:
            data = yaml.load(text, Loader=_FastLoader)  # a SafeLoader
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_Loader)  # raises again, with the clearer message
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise ContentError([problem(display, where, None, f"is not valid YAML: {reason}")]) from None
    if data is None:
        raise ContentError([problem(display, None, None, "is empty: expected a mapping with the data")])
    return data
