"""Interface strings and locale formatting, chosen per page in a single Pelican pass.

Templates call `_()` / `ngettext()` (jinja2.ext.i18n); the callables below look
up the language of the page being rendered, so one template serves kk and ru.
Numbers and dates go through Babel, never OS locales.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from jinja2.runtime import Context

DOMAIN = "messages"


@cache
def translations(catalog_dir: str, lang: str) -> _gettext.GNUTranslations:
    """Compiled catalog for `lang`; a missing .mo is an error, not English."""
    path = Path(catalog_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make compile-catalogs` (make html does it)")
    with path.open("rb") as fp:
        return _gettext.GNUTranslations(fp)


class Translator:
    """gettext for one language, for Python code that writes text (maps, charts)."""

    def __init__(self, catalog_dir: str, lang: str) -> None:
        self.lang = lang
        self._t = translations(catalog_dir, lang)

    def gettext(self, message: str, **variables: object) -> str:
        text = self._t.gettext(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, n: int, **variables: object) -> str:
        variables.setdefault("num", n)
        return self._t.ngettext(singular, plural, n) % variables


def page_lang(ctx: Context) -> str:
    """Language of the page being rendered: explicit `lang`, else its article or page."""
    if ctx.get("lang"):
        return ctx["lang"]
    for key in ("article", "page"):
        obj = ctx.get(key)
        if obj is not None and getattr(obj, "lang", None):
            return obj.lang
    return ctx["DEFAULT_LANG"]


# Cached: Babel takes tens of microseconds a call and every page formats the same few
# numbers and dates again (about 50,000 calls in a build of 1,000 cities; make bench).
@cache
def format_number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


@cache
def format_partial_date(value: str | dt.date | dt.datetime | None, lang: str, unknown: str = "") -> str:
    """'2022' / '2025-10' / '2025-10-05' (or a date) in the language's long form."""
    if value is None:
        return unknown
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, "long", locale=lang)
    parts = value.split("-")
    if len(parts) == 2 and parts[1].startswith("H"):
        return format_half_year(int(parts[0]), int(parts[1][1]), lang)
    if len(parts) == 1:
        return format_skeleton("y", dt.date(int(parts[0]), 1, 1), locale=lang)
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=lang)
    return format_date(dt.date.fromisoformat(value), "long", locale=lang)


# Set by template_api.install(): the catalogs that format_half_year reads.
CATALOG_DIR = "theme/translations"


def format_half_year(year: int, half: int, lang: str) -> str:
    """Babel has no half-year pattern, so the wording comes from the catalogs."""
    t = translations(CATALOG_DIR, lang)
    text = t.gettext("first half of %(year)s") if half == 1 else t.gettext("second half of %(year)s")
    return text % {"year": year}


# Kazakh ablative after a numeral follows the last spoken word of the number:
# 100-ден, 4-тен, 6-дан, 10-нан (vowel harmony and consonant assimilation).
_KK_ABLATIVE_UNITS = {
    1: "ден",
    2: "ден",
    3: "тен",
    4: "тен",
    5: "тен",
    6: "дан",
    7: "ден",
    8: "ден",
    9: "дан",
}
_KK_ABLATIVE_TENS = {1: "нан", 2: "дан", 3: "дан", 4: "тан", 5: "ден", 6: "тан", 7: "тен", 8: "нен", 9: "нан"}


def kk_ablative(n: int) -> str:
    """Suffix of the Kazakh ablative case for the integer `n` ("-ден", "-тен", ...)."""
    n = abs(int(n))
    if n == 0:
        return "-ден"  # нөл
    if n % 1_000_000 == 0:
        return "-нан"  # миллион, мың
    if n % 1000 == 0:
        return "-нан"
    if n % 100 == 0:
        return "-ден"  # жүз
    if n % 10 == 0:
        return "-" + _KK_ABLATIVE_TENS[(n // 10) % 10]
    return "-" + _KK_ABLATIVE_UNITS[n % 10]
