"""Partial dates: "YYYY", "YYYY-MM", "YYYY-MM-DD", and half-year periods "YYYY-H1" / "YYYY-H2".

The reports date things only as precisely as they know them, and the data
keeps that precision: a year is never turned into a guessed 1 January. The
YAML keeps the text; code that needs more than the text parses it here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

from babel.dates import format_date, format_skeleton

Precision = Literal["year", "half", "month", "day"]

# The schema's patterns (schema.DATE, schema.PERIOD), with the parts captured.
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_HALF = re.compile(r"(\d{4})-H([12])")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source: a year, a half-year, a month or a day.

    Ordered by first day, and a longer period before a shorter one that starts
    with it ("2025" < "2025-H1" < "2025-01" < "2025-01-01"): for dates without a
    half-year this is the order of their ISO texts.
    """

    year: int
    month: int | None = None
    day: int | None = None
    half: Literal[1, 2] | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """The date `text` names; ValueError if it is malformed or no real date (2025-02-30)."""
        if m := _HALF.fullmatch(text):
            found = cls(int(m[1]), half=1 if m[2] == "1" else 2)
        elif m := _DATE.fullmatch(text):
            found = cls(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
        else:
            raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM, YYYY-MM-DD or YYYY-H1/H2")
        found.first_day()  # raises ValueError for month 13, 30 February, year 0
        return found

    @property
    def precision(self) -> Precision:
        if self.half is not None:
            return "half"
        return "year" if self.month is None else "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        month = self.month if self.month is not None else 7 if self.half == 2 else 1
        return dt.date(self.year, month, self.day if self.day is not None else 1)

    def span(self) -> tuple[dt.date, dt.date, Precision]:
        """'2022' -> (2022-01-01, 2023-01-01, 'year'): first day, the day after the last, precision."""
        first = self.first_day()
        if self.day is not None:
            return first, first + dt.timedelta(days=1), "day"
        if self.month is not None:
            end_month = self.month
        elif self.half == 1:
            end_month = 6
        else:
            end_month = 12
        end = dt.date(self.year + 1, 1, 1) if end_month == 12 else dt.date(self.year, end_month + 1, 1)
        return first, end, self.precision

    def year_only(self) -> PartialDate:
        return PartialDate(self.year)

    def sort_key(self) -> tuple[int, int]:
        first, end, _ = self.span()
        return first.toordinal(), -end.toordinal()

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        """The text the data writes: parse(str(d)) == d."""
        if self.half is not None:
            return f"{self.year:04d}-H{self.half}"
        parts = [f"{self.year:04d}"] + [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)

    def format(self, lang: str, gettext: Callable[[str], str] | None = None) -> str:
        """The date in `lang`'s long form through Babel; `gettext` (of `lang`) words a half-year,
        for which Babel has no pattern."""
        if self.half is not None:
            if gettext is None:
                raise ValueError(f"the half-year '{self}' is worded from the catalogs: pass their gettext")
            text = gettext("first half of %(year)s") if self.half == 1 else gettext("second half of %(year)s")
            return text % {"year": self.year}
        first = self.first_day()
        if self.month is None:
            return format_skeleton("y", first, locale=lang)
        if self.day is None:
            return format_skeleton("yMMMM", first, locale=lang)
        return format_date(first, "long", locale=lang)


def not_real(text: str | None) -> str | None:
    """The editor-facing problem with a date the schema admitted, or None ("unknown" is no problem)."""
    if text is None:
        return None
    try:
        PartialDate.parse(text)
    except ValueError:
        return f"'{text}' is not a real date"
    return None
