"""Everything about content/ that can be checked before Pelican reads a file.

The data files and every story's and page's header are checked together, so
one build lists every problem of both; the rest (translations, figure and
citation markers) needs the rendered stories and is checked in stories.py.
"""

from __future__ import annotations

from .errors import ContentError
from .headers import header_problems
from .model import Dataset, load_dataset


def check_content(settings: dict) -> Dataset:
    """The validated dataset, or a ContentError listing every problem found."""
    problems: list[str] = []
    data = None
    try:
        data = load_dataset(settings["PATH"])
    except ContentError as exc:
        problems += exc.problems
    problems += header_problems(settings)
    if problems or data is None:
        raise ContentError(problems)
    return data
