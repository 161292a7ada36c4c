"""What a story page shows beyond its text, worked out before the template runs.

article.html only presents: it reads the city's disputes, the wordings each
status is shown with (and the language each is written in), which of them need a
footnote of their own, and the newest report's date from the StoryView. The
order the page cites its sources in is defined here, once
(story_citation_order), and numbers the page's footnotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..data.dates import PartialDate
from ..data.model import Dataset, wordings_to_show
from ..data.records import Bilingual, City, DisputeWithClaims, Status
from .citations import Citations


@dataclass(frozen=True)
class WordingView:
    """A report's own name for a status, in the language it was written in."""

    text: str
    lang: str
    cite: list[str]  # its own footnote; empty when the status's footnote already names its reports


@dataclass(frozen=True)
class StatusView:
    name: Bilingual
    sources: list[str]  # the reports of the award (the footnote after the name)
    wordings: list[WordingView]  # only those our name does not already contain
    awarded_by: Bilingual | None
    question: str | None  # the dispute about who awarded it, if open
    date: str | None
    date_cite: list[str]  # the date's own footnote; empty when the award's reports give it


@dataclass(frozen=True)
class StoryView:
    """Everything article.html shows about the story's city, in the story's language."""

    city: City
    disputes: list[DisputeWithClaims]
    statuses: list[StatusView]
    citations: Citations
    newest_report: str | None  # the latest publication date among the cited reports that give one


def story_view(city: City, lang: str, body: list[list[str]], data: Dataset, page: str) -> StoryView:
    """`body`: the footnotes of the story's text, in order (markers.read_markers)."""
    disputes = data.disputes_for(city["id"])
    statuses = [_status_view(status, lang, data) for status in city["statuses"]]
    order = story_citation_order(city, body, disputes, statuses, data)
    citations = Citations.numbered(page, order, data.source_by_id)
    dates = [s["published"] for s in citations.sources if s.get("published")]
    return StoryView(
        city, disputes, statuses, citations, max(dates, key=PartialDate.parse) if dates else None
    )


def _status_view(status: Status, lang: str, data: Dataset) -> StatusView:
    wordings = [
        WordingView(
            w["text"],
            w.get("lang") or data.source_by_id[w["sources"][0]]["language"],
            [] if w["sources"] == status["sources"] else w["sources"],
        )
        for w in wordings_to_show(status, lang)
    ]
    date_sources = status.get("date_sources", [])
    return StatusView(
        status["name"],
        status["sources"],
        wordings,
        status["awarded_by"],
        status.get("question"),
        status["date"],
        [] if date_sources == status["sources"] else date_sources,
    )


def story_citation_order(
    city: City,
    body: list[list[str]],
    disputes: list[DisputeWithClaims],
    statuses: list[StatusView],
    data: Dataset,
) -> Iterator[list[str]]:
    """Each footnote's source ids in the order article.html shows them.

    Key figures (and the charts beside them), the text, the disagreements, the
    statuses with the timeline, the crafts: moving a section of article.html
    means moving its line here, or the page's numbers no longer run 1, 2, 3.
    """
    yield from (fig["sources"] for fig in city["figures"])
    yield from body
    yield from (claim["sources"] for dispute in disputes for claim in dispute["claims"])
    for status in statuses:
        yield status.sources
        yield from (w.cite for w in status.wordings)
        yield status.date_cite
    yield from (event["sources"] for event in data.events_for(city["id"]))
    yield from (craft["sources"] for craft in city["crafts"])
