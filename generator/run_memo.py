"""Layouts computed once per run: a story's locator map and timeline are drawn on its page,
offered as embed code there, and drawn again on their embed pages (publish/embeds.py).
The home maps and each story's rendered text (content/stories.py) are kept here too,
for a devserver's next run.

The memo is set at the start of each run and kept in the run's context, whose
copies (each page's context) share it. A devserver rebuild starts a new one
unless nothing its layouts depend on has changed (publish/rebuild.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

KEY = "CRAFT_RUN_MEMO"
T = TypeVar("T")


def start(context: dict, memo: dict | None = None) -> None:
    """A memo for the run: `memo` carries a devserver's layouts over while the site is the same
    (publish/rebuild.py decides), else a new one."""
    context[KEY] = {} if memo is None else memo


def remember(context, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`'s result, made once per run for `key` (every time when no run is going)."""
    memo = context.get(KEY)
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]
