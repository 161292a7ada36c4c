"""What a city's popup on the live map says; theme/templates/maps/live.html draws it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from ..data.dates import PartialDate
from ..data.records import City
from ..i18n import Translator, format_partial_date


@dataclass(frozen=True)
class PopupStatus:
    name: str
    when: str  # the year awarded, or that the reports do not say


@dataclass(frozen=True)
class Popup:
    name: str
    statuses: list[PopupStatus]
    href: str | None  # the story, if the city has one in this language
    link_text: str


def safe_href(url: str) -> str:
    """Only relative or http(s) links may reach a popup."""
    scheme = urlsplit(url).scheme
    if scheme not in ("", "http", "https"):
        raise ValueError(f"refusing a {scheme}: link in a map popup: {url!r}")
    return url


def _when(date: str | None, t: Translator) -> str:
    """ "Year awarded: 2022", or a sentence saying the reports give no date."""
    if not date:
        return t.gettext("The reports do not say when it was awarded.")
    label = t.gettext("Year awarded")
    return f"{label}: {format_partial_date(PartialDate.parse(date).year_only(), t.lang)}"


def popup_html(env: Environment, city: City, lang: str, href: str | None, t: Translator) -> Markup:
    """Name, status(es) with the year awarded, and the link to the story, all escaped."""
    popup = Popup(
        name=city["name"][lang],
        statuses=[PopupStatus(s["name"][lang], _when(s["date"], t)) for s in city["statuses"]],
        href=safe_href(href) if href else None,
        link_text=t.gettext("Read the story"),
    )
    return env.get_template("maps/live.html").module.popup(popup)
