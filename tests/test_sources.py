"""The source fingerprint: own words, figures and dates checked against the articles.

These run in-process against the loader and the checks (milliseconds each);
test_build.py proves that `make html` stops on them.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, real_data

from generator.checks.sources import (
    FINGERPRINT,
    check_against_sources,
    copy_problems,
    data_problems,
    load_fingerprint,
    repeated_runs,
    run_owners,
)
from generator.data import fingerprint as fp
from generator.errors import ContentError

DATA = real_data()
ARTICLES = fp.load(CONTENT / FINGERPRINT)
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".json", ".csv", ".po", ".pot", ".html", ".txt", ".py", ".svg", ".js"}
SKIP = {".git", "output", ".venv", "node_modules", "__pycache__", ".pytest_cache", "bench-results"}


# -- the fingerprint itself ------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("келген 1,14 млн турист", "kk", 1_140_000),
        ("оның ішінде 323 мыңы шетелдік", "kk", 323_000),
        ("100-ден астам шебер", "kk", 100),
        ("более 250 мастеров", "ru", 250),
        ("действуют четыре ассоциации", "ru", 4),
        ("составит 330 млн кВт·час", "ru", 330_000_000),
        ("субсидироваться 25% затрат", "ru", 25),
        ("всего 1 140 000 человек", "ru", 1_140_000),
        ("қалада төрт бірлестік бар", "kk", 4),
    ],
)
def test_numbers_are_read_as_a_newsroom_writes_them(text, lang, value):
    assert value in fp.numbers(text, lang)


def test_numbers_do_not_invent_values():
    assert fp.numbers("в 2011 году было 57 городов", "ru") == {2011, 57}
    assert 4 not in fp.numbers("четверг", "ru")


@pytest.mark.parametrize(
    "text, lang, date, stated",
    [
        ("создан 12 июня 1964 года", "ru", "1964-06-12", True),
        ("создан 12 июня 1964 года", "ru", "1964-06", True),
        ("создан 12 июня 1964 года", "ru", "1964-06-13", False),
        ("статья вышла 7.10.2025 в 17:00", "ru", "2025-10-07", True),
        ("date 2025-11-07", "ru", "2025-11", True),
        ("Іс-шара 4 қазанда басталды. 2025 жылдың қорытындысы", "kk", "2025-10-04", True),
        ("Іс-шара 4 қазанда басталды. 2025 жылдың қорытындысы", "kk", "2025-10-05", False),
        ("С 2022 года город носит статус", "ru", "2022", True),
        ("С 2022 года город носит статус", "ru", "2023", False),
    ],
)
def test_dates_stated_by_a_text(text, lang, date, stated):
    assert fp.dates(text, lang).states(date) is stated


def test_the_fingerprint_holds_no_sentence(tmp_path):
    """Only hashes, numbers and dates: not one word of the article can be read from it."""
    archive = tmp_path / "archive"
    archive.mkdir()
    article = "Мастера древнего города показали ковры и керамику на ярмарке в 2025 году."
    (archive / "a.txt").write_text(article, encoding="utf-8")
    dumped = fp.dump(fp.fingerprint_of(archive))
    for word in fp.words(article):
        if not word.isdigit():
            assert word not in dumped.lower()
    assert fp.run_hash(fp.words(article)[:7]) in dumped


def test_the_committed_fingerprint_covers_every_source():
    assert {s["file"] for s in DATA.sources} <= set(ARTICLES)


# -- figures and dates against their sources --------------------------------------


def _with(change) -> list[str]:
    data = copy.deepcopy(DATA)
    change(data)
    return data_problems(type(DATA)(data.sources, data.cities, data.claims, data.disputes, data.events,
                                    data.outline), ARTICLES, None)  # fmt: skip


def test_the_real_data_passes():
    assert data_problems(DATA, ARTICLES, None) == []


def _a_checked_figure():
    for i, city in enumerate(DATA.cities):
        for j, fig in enumerate(city["figures"]):
            if not fig.get("counted"):
                return i, j
    raise AssertionError("the data has no figure checked against its source")


def test_a_figure_missing_from_its_source_fails():
    i, j = _a_checked_figure()

    def plant(data):
        data.cities[i]["figures"][j]["value"] = 987_654_321
        data.cities[i]["figures"][j].pop("written", None)

    problems = _with(plant)
    assert len(problems) == 1
    assert problems[0].startswith("content/data/cities.yaml: cities[")
    assert f"figures[{j}].value" in problems[0] and "987654321 does not occur" in problems[0]


def test_a_status_date_missing_from_its_sources_fails():
    i, j = next((i, j) for i, c in enumerate(DATA.cities) for j, s in enumerate(c["statuses"]) if s["date"])

    def plant(data):
        data.cities[i]["statuses"][j]["date"] = "1901-02-03"

    problems = _with(plant)
    assert len(problems) == 1 and f"statuses[{j}].date" in problems[0] and "'1901-02-03'" in problems[0]


def test_an_event_date_missing_from_its_sources_fails():
    i = next(i for i, e in enumerate(DATA.events) if e["date"])

    def plant(data):
        data.events[i]["date"] = "1901"

    problems = _with(plant)
    assert len(problems) == 1 and problems[0].startswith("content/data/timeline.yaml: events[")


def test_a_source_file_that_is_not_archived_fails(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()

    def plant(data):
        data.sources[0]["file"] = "999_missing.txt"

    assert any("'999_missing.txt' is not in content/data/fingerprint.json" in p for p in _with(plant))
    # With the archive beside the repository, the name must be a file in it.
    problems = data_problems(DATA, ARTICLES, archive)
    assert len(problems) == len(DATA.sources)
    assert all("is not in the article archive" in p for p in problems)


# -- the archive and the committed fingerprint --------------------------------------


def _content_with_archive(tmp_path: Path, text: str) -> tuple[Path, Path]:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(text, encoding="utf-8")
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True)
    (content / FINGERPRINT).write_text(fp.dump(fp.fingerprint_of(archive)), encoding="utf-8")
    return content, archive


def test_a_fingerprint_older_than_the_archive_fails(tmp_path):
    content, archive = _content_with_archive(tmp_path, "первая версия статьи о ремёслах")
    assert set(load_fingerprint(content, archive)) == {"a.txt"}
    (archive / "a.txt").write_text("вторая версия статьи о ремёслах", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_fingerprint(content, archive)
    assert "content/data/fingerprint.json: is out of date" in str(err.value)
    assert "make fingerprint" in str(err.value)
    # Without the archive (a plain checkout) the committed fingerprint is used as it is.
    assert set(load_fingerprint(content, None)) == {"a.txt"}


def test_a_missing_fingerprint_fails(tmp_path):
    with pytest.raises(ContentError, match=r"fingerprint\.json: is missing"):
        check_against_sources(tmp_path, DATA, None)


def test_a_story_that_repeats_a_source_fails(tmp_path):
    sentence = "мастера древнего города показали ковры и керамику на большой ярмарке"
    content, _ = _content_with_archive(tmp_path, f"Вступление. {sentence}. Конец.")
    story = content / "stories" / "ru"
    story.mkdir(parents=True)
    (story / "x.md").write_text(f"Title: X\nDate: 2026-01-01\n\nНачало.\n{sentence.capitalize()}!\n",
                                encoding="utf-8")  # fmt: skip
    problems = copy_problems(content, fp.load(content / FINGERPRINT))
    assert problems == [
        "content/stories/ru/x.md: line 5: 10 words in a row as in the source article a.txt; "
        "say it in your own words"
    ]


def test_a_quoted_headline_is_a_citation_not_a_copy(tmp_path):
    headline = "Алматы получил престижный статус города ремёсел первым в стране"
    content, _ = _content_with_archive(tmp_path, headline)
    (content / "data" / "sources.yaml").write_text(f"sources:\n  - headline: {headline}\n", encoding="utf-8")
    assert copy_problems(content, fp.load(content / FINGERPRINT)) == []


# -- the whole repository, as ../shared/tools/copycheck.py reads it ------------------


def _repository_text_files():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP or part.endswith(".partial") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES and path.name != "fingerprint.json":
            yield rel, path


def test_no_passage_of_a_source_is_repeated_anywhere_in_the_repository():
    """Runs from the committed fingerprint, so it needs no archive beside the repository."""
    owner = run_owners(ARTICLES)
    offending = []
    for rel, path in _repository_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for line, count, src in repeated_runs(text, owner):
            offending.append(f"{rel}:{line}: {count} words as in {src}")
    assert not offending, "\n".join(offending)


def test_the_copy_check_sees_a_planted_copy(tmp_path):
    """The scan above finds seven words in a row, and not six."""
    content, _ = _content_with_archive(tmp_path, "один два три четыре пять шесть семь восемь")
    owner = run_owners(fp.load(content / FINGERPRINT))
    assert repeated_runs("x\nодин два три четыре пять шесть семь y", owner) == [(2, 7, "a.txt")]
    assert repeated_runs("x один два три четыре пять шесть y", owner) == []


def test_a_written_figure_that_says_another_number_fails():
    i, j = _a_checked_figure()

    def plant(data):
        data.cities[i]["figures"][j]["written"] = {"kk": "987 654", "ru": "987 654"}

    problems = _with(plant)
    assert [p.split(", field ")[1].split("'")[1] for p in problems] == [
        f"figures[{j}].written.kk",
        f"figures[{j}].written.ru",
    ]
