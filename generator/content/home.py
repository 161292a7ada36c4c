"""What the home page's "At a glance" shows, worked out before home.html runs."""

from __future__ import annotations

from dataclasses import dataclass

from pelican.contents import Article

from ..data.model import Dataset
from ..data.records import Bilingual, DisputeWithClaims
from ..i18n import Translator
from .source_names import SourceRef, source_refs


@dataclass(frozen=True)
class BackgroundClaim:
    """A claim about the designation itself, with the reports that make it."""

    statement: Bilingual
    reports: list[SourceRef]  # named as a page without a source list names them


@dataclass(frozen=True)
class DisputeLinks:
    """A disagreement and the stories (in the page's language) that show it."""

    id: str
    question: Bilingual
    stories: list[Article]


@dataclass(frozen=True)
class HomeView:
    background: list[BackgroundClaim]
    disputes: list[DisputeLinks]


def home_view(data: Dataset, stories: list[Article], t: Translator) -> HomeView:
    """`stories`: the language's stories in the order the home page lists them."""
    return HomeView(
        [
            BackgroundClaim(c["statement"], source_refs(data, c["sources"], t.lang, t))
            for c in data.background()
        ],
        [_links(dispute, stories) for dispute in data.disputes_for()],
    )


def _links(dispute: DisputeWithClaims, stories: list[Article]) -> DisputeLinks:
    return DisputeLinks(
        dispute["id"], dispute["question"], [s for s in stories if s.city["id"] in dispute["cities"]]
    )
