"""Partial dates (generator/data/dates.py): parsed, checked, ordered, spanned and formatted in one place."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT

from generator.data.dates import PartialDate, not_real
from generator.i18n import Translator, format_partial_date

TEXTS = ["1964-06-12", "2022", "2025", "2025-H1", "2025-01", "2025-01-01", "2025-H2", "2025-10", "2025-12-31"]


@pytest.mark.parametrize("text", TEXTS)
def test_a_date_reads_back_as_written(text):
    assert str(PartialDate.parse(text)) == text
    assert not_real(text) is None


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13", "2025-00", "0000", "0000-H1", "2024-11-31"])
def test_a_date_that_does_not_exist_is_named_for_the_editor(text):
    assert not_real(text) == f"'{text}' is not a real date"
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize("text", ["5 Oct 2025", "2025-1", "25", "2025-H3", "2025-10-05T10:00", ""])
def test_a_malformed_date_is_refused(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_unknown_is_no_problem():
    assert not_real(None) is None


def test_order_is_by_first_day_the_longer_period_first():
    ordered = [str(d) for d in sorted(PartialDate.parse(t) for t in reversed(TEXTS))]
    assert ordered == TEXTS
    plain = [t for t in TEXTS if "H" not in t]
    assert sorted(plain, key=PartialDate.parse) == sorted(plain), "without half-years: the order of the texts"


@pytest.mark.parametrize(
    "text, first, end, precision",
    [
        ("2022", dt.date(2022, 1, 1), dt.date(2023, 1, 1), "year"),
        ("2025-12", dt.date(2025, 12, 1), dt.date(2026, 1, 1), "month"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 3, 1), "month"),
        ("2025-12-31", dt.date(2025, 12, 31), dt.date(2026, 1, 1), "day"),
        ("2025-H1", dt.date(2025, 1, 1), dt.date(2025, 7, 1), "half"),
        ("2025-H2", dt.date(2025, 7, 1), dt.date(2026, 1, 1), "half"),
    ],
)
def test_span_covers_the_whole_period_and_no_more(text, first, end, precision):
    assert PartialDate.parse(text).span() == (first, end, precision)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_formatting_keeps_the_precision(lang):
    day = format_partial_date("2025-10-05", lang)
    assert day == format_partial_date(dt.date(2025, 10, 5), lang)
    month, year = format_partial_date("2025-10", lang), format_partial_date("2025", lang)
    assert "5" not in month.replace("2025", "") and "2025" in month and month != day
    assert year == "2025"
    t = Translator(str(ROOT / "theme/translations"), lang)
    halves = {format_partial_date(f"2025-H{h}", lang, t=t) for h in (1, 2)}
    assert len(halves) == 2 and all("2025" in h and "half" not in h for h in halves), halves
    assert format_partial_date(PartialDate.parse("2025-H1"), lang, t=t) in halves
    with pytest.raises(ValueError, match="Translator"):
        format_partial_date("2025-H1", lang)  # a half-year is worded from the catalogs
    assert format_partial_date(None, lang, "unknown") == "unknown"
