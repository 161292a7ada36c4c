"""Read the content files exactly as editors wrote them, refusing what data must not have.

YAML allows more than the data should hold: a key written twice silently keeps
the second value, aliases can loop or multiply a small file into gigabytes, and
deep nesting crashes the parser (libyaml's composer recurses in C: a 50,000-deep
list kills the process). Every data file is scanned as a stream of parser
events first, which neither recurses nor expands aliases, and each of those is
refused there with the line and column it starts on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, problem

# Far above any real file (1,000 cities make a 1.5 MB cities.yaml, a story is
# about 20 KB); a limit keeps a pasted dump or a runaway export from stalling the build.
MAX_DATA_BYTES = 10 * 2**20
MAX_TEXT_BYTES = 1 * 2**20
# The deepest real structure is about 6 levels (cities[].figures[].unit.kk).
MAX_DEPTH = 32
# Values in one file once aliases are expanded: 1,000 cities have about 100,000.
MAX_VALUES = 1_000_000


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


def _size_problem(path: Path, display: str, limit: int) -> str | None:
    size = path.stat().st_size
    if size <= limit:
        return None
    return problem(
        display,
        None,
        None,
        f"is {size / 2**20:.1f} MB; expected at most {limit // 2**20} MB per content file",
    )


def read_text(path: Path, display: str, limit: int = MAX_TEXT_BYTES) -> str:
    """A content file's text (UTF-8, a leading byte-order mark dropped as Pelican does), size-checked."""
    try:
        too_big = _size_problem(path, display, limit)
    except FileNotFoundError:
        raise ContentError([problem(display, None, None, "file is missing")]) from None
    if too_big:
        raise ContentError([too_big])
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                problem(
                    display,
                    f"line {line}",
                    None,
                    f"is not UTF-8 text (byte {exc.start}); save the file as UTF-8",
                )
            ]
        ) from None
    return text


def _at(mark: Any) -> str | None:
    return f"line {mark.line + 1}, column {mark.column + 1}" if mark else None


class _Frame:
    """One open mapping or list while scanning."""

    __slots__ = ("anchor", "deepest", "depth", "expect_key", "keys", "mapping", "start")

    def __init__(self, mapping: bool, anchor: str | None, depth: int, start: int) -> None:
        self.mapping = mapping
        self.anchor = anchor
        self.depth = depth  # this collection's own level, 1 for the top
        self.deepest = depth  # the deepest level inside it, aliases expanded
        self.start = start  # values counted before it began
        self.expect_key = True
        self.keys: dict[str, Any] = {}


_NODES = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)


def _scan(text: str, display: str, loader: type) -> None:
    """Refuse duplicate keys, deep nesting and alias loops and bombs, from the parser's event stream.

    Aliases are allowed (yaml.safe_dump writes them for repeated values), but
    each is counted as the values it stands for: a file may not expand beyond
    MAX_VALUES values or MAX_DEPTH levels, and an alias inside its own anchor
    (a loop) is refused.
    """
    stack: list[_Frame] = []
    anchors: dict[str, tuple[int, int]] = {}  # name -> (values, levels) it expands to
    total = 0  # values so far, aliases expanded
    problems: list[str] = []

    def refuse(event: Any, field: str | None, message: str) -> None:
        problems.append(problem(display, _at(event.start_mark), field, message))

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (total - frame.start, frame.deepest - frame.depth + 1)
            if stack:
                stack[-1].deepest = max(stack[-1].deepest, frame.deepest)
            continue
        if not isinstance(event, _NODES):
            continue
        parent = stack[-1] if stack else None
        if parent and parent.mapping:
            if parent.expect_key and isinstance(event, yaml.ScalarEvent):
                first = parent.keys.get(event.value)
                if first is not None:
                    refuse(
                        event,
                        event.value,
                        f"is written twice in one entry (first on line {first.line + 1}); keep one of them",
                    )
                else:
                    parent.keys[event.value] = event.start_mark
            parent.expect_key = not parent.expect_key
        level = len(stack) + 1
        if isinstance(event, yaml.AliasEvent):
            if any(f.anchor == event.anchor for f in stack):
                refuse(
                    event,
                    None,
                    f"the alias *{event.anchor} sits inside &{event.anchor} itself (a loop); write the value out",
                )
                break
            values, levels = anchors.get(event.anchor, (1, 1))  # an unknown one: the parser says so below
            total += values
            if parent:
                parent.deepest = max(parent.deepest, level + levels - 1)
            if total > MAX_VALUES or level + levels - 1 > MAX_DEPTH:
                refuse(
                    event,
                    None,
                    f"aliases expand the file beyond {MAX_VALUES:,} values or {MAX_DEPTH} levels; write the values out",
                )
                break
            continue
        total += 1
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchors[event.anchor] = (1, 1)
            continue
        if level > MAX_DEPTH:
            refuse(
                event,
                None,
                f"is nested more than {MAX_DEPTH} levels deep; expected a few levels of lists and fields",
            )
            break  # everything inside is deeper still
        stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), event.anchor, level, total))
    if problems:
        raise ContentError(problems)


def read_yaml(path: Path, display: str) -> Any:
    """Parse one data file, turning every YAML problem into a ContentError naming it."""
    text = read_text(path, display, MAX_DATA_BYTES)
    try:
        try:
            _scan(text, display, _FastLoader)
            data = yaml.load(text, Loader=_FastLoader)  # a SafeLoader
        except yaml.YAMLError:
            # Again on the pure-Python parser, for its clearer message; the scan
            # comes first, so the recursive composer never sees deep nesting.
            _scan(text, display, _Loader)
            data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        raise ContentError([problem(display, _at(mark), None, f"is not valid YAML: {reason}")]) from None
    if data is None:
        raise ContentError([problem(display, None, None, "is empty: expected a mapping with the data")])
    return data


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json(path: Path, display: str) -> Any:
    """Parse one JSON file (the GeoJSON outline), with the same size limit and clear errors."""
    text = read_text(path, display, MAX_DATA_BYTES)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise ContentError(
            [problem(display, where, None, f"is not valid JSON ({exc.msg}); is the file complete?")]
        ) from None
    except ValueError as exc:  # NaN or Infinity
        raise ContentError([problem(display, None, None, f"is not valid JSON: {exc}")]) from None
    except RecursionError:
        raise ContentError(
            [problem(display, None, None, "is not valid data: nested too deeply; expected GeoJSON")]
        ) from None
