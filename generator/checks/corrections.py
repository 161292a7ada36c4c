"""Corrections and updates against the stories they name: the story must exist, and
a correction cannot be older than the story it corrects.

These need the stories' files and their `Date:` headers, so they are checked here,
with the headers, rather than in data/ (which knows only content/data/).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from ..data.cross_checks import FILES, entry
from ..data.loader import read_text
from ..data.model import Dataset
from ..errors import ContentError, problem
from .headers import parse_header, source_files


def story_dates(
    settings: dict[str, Any], memo: dict | None = None
) -> dict[str, dict[str, tuple[str, dt.date | None]]]:
    """Story (file name) -> language -> (display path, its Date, None if unreadable).

    The language and the name come from the path, by the rule Pelican reads them
    with (PATH_METADATA); a broken Date is reported by headers.py, not here.
    `memo` (make devserver's) keeps each file's Date while its text is the same.
    """
    memo = memo if memo is not None else {}
    root = settings["PATH"]
    rule = re.compile(settings["PATH_METADATA"])
    found: dict[str, dict[str, tuple[str, dt.date | None]]] = {}
    for kind, path in source_files(settings):
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        match = rule.search(relative)
        if kind != "story" or not match:
            continue
        display = f"content/{relative}"
        try:
            text = read_text(Path(path), display)
        except ContentError:
            text = None
        known = memo.get(path)
        if known is None or known[0] != text:
            known = memo[path] = (text, _date(text))
        day = known[1]
        found.setdefault(match["slug"], {})[match["lang"]] = (display, day)
    return found


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(parse_header(text).values.get("date", [""])[0][:10]) if text else None
    except (ContentError, ValueError):
        return None


def correction_problems(settings: dict[str, Any], data: Dataset, memo: dict | None = None) -> list[str]:
    """One line per correction naming no story, or dated before its story's Date (in any language)."""
    stories = story_dates(settings, memo)
    out = []
    for i, correction in enumerate(data.corrections):
        where = entry("corrections", i, correction)
        versions = stories.get(correction["story"])
        if not versions:
            known = ", ".join(sorted(stories)) or "none"
            out.append(
                problem(
                    FILES["corrections"],
                    where,
                    "story",
                    f"names story '{correction['story']}', which does not exist; expected the file name "
                    f"of a story in content/stories/<lang>/ ({known})",
                )
            )
            continue
        try:
            day = dt.date.fromisoformat(correction["date"])
        except ValueError:
            continue  # not a real date: data/cross_checks.py says so
        dated = sorted((d, display) for display, d in versions.values() if d is not None)
        if dated and day < dated[-1][0]:
            story_day, display = dated[-1]
            out.append(
                problem(
                    FILES["corrections"],
                    where,
                    "date",
                    f"{correction['date']} is before the story's Date ({story_day.isoformat()} in {display}); "
                    "expected the day of the change, on or after the day the story was published",
                )
            )
    return out
