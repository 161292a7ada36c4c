"""The timeline in words: the table under it and the description a screen reader gives."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..i18n import Translator, format_partial_date
from .timeline_layout import Cluster, Item


@dataclass
class Row:
    """A row of the table under the chart."""

    date: str | None
    date_text: str
    cities: list[str]
    text: str
    sources: list[str]


def rows(dated: list[Item], undated: list[Item], lang: str, t: Translator) -> list[Row]:
    """The table's rows: dated items in time order, then those without a reported date."""
    out = [Row(i.date, format_partial_date(i.date, lang), i.cities, i.text, i.sources) for i in dated]
    out += [Row(None, t.gettext("date not reported"), i.cities, i.text, i.sources) for i in undated]
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
