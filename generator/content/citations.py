"""The numbered sources of one page, fixed once when the page is enriched.

Python numbers every source a page cites, in the order the page shows them
(story_view.story_citation_order for stories, the text's order for pages);
templates only read the numbers (`citations.number_of(id)`) and draw the
footnote (the `cite` macro in _macros.html). A template that cites a source the
page did not number stops the build instead of printing a wrong number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..data.records import Source


class UnnumberedSource(LookupError):
    """A template cites a source that the page's enrichment did not number."""


@dataclass(frozen=True)
class Citations:
    """Footnote numbers of one page: sources[n - 1] is footnote n."""

    page: str  # the page's source file, for the error message
    sources: tuple[Source, ...]

    @classmethod
    def numbered(cls, page: str, cited: Iterable[list[str]], source_by_id: dict[str, Source]) -> Citations:
        """Number sources in order of first citation; `cited` lists each footnote's source ids in page order."""
        ids = dict.fromkeys(sid for sources in cited for sid in sources)
        return cls(page, tuple(source_by_id[sid] for sid in ids))

    def number_of(self, source_id: str) -> int:
        for n, source in enumerate(self.sources, start=1):
            if source["id"] == source_id:
                return n
        raise UnnumberedSource(
            f"{self.page}: a template cites source '{source_id}', which the page did not number; "
            "number it where the page's sources are numbered (generator/content/story_view.py "
            "story_citation_order for a story), in the order the page shows it"
        )
