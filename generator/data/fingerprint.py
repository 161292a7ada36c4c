"""A fingerprint of the source articles that holds none of their sentences.

The articles themselves live in an archive beside the repository
(`../shared/sources`), which a plain GitHub checkout does not have. The
fingerprint, committed as `content/data/fingerprint.json`, keeps what the
build and the tests need from them:

- hashed runs of seven words, to prove that no sentence of an article is
  repeated on the site (the words themselves cannot be read back);
- the numbers and dates each article states, so that a figure or a date in the
  data can be checked against the source it cites.

`make fingerprint` writes it again from the archive:

    python -m generator fingerprint ../shared/sources content/data/fingerprint.json
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypedDict

from .dates import PartialDate

RUN = 7  # words in a run; the newsroom's copy rule (and ../shared/tools/copycheck.py)
FORMAT = 1

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as copycheck compares them: lower case, ё as е."""
    return [w.lower().replace("ё", "е") for w in WORD.findall(text)]


def run_hash(run: Iterable[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def run_hashes(text: str, n: int = RUN) -> set[str]:
    ws = words(text)
    return {run_hash(ws[i : i + n]) for i in range(len(ws) - n + 1)}


# -- numbers, as a newsroom writes them ------------------------------------

_SCALE = MappingProxyType({
    "тыс": 1_000, "тысяч": 1_000, "тысячи": 1_000, "тысяча": 1_000,
    "мың": 1_000, "мыңы": 1_000, "мыңнан": 1_000, "мыңға": 1_000,
    "млн": 1_000_000, "миллион": 1_000_000, "миллиона": 1_000_000, "миллионов": 1_000_000,
    "миллионға": 1_000_000, "миллионнан": 1_000_000,
    "млрд": 1_000_000_000, "миллиард": 1_000_000_000, "миллиарда": 1_000_000_000,
    "миллиардов": 1_000_000_000,
})  # fmt: skip
# "1 140 000" groups digits with (no-break, thin) spaces; a plain space only before exactly three digits.
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+)(?:[.,](\d+))?(?:\s*(" + "|".join(
        sorted((re.escape(k) for k in _SCALE), key=len, reverse=True)
    ) + r")(?!\w))?",
    re.IGNORECASE,
)
# Small counts written in words (the articles do: "четыре ассоциации").
_NUMBER_WORDS = MappingProxyType({
    "ru": MappingProxyType({
        1: "один одна одно одного одной одному",
        2: "два две двух двум двумя",
        3: "три трех трем тремя",
        4: "четыре четырех четырем четырьмя",
        5: "пять пяти пятью",
        6: "шесть шести шестью",
        7: "семь семи семью",
        8: "восемь восьми восемью",
        9: "девять девяти девятью",
        10: "десять десяти десятью",
        20: "двадцать двадцати",
        100: "сто ста",
    }),
    "kk": MappingProxyType({
        1: "бір",
        2: "екі екеу екеуі",
        3: "үш үшеу үшеуі",
        4: "төрт төртеу төртеуі",
        5: "бес бесеу бесеуі",
        6: "алты алтау алтауы",
        7: "жеті жетеу жетеуі",
        8: "сегіз сегізі",
        9: "тоғыз тоғызы",
        10: "он оны",
        20: "жиырма",
        100: "жүз",
    }),
})  # fmt: skip


def numbers(text: str, lang: str) -> set[float]:
    """Every number a text states, scaled: "1,14 млн" -> 1140000, "323 мыңы" -> 323000."""
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        whole, frac, scale = m.groups()
        value = float(re.sub(r"\D", "", whole) + ("." + frac if frac else ""))
        found.add(value)
        if scale:
            found.add(round(value * _SCALE[scale.lower()], 6))
    table = {w: n for n, forms in _NUMBER_WORDS.get(lang, {}).items() for w in forms.split()}
    found.update(float(table[w]) for w in words(text) if w in table)
    return found


# -- dates, as the articles write them ---------------------------------------

_MONTHS = MappingProxyType({
    "ru": ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр",
           "ноябр", "декабр"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан"),
})  # fmt: skip


@dataclass
class Dates:
    """What a text says of dates: full dates, day-and-month without a year, months and years named."""

    full: set[str]
    days: set[str]  # "MM-DD"
    months: set[str]  # "MM"
    years: set[str]  # "YYYY"

    def states(self, date: str) -> bool:
        """Does the text give this "YYYY", "YYYY-MM" or "YYYY-MM-DD"?"""
        if any(f.startswith(date) for f in self.full):
            return True
        d = PartialDate.parse(date)
        if f"{d.year:04d}" not in self.years:
            return False
        if d.month is None:
            return True
        if d.day is None:
            return f"{d.month:02d}" in self.months
        return f"{d.month:02d}-{d.day:02d}" in self.days


def dates(text: str, lang: str) -> Dates:
    full: set[str] = set()
    days: set[str] = set()
    months: set[str] = set()
    for y, m, d in re.findall(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", text):
        full.add(f"{y}-{m}-{d}")
    for d, m, y in re.findall(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)", text):
        full.add(f"{y}-{int(m):02d}-{int(d):02d}")
    lower = text.lower()
    for i, stem in enumerate(_MONTHS.get(lang, ()), start=1):
        mm = f"{i:02d}"
        for m in re.finditer(rf"(?<!\w)(?:(\d{{1,2}})\s+)?{stem}\w*(?:\s+(\d{{4}}))?", lower):
            months.add(mm)
            day, year = m.groups()
            if day and year:
                full.add(f"{year}-{mm}-{int(day):02d}")
            elif day:
                days.add(f"{mm}-{int(day):02d}")
        # Kazakh writes the year first: "2025 жылғы 5 қазан".
        for y, d in re.findall(rf"(?<!\d)(\d{{4}})\s+\w+\s+(\d{{1,2}})\s+{stem}", lower):
            full.add(f"{y}-{mm}-{int(d):02d}")
    years = set(re.findall(r"(?<!\d)((?:1[89]|20)\d{2})(?!\d)", text))
    return Dates(full, days, months, years)


# -- the fingerprint file ------------------------------------------------------


def _language(text: str) -> str:
    """kk when the text uses letters only Kazakh has, else ru."""
    return "kk" if len(re.findall("[әғқңөұүһі]", text.lower())) > 20 else "ru"


class ArticlePrint(TypedDict):
    """One article in content/data/fingerprint.json."""

    sha256: str
    language: str
    numbers: list[float]
    dates: list[str]  # "YYYY-MM-DD"
    days: list[str]  # "MM-DD"
    months: list[str]  # "MM"
    years: list[str]  # "YYYY"
    runs: list[str]  # hashes of RUN-word runs


class FingerprintFile(TypedDict):
    format: int
    words_per_run: int
    articles: dict[str, ArticlePrint]


def fingerprint_of(archive: Path) -> FingerprintFile:
    """The fingerprint of every article (*.txt) in the archive folder."""
    articles: dict[str, ArticlePrint] = {}
    for path in sorted(archive.glob("*.txt")):
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        lang = _language(text)
        found = dates(text, lang)
        articles[path.name] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "language": lang,
            "numbers": sorted(numbers(text, lang)),
            "dates": sorted(found.full),
            "days": sorted(found.days),
            "months": sorted(found.months),
            "years": sorted(found.years),
            "runs": sorted(run_hashes(text)),
        }
    return {"format": FORMAT, "words_per_run": RUN, "articles": articles}


def dump(fingerprint: FingerprintFile) -> str:
    """Stable text: one run hash per line would be long; one article per block keeps diffs readable."""
    return json.dumps(fingerprint, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@dataclass
class Article:
    file: str
    sha256: str
    language: str
    numbers: set[float]
    dates: Dates
    runs: set[str]


def load(path: Path) -> dict[str, Article]:
    """Read content/data/fingerprint.json into one Article per archive file."""
    data: FingerprintFile = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Article(
            file=name,
            sha256=a["sha256"],
            language=a["language"],
            numbers=set(a["numbers"]),
            dates=Dates(set(a["dates"]), set(a["days"]), set(a["months"]), set(a["years"])),
            runs=set(a["runs"]),
        )
        for name, a in data["articles"].items()
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m generator fingerprint ARCHIVE_DIR OUTPUT_JSON", file=sys.stderr)
        return 2
    archive, target = Path(argv[0]), Path(argv[1])
    if not archive.is_dir():
        print(f"{archive}: no such folder: the article archive is needed to make the fingerprint",
              file=sys.stderr)  # fmt: skip
        return 1
    fp = fingerprint_of(archive)
    if not fp["articles"]:
        print(f"{archive}: holds no *.txt article", file=sys.stderr)
        return 1
    target.write_text(dump(fp), encoding="utf-8")
    print(f"{target}: fingerprint of {len(fp['articles'])} article(s) from {archive}")
    return 0
