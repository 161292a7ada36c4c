"""Interface strings and locale formatting, chosen per page in a single Pelican pass.

Templates call `_()` / `ngettext()` (jinja2.ext.i18n), which generator/template_api.py
answers from the Translator of the page's language, so one template serves kk and ru.
Numbers and dates go through Babel, never OS locales.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal

from .data.dates import PartialDate

DOMAIN = "messages"


def catalog_dir(settings: dict) -> str:
    """theme/translations, relative to where make runs when it can be, so messages name it so."""
    path = os.path.join(settings["THEME"], "translations")
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def read_catalog(catalog_dir: str, lang: str) -> _gettext.GNUTranslations:
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
        # The catalog as gettext reads it: jinja2.ext.i18n fills in the variables itself.
        self.catalog = read_catalog(catalog_dir, lang)

    def gettext(self, message: str, **variables: object) -> str:
        text = self.catalog.gettext(message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, n: int, **variables: object) -> str:
        variables.setdefault("num", n)
        return self.catalog.ngettext(singular, plural, n) % variables


# Where a build keeps its Translators: in the context Pelican makes for each run
# (generator/__init__.py puts them there), so a rebuild reads the catalogs afresh.
TRANSLATORS = "translators"


class Translators(Mapping[str, Translator]):
    """The Translator of each language of one build, each catalog read once, when first needed
    (so a missing catalog is reported by the content checks, which run first)."""

    def __init__(self, settings: dict) -> None:
        self.catalog_dir = catalog_dir(settings)
        self._langs = tuple(settings["LANGUAGES"])
        self._made: dict[str, Translator] = {}

    def __getitem__(self, lang: str) -> Translator:
        if lang not in self._made:
            self._made[lang] = Translator(self.catalog_dir, lang)
        return self._made[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._langs)

    def __len__(self) -> int:
        return len(self._langs)


def translators(context: Mapping) -> Translators:
    """The Translators of the build a Pelican context (or a template's) belongs to."""
    return context[TRANSLATORS]


# Cached: Babel takes tens of microseconds a call and every page formats the same few
# numbers and dates again (about 50,000 calls in a build of 1,000 cities; make bench).
@cache
def format_number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


def format_partial_date(
    value: str | PartialDate | dt.date | dt.datetime | None,
    lang: str,
    unknown: str = "",
    t: Translator | None = None,
) -> str:
    """'2022' / '2025-10' / '2025-10-05' (or a date) in the language's long form; a half-year
    ('2025-H1') is worded from the catalogs, so it needs the page's Translator `t`."""
    date = PartialDate.parse(value) if isinstance(value, str) else value
    if isinstance(date, PartialDate) and date.half is not None:
        if t is None:
            raise ValueError(f"the half-year '{date}' is worded from the catalogs: pass its Translator")
        return date.format(lang, t.gettext)
    return _format_date(date, lang, unknown)


@cache
def _format_date(value: PartialDate | dt.date | None, lang: str, unknown: str = "") -> str:
    if value is None:
        return unknown
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, "long", locale=lang)
    return value.format(lang)


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
