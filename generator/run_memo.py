"""Layouts computed once per run: a story's locator map and timeline are drawn on its page,
offered as embed code there, and drawn again on their embed pages (publish/embeds.py).

The memo is made at the start of each run and kept in the run's context, whose
copies (each page's context) share it; a devserver rebuild starts a new one, so
nothing is carried from one run to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

KEY = "CRAFT_RUN_MEMO"
T = TypeVar("T")


def start(context: dict) -> None:
    context[KEY] = {}


def remember(context, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`'s result, made once per run for `key` (every time when no run is going)."""
    memo = context.get(KEY)
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]
