"""Issue 16, "Cite this": the citation a story or the data page offers, worked out before the template runs.

The wording and the order of its parts come from the page's catalog (one
pattern per language: GOST-style "Title // Site. Date. URL: ... (accessed: ...)"
in Kazakh and Russian), so _cite.html only gives each part its markup. The
date is the one the page shows (a story's Modified when it differs from its
Date, else its Date), in Babel's long form.

The address is absolute only in a published build, where SITEURL is. The
development build does not know where it will be published: it shows the
page's path from the site root ("ru/almaty/"), and its link is relative.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .. import urls
from ..i18n import Translator, format_partial_date

_SLOT = re.compile(r"%\((\w+)\)s")
PARTS = ("title", "site", "date", "url", "accessed")


@dataclass(frozen=True)
class CitationPart:
    kind: str  # "text" or one of PARTS
    text: str


@dataclass(frozen=True)
class Citation:
    """What _cite.html shows: the citation's parts in the language's order, and its plain text."""

    parts: list[CitationPart]
    title: str
    site: str
    date: str  # as the page shows it, e.g. "1 декабря 2026 г."
    date_iso: str
    path: str  # the page's path from the site root, e.g. "ru/almaty/"
    address: str  # absolute in a published build, else `path`
    absolute: bool
    accessed: str  # the slot the reader fills in ("[дата]"); the script may fill it with today
    files: tuple[str, ...] = ()  # on the data page: the dataset's BibTeX and CSL-JSON under data/

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


def shown_date(date: dt.datetime, modified: dt.datetime | None) -> dt.date:
    """The date a story's byline shows last: its update, when it has one on another day."""
    if modified is not None and modified.date() != date.date():
        return modified.date()
    return date.date()


def changed(obj: object) -> dt.datetime | None:
    """A story's latest change (its Modified or its newest correction, content/corrections.py);
    a page's Modified, if it has one."""
    return getattr(obj, "last_change", None) or getattr(obj, "modified", None)


def newest_date(objects: Iterable[object]) -> dt.date | None:
    """The newest date shown by any of these stories or pages (pages may have neither Date nor Modified)."""
    found = [
        shown_date(o.date, changed(o))
        for o in objects
        if isinstance(getattr(o, "date", None), dt.datetime)
    ]
    return max(found, default=None)


def published_siteurl(siteurl: str, relative_urls: bool) -> str:
    """SITEURL when it is the site's real address (a published build), else ""."""
    return "" if relative_urls else siteurl.rstrip("/")


def citation(title: str, path: str, date: dt.date, siteurl: str, t: Translator) -> Citation:
    """The citation of the page at `path` (site-relative); `siteurl` is "" in a development build."""
    address = urls.join(siteurl, path) if siteurl else path
    values = {
        "title": title,
        "site": t.gettext("Craft Cities of Kazakhstan"),
        "date": format_partial_date(date, t.lang),
        "url": address,
        "accessed": t.gettext("[date]"),
    }
    # TRANSLATORS: a citation of a web page; %(accessed)s is where the reader writes the day they read it.
    pattern = t.gettext("%(title)s. %(site)s, %(date)s. %(url)s (accessed %(accessed)s).")
    parts: list[CitationPart] = []
    pos = 0
    for m in _SLOT.finditer(pattern):
        _text(parts, pattern[pos : m.start()])
        parts.append(CitationPart(m.group(1), values[m.group(1)]))
        pos = m.end()
    _text(parts, pattern[pos:])
    return Citation(
        parts,
        values["title"],
        values["site"],
        values["date"],
        date.isoformat(),
        path,
        address,
        bool(siteurl),
        values["accessed"],
    )


def _text(parts: list[CitationPart], text: str) -> None:
    """Add the pattern's text between two parts; a title ending in "?" or a date ending in
    "г." takes no second full stop."""
    if parts and parts[-1].text.rstrip().endswith((".", "?", "!")) and text.startswith("."):
        text = text[1:]
    if text:
        parts.append(CitationPart("text", text))
