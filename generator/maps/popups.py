"""What a city's popup on the live map says, as plain values: map.js builds the
popup from them with DOM text (theme/static/js/map.js, craftMap.cities)."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from urllib.parse import urlsplit

from .. import urls
from ..data.dates import PartialDate
from ..data.records import City
from ..i18n import Translator, format_partial_date


def safe_href(url: str) -> str:
    """Only relative or http(s) links may reach a popup."""
    scheme = urlsplit(url).scheme
    if scheme not in ("", "http", "https"):
        raise ValueError(f"refusing a {scheme}: link in a map popup: {url!r}")
    return url


def story_link(siteurl: str, path: str | None, page: str) -> str | None:
    """A story's address relative to the page the map is on (`page`, e.g. "kk/"), so a row
    leads to the story of the page's own edition (the kk-latn home's to kk-latn's, as its
    other links do). The whole address is what gets checked."""
    if path is None:
        return None
    safe_href(urls.join(siteurl, path))
    link = posixpath.relpath(path, page or ".")
    return link + "/" if path.endswith("/") else link


def popup_texts(statuses: Sequence[str], t: Translator) -> dict:
    """What every popup of one map shares: the status names rows point into and the words around the values."""
    return {
        "statuses": list(statuses),
        "year": t.gettext("Year awarded"),
        "unknown": t.gettext("The reports do not say when it was awarded."),
        "read": t.gettext("Read the story"),
    }


def city_statuses(city: City, lang: str, table: list[str]) -> tuple[tuple[int, str], ...]:
    """(index of the status name in `table`, year awarded or "") per status; new names join `table`."""
    found = []
    for status in city["statuses"]:
        name = status["name"][lang]
        if name not in table:
            table.append(name)
        year = format_partial_date(PartialDate.parse(status["date"]).year_only(), lang) if status["date"] else ""
        found.append((table.index(name), year))
    return tuple(found)
