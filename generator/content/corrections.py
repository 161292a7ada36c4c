"""Corrections and updates as readers see them: on each story, and on one page per language.

A story's latest change is the later of its `Modified:` (or `Date:`) and its
corrections' dates; the JSON-LD, the sitemap, the feed and the byline all use it
(`article.last_change`), so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pelican.contents import Article

from ..data.model import Dataset
from ..data.records import Correction


@dataclass(frozen=True)
class CorrectionView:
    """One correction or update, in one language, with the story it changed."""

    id: str
    kind: str  # "correction" or "update"
    date: str  # YYYY-MM-DD
    text: str  # what changed, in the page's language
    story_title: str
    story_url: str  # relative to SITEURL


def last_change(article: Article, corrections: Iterable[Correction]) -> dt.datetime:
    """The story's latest change: its Modified (or Date) or its newest correction, whichever is later.

    A correction's day counts from its start in the story's time zone, so a story
    modified later that day keeps its own time.
    """
    latest = getattr(article, "modified", None) or article.date
    for correction in corrections:
        day = dt.date.fromisoformat(correction["date"])
        start = article.date.replace(year=day.year, month=day.month, day=day.day, hour=0, minute=0,
                                     second=0, microsecond=0)  # fmt: skip
        latest = max(latest, start)
    return latest


def corrections_page(data: Dataset, stories: Iterable[Article], lang: str) -> list[CorrectionView]:
    """Every correction and update, newest first, with its story in `lang`."""
    by_city = {story.slug: story for story in stories}
    return [
        CorrectionView(
            c["id"], c["kind"], c["date"], c["text"][lang], by_city[c["story"]].title, by_city[c["story"]].url
        )
        for c in data.corrections_for()
    ]
