"""The one exception type editors see: it names the file, the entry and the field."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any


class ContentError(Exception):
    """Mistakes in content/ that must stop the build, one line each.

    Pelican turns an exception raised in a signal handler into a critical log
    line and exit status 1, so raising this is how the plugin fails the build;
    the plugin's log filter prints the problems alone, without a traceback.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def problem(path: str, entry: str | None, field: str | None, message: str) -> str:
    """Format one problem as `file: entry, field 'x': message`, on one line."""
    where = path
    if entry:
        where += f": {entry}"
    if field:
        where += f", field '{field}'"
    return _one_line(f"{where}: {message}")


def _one_line(text: str) -> str:
    """Never let a value from content break the one-line-per-problem format."""
    return re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x85]+", " ", text)


SHOWN_CHARS = 80


def shown(value: Any) -> str:
    """A value as a message quotes it: JSON-like, invisible characters written
    as \\uXXXX so the editor can see them, cut short if long."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text
    )
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return text
