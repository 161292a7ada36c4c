"""The timeline in words: the table under it and the description a screen reader gives."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..content.source_names import SourceRef, names_of
from ..i18n import Translator, format_partial_date
from .timeline_layout import Cluster, Item


@dataclass
class Row:
    """A row of the table under the chart."""

    date: str | None
    date_text: str
    who: str  # whom the event concerns, on a site-wide timeline; "" on a city's own
    text: str
    sources: list[str]  # ids, for a story's footnotes
    source_names: list[str]  # how a page without footnotes names them


def rows(
    dated: list[Item], undated: list[Item], multi: bool, refs: list[SourceRef], lang: str, t: Translator
) -> list[Row]:
    """The table's rows: dated items in time order, then those without a reported date."""
    council = t.gettext("World Crafts Council")

    def row(item: Item, date_text: str) -> Row:
        who = (", ".join(item.cities) if item.cities else council) if multi else ""
        return Row(item.date, date_text, who, item.text, item.sources, names_of(refs, item.sources))

    out = [row(i, format_partial_date(i.date, lang)) for i in dated]
    out += [row(i, t.gettext("date not reported")) for i in undated]
    return out


def describe(
    dated: list[Item], undated: list[Item], clusters: list[Cluster], lang: str, t: Translator
) -> str:
    """The short text a screen reader gives for the picture (the table has the rest)."""
    parts = []
    if not dated:
        parts.append(t.gettext("No event has a reported date."))
    elif len(dated) == 1:
        parts.append(t.gettext("One dated event: %(date)s.", date=format_partial_date(dated[0].date, lang)))
    else:
        parts.append(
            t.ngettext(
                "%(num)s dated event: the first on %(first)s, the last on %(last)s.",
                "%(num)s dated events: the first on %(first)s, the last on %(last)s.",
                len(dated),
                first=format_partial_date(dated[0].date, lang),
                last=format_partial_date(dated[-1].date, lang),
            )
        )
    for before, after in itertools.pairwise(clusters):
        parts.append(
            t.gettext(
                "The axis leaves out %(start)s–%(end)s, when nothing is recorded.",
                start=before.last + 1,
                end=after.first - 1,
            )
        )
    if undated:
        parts.append(
            t.ngettext(
                "%(num)s event has no reported date and is listed apart.",
                "%(num)s events have no reported date and are listed apart.",
                len(undated),
            )
        )
    return " ".join(parts)
