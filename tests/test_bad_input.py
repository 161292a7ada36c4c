"""Bad input: each broken piece of content stops the build with one line per
problem naming the file, the entry and the field, and leaves the last good
output/ exactly as it was (issues 5 and 12).

Every case is one small mutation of the real content, applied to a scratch
copy. Most are caught before Pelican reads a file, by the data loader and the
header checker together (generator/checks/preflight.py): those run in-process, in
milliseconds. Cases only a build can find (translations, markers in the story
text, cities and stories that do not match) run Pelican in-process, through the
same signal handlers `make html` reaches, and must stop it with a ContentError
before anything is written. A few cases of both kinds (END_TO_END) also go
through `make html` end to end, for what only the command shows: the exit code,
the first line printed, no traceback, and output/ untouched. There the good
site is built once, each case starts from a copy of it in its own OUTPUTDIR,
runs the broken build into that same folder and compares every file's hash
before and after. Text that only looks like markup is not broken: it builds
and is shown literally.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from checks.files import hashes
from checks.pages import site_pages
from checks.tab import Tab
from conftest import (
    CONTENT,
    ROOT,
    build,
    copy_content,
    free_port,
    pelican_problems,
    preflight_problems,
    serve,
)
from hostile import LOOKS_LIKE_CODE, LOOKS_LIKE_MARKUP


class _Loader(yaml.SafeLoader):
    """Dates stay the strings editors typed, as the site's own loader keeps them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(content: Path, name: str) -> dict:
    return yaml.load((content / "data" / name).read_text(encoding="utf-8"), Loader=_Loader)


def save(content: Path, name: str, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (content / "data" / name).write_text(text, encoding="utf-8")


def edit(content: Path, name: str, change: Callable[[dict], None]) -> None:
    """Load a data file, change it, write it back."""
    data = load(content, name)
    change(data)
    save(content, name, data)


def first_city(content: Path) -> str:
    return load(content, "cities.yaml")["cities"][0]["id"]


def story(content: Path, lang: str = "kk") -> Path:
    """The first city's story in `lang`."""
    path = content / "stories" / lang / f"{first_city(content)}.md"
    assert path.exists(), path
    return path


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace_line(path: Path, pattern: str, new: str) -> None:
    """Replace the one line matching `pattern` (a regex); fail if there is none."""
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, new, text, count=1, flags=re.MULTILINE)
    assert n == 1, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def _dispute_with_one_side(d: dict) -> None:
    # The first dispute keeps only its first claim; the others stand alone.
    dispute = d["disputes"][0]["id"]
    sides = [c for c in d["claims"] if c.get("dispute") == dispute]
    assert len(sides) >= 2
    for claim in sides[1:]:
        del claim["dispute"]


def _duplicate_source(d: dict) -> None:
    d["sources"].append(copy.deepcopy(d["sources"][0]))


def _new_city_without_stories(d: dict) -> None:
    city = copy.deepcopy(d["cities"][0])
    city.update(id="shymkent", coordinates={"lat": 42.32, "lon": 69.59})
    for fig in city["figures"]:
        fig["id"] = "shymkent-" + fig["id"]
        fig.pop("part_of", None)
    d["cities"].append(city)


def _no_cities(d: dict) -> None:
    d["cities"] = []


def _first_figure(d: dict) -> dict:
    return next(f for c in d["cities"] for f in c["figures"])


def _first_event_with_date(d: dict) -> dict:
    return next(e for e in d["events"] if e["date"])


def _copy_story(content: Path, lang: str) -> None:
    """The first city's kk story copied into a `lang` folder."""
    (content / "stories" / lang).mkdir()
    shutil.copy(story(content), content / "stories" / lang / story(content).name)


def _story_for_unknown_city(content: Path) -> None:
    for lang in ("kk", "ru"):
        text = story(content, lang).read_text(encoding="utf-8")
        (content / "stories" / lang / "atlantis.md").write_text(text, encoding="utf-8")


def header_of(path: Path) -> tuple[str, str]:
    """A story's header lines and its text below them (split at the first blank line)."""
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    assert header.startswith("Title:"), path
    return header, body


def set_header_field(path: Path, name: str, value: str) -> None:
    """Write `Name: value` in a story's header, replacing the field or adding it."""
    header, body = header_of(path)
    lines = [line for line in header.split("\n") if not line.lower().startswith(name.lower() + ":")]
    path.write_text("\n".join([*lines, f"{name}: {value}"]) + "\n\n" + body, encoding="utf-8")


def _jekyll_front_matter(content: Path) -> None:
    path = story(content)
    header, body = header_of(path)
    fields = dict(line.split(": ", 1) for line in header.split("\n"))
    front = ["---", "layout: post", f"title: {fields['Title']}", f"date: {fields['Date']}", "---"]
    path.write_text("\n".join(front) + "\n\n" + body, encoding="utf-8")


def _title_with(char: str) -> Callable[[Path], None]:
    def mutate(content: Path) -> None:
        header, _ = header_of(story(content))
        title = header.split("\n")[0].removeprefix("Title: ")
        words = title.split(" ")
        set_header_field(story(content), "Title", " ".join([words[0] + char, *words[1:]]))

    return mutate


def _duplicate_key(content: Path) -> None:
    """The first city's `region:` line written twice, as an editor pasting a line does."""
    path = content / "data/cities.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if re.match(r"\s+region:", line))
    lines.insert(i, lines[i])
    path.write_text("\n".join(lines), encoding="utf-8")


ALIAS_BOMB = "\n".join(
    ["bomb:", "  a: &a [x, x, x, x, x, x, x, x, x]"]
    + [f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
)


def _deep(content: Path) -> None:
    depth = 200_000  # deep enough to crash libyaml's recursive composer (tried: 50,000 does)
    append(content / "data/timeline.yaml", "\ndeep: " + "[" * depth + "]" * depth + "\n")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@dataclass
class Case:
    """One broken input: how to break the content, and what the message must name."""

    id: str
    mutate: Callable[[Path], None]
    file: str | Callable[[Path], str]  # the file the message must name, relative to the project
    says: tuple[str, ...]  # the field (and what else) the message must name
    built: bool = False  # found only by a build (after Pelican reads the stories), not by the preflight
    not_says: tuple[str, ...] = ()  # what a wrong message said before (issue 12)
    count: int | None = None  # the number of problem lines, where one mistake must give exactly one

    def expected_file(self, content: Path) -> str:
        return self.file(content) if callable(self.file) else self.file


def _story_file(lang: str = "kk") -> Callable[[Path], str]:
    return lambda content: f"content/stories/{lang}/{first_city(content)}.md"


CITIES, SOURCES, CLAIMS, TIMELINE, OUTLINE = (
    "content/data/cities.yaml",
    "content/data/sources.yaml",
    "content/data/claims.yaml",
    "content/data/timeline.yaml",
    "content/data/geo/kazakhstan.geojson",
)

CASES = [
    # -- the data files -------------------------------------------------------
    Case("yaml-syntax", lambda c: append(c / "data/cities.yaml", "\n  - id: [unclosed\n"),
         CITIES, ("is not valid YAML", "line ")),
    Case("empty-data-file", lambda c: (c / "data/timeline.yaml").write_text("", encoding="utf-8"),
         TIMELINE, ("is empty",)),
    Case("missing-data-file", lambda c: (c / "data/claims.yaml").unlink(), CLAIMS, ("file is missing",)),
    Case("missing-field", lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0].pop("region")),
         CITIES, ("field 'region'", "missing")),
    Case("missing-translation-of-a-field",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["name"].pop("ru")),
         CITIES, ("field 'name.ru'",)),
    Case("empty-text", lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["name"].update(kk="")),
         CITIES, ("field 'name.kk'",)),
    Case("wrong-type-coordinate",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["coordinates"].update(lat="north")),
         CITIES, ("field 'coordinates.lat'", "north")),
    Case("wrong-type-figure-value",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["figures"][0].update(value="1,140,000")),
         CITIES, ("field 'figures[0].value'",)),
    Case("unknown-field", lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0].update(population=1)),
         CITIES, ("'population'", "unknown field")),
    Case("unknown-qualifier",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["figures"][0].update(qualifier="roughly")),
         CITIES, ("field 'figures[0].qualifier'", "roughly")),
    Case("unknown-source-id-in-claim",
         lambda c: edit(c, "claims.yaml", lambda d: d["claims"][0].update(sources=["no-such-source"])),
         CLAIMS, ("field 'sources'", "no-such-source")),
    Case("unknown-source-id-in-figure",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["figures"][0].update(sources=["no-such-source"])),
         CITIES, ("field 'figures[0].sources'", "no-such-source")),
    Case("unknown-city-id-in-event",
         lambda c: edit(c, "timeline.yaml", lambda d: d["events"][0].update(cities=["atlantis"])),
         TIMELINE, ("field 'cities'", "atlantis")),
    Case("unknown-city-id-in-claim",
         lambda c: edit(c, "claims.yaml", lambda d: d["claims"][0].update(cities=["atlantis"])),
         CLAIMS, ("field 'cities'", "atlantis")),
    Case("unknown-dispute-id",
         lambda c: edit(c, "claims.yaml", lambda d: d["claims"][0].update(dispute="no-such-dispute")),
         CLAIMS, ("field 'dispute'", "no-such-dispute")),
    Case("duplicate-source-id", lambda c: edit(c, "sources.yaml", _duplicate_source),
         SOURCES, ("field 'id'", "duplicate")),
    Case("coordinates-outside-kazakhstan",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0].update(coordinates={"lat": 55.75, "lon": 37.62})),
         CITIES, ("field 'coordinates'", "outside Kazakhstan")),
    Case("malformed-date",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["statuses"][0].update(date="5 Oct 2025")),
         CITIES, ("field 'statuses[0].date'", "5 Oct 2025")),
    Case("impossible-date",
         lambda c: edit(c, "timeline.yaml", lambda d: _first_event_with_date(d).update(date="2025-02-30")),
         TIMELINE, ("field 'date'", "2025-02-30")),
    Case("impossible-month", lambda c: edit(c, "sources.yaml", lambda d: d["sources"][0].update(published="2025-13")),
         SOURCES, ("field 'published'", "2025-13")),
    Case("figure-without-source",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["figures"][0].update(sources=[])),
         CITIES, ("field 'figures[0].sources'",)),
    Case("source-language-unknown", lambda c: edit(c, "sources.yaml", lambda d: d["sources"][0].update(language="en")),
         SOURCES, ("field 'language'", "'en'")),
    Case("source-address-not-web",
         lambda c: edit(c, "sources.yaml", lambda d: d["sources"][0].update(url="ftp://example.com/a")),
         SOURCES, ("field 'url'", "ftp://example.com/a")),
    Case("dispute-with-one-side", lambda c: edit(c, "claims.yaml", _dispute_with_one_side),
         CLAIMS, ("disputes[0]", "field 'id'", "at least two")),
    Case("city-without-stories", lambda c: edit(c, "cities.yaml", _new_city_without_stories),
         CITIES, ("city 'shymkent'", "field 'id'", "content/stories/kk/shymkent.md"), built=True),
    # -- stories and pages ----------------------------------------------------
    Case("story-without-translation", lambda c: story(c, "ru").unlink(),
         _story_file("kk"), ("field 'translation'", "no ru version"), built=True, not_says=("storys",)),
    Case("page-without-translation", lambda c: (c / "pages/ru/about.md").unlink(),
         "content/pages/kk/about.md", ("field 'translation'", "no ru version"), built=True),
    Case("story-names-unknown-city", _story_for_unknown_city,
         "content/stories/kk/atlantis.md", ("field 'slug'", "atlantis"), built=True),
    Case("story-in-unknown-language",
         lambda c: _copy_story(c, "en"),
         lambda c: f"content/stories/en/{first_city(c)}.md", ("field 'lang'", "'en'"), built=True),
    Case("unknown-figure-marker", lambda c: append(story(c), "\n\nҚате сан: [fig:no-such-figure].\n"),
         _story_file(), ("[fig:no-such-figure]", "field 'figure'"), built=True),
    Case("unknown-citation-marker", lambda c: append(story(c), "\n\nҚате сілтеме [cite:no-such-source].\n"),
         _story_file(), ("[cite:no-such-source]", "field 'source'"), built=True),
    Case("story-without-title", lambda c: replace_line(story(c), r"^Title:.*\n", ""),
         _story_file(), ("title",)),
    Case("story-with-impossible-date", lambda c: replace_line(story(c), r"^Date:.*$", "Date: 2025-02-30"),
         _story_file(), ("date", "2025-02-30")),
    Case("story-not-utf8", lambda c: story(c).write_bytes(story(c).read_bytes() + b"\n\xff\xfe broken\n"),
         _story_file(), ("UTF-8",)),
    Case("broken-internal-link",
         lambda c: append(story(c), "\n\n[Қате сілтеме]({filename}/stories/kk/nope.md)\n"),
         _story_file(), ("stories/kk/nope.md",)),
    # -- issue 12: story headers as editors get them wrong ----------------------
    Case("story-date-written-with-dots", lambda c: set_header_field(story(c, "ru"), "Date", "23.11.2026"),
         _story_file("ru"), ("field 'date'", "23.11.2026", "YYYY-MM-DD"), count=1),
    Case("story-date-month-13", lambda c: set_header_field(story(c), "Date", "2026-13-01"),
         _story_file(), ("field 'date'", "2026-13-01"), count=1),
    Case("story-title-misspelt", lambda c: replace_line(story(c), r"^Title:", "Titel:"),
         _story_file(), ("field 'titel'", "did you mean 'title'", "field 'title': is missing")),
    Case("story-jekyll-front-matter", _jekyll_front_matter, _story_file(), ("field 'layout'", "not a header field")),
    Case("story-draft", lambda c: set_header_field(story(c), "Status", "draft"),
         _story_file(), ("field 'status'", "draft"), not_says=("storys", "no kk version", "no ru version"), count=1),
    Case("story-title-line-separator", _title_with("\u2028"), _story_file(), ("field 'title'", "\\u2028"),
         not_says=("field 'date'",), count=1),
    Case("story-title-paragraph-separator", _title_with("\u2029"), _story_file(), ("field 'title'", "\\u2029"),
         not_says=("field 'date'",), count=1),
    Case("story-title-only-invisible", lambda c: set_header_field(story(c), "Title", "\u200b"),
         _story_file(), ("field 'title'", "invisible"), count=1),
    Case("story-summary-figure-marker",
         lambda c: set_header_field(story(c), "Summary", f"Тараз: [fig:{_first_figure(load(c, 'cities.yaml'))['id']}]."),
         _story_file(), ("field 'summary'", "[fig:"), count=1),
    Case("story-summary-citation-marker",
         lambda c: set_header_field(story(c), "Summary", f"Хабар [cite:{load(c, 'sources.yaml')['sources'][0]['id']}]."),
         _story_file(), ("field 'summary'", "[cite:"), count=1),
    Case("story-unknown-template", lambda c: set_header_field(story(c), "Template", "fancy"),
         _story_file(), ("field 'template'", "fancy", "article"), count=1),
    Case("page-unknown-template", lambda c: set_header_field(c / "pages/ru/about.md", "Template", "article"),
         "content/pages/ru/about.md", ("field 'template'", "article", "page"), count=1),
    Case("story-too-large", lambda c: append(story(c), "\n\n" + "Тараз. " * 100_000 + "\n"),
         _story_file(), ("MB",), count=1),
    # -- issue 12: data that YAML or JSON allows but the site must not take ----
    Case("duplicate-key", _duplicate_key, CITIES, ("field 'region'", "twice", "line "), count=1),
    Case("alias-loop", lambda c: append(c / "data/cities.yaml", "\nloop: &a [*a]\n"), CITIES,
         ("alias *a", "loop", "line "), count=1),
    Case("alias-bomb", lambda c: append(c / "data/claims.yaml", "\n" + ALIAS_BOMB + "\n"), CLAIMS,
         ("aliases expand", "1,000,000"), count=1),
    Case("deep-nesting", _deep, TIMELINE, ("nested more than",), count=1),
    Case("data-file-too-large", lambda c: append(c / "data/sources.yaml", "\n# " + "x" * (11 * 2**20) + "\n"),
         SOURCES, ("MB",), count=1),
    Case("figure-value-nan",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["figures"][0].update(value=float("nan"))),
         CITIES, ("field 'figures[0].value'", "finite"), count=1),
    Case("coordinate-infinite",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["coordinates"].update(lat=float("inf"))),
         CITIES, ("field 'coordinates.lat'", "finite")),
    Case("name-only-zero-width-space",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["name"].update(kk="\u200b")),
         CITIES, ("field 'name.kk'", "invisible", "\\u200b"), count=1),
    Case("name-with-line-separator",
         lambda c: edit(c, "cities.yaml", lambda d: d["cities"][0]["name"].update(ru="Та\u2028раз")),
         CITIES, ("field 'name.ru'", "U+2028"), count=1),
    Case("source-address-without-host", lambda c: edit(c, "sources.yaml", lambda d: d["sources"][0].update(url="https://")),
         SOURCES, ("field 'url'", "host"), count=1),
    Case("no-city-at-all", lambda c: edit(c, "cities.yaml", _no_cities), CITIES, ("field 'cities'", "at least 1"),
         count=1),
    Case("truncated-geojson", lambda c: _truncate(c / "data/geo/kazakhstan.geojson"), OUTLINE,
         ("line ", "not valid JSON"), count=1),
    Case("geojson-without-features", lambda c: (c / "data/geo/kazakhstan.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8"),
         OUTLINE, ("features[0]", "field 'geometry'"), count=1),
]  # fmt: skip

# Preflight cases that also go through `make html`: the issue's own example, a
# data file and an unreadable story, to prove the exit code, the first line and output/.
END_TO_END = {"story-date-written-with-dots", "yaml-syntax", "story-not-utf8", "story-without-translation"}
MAX_LINE = 1000  # no message quotes a whole value (an alias bomb once printed 3 million characters)


def _assert_names(case: Case, expected: str, first: str, said: str, lines: list[str] | None) -> None:
    assert expected in first, f"the first line does not name {expected}:\n{first}\n(all: {said[-3000:]})"
    for text in case.says:
        wanted = " ".join(text.split()).lower()
        assert wanted in said.lower(), f"the message does not name {text!r}:\n{said[-3000:]}"
    for text in case.not_says:
        assert text.lower() not in said.lower(), (
            f"the message says {text!r}, which is wrong here:\n{said[-3000:]}"
        )
    if case.count is not None and lines is not None:  # the log wraps lines; counted in-process
        assert len(lines) == case.count, (
            f"expected {case.count} problem line(s), got {len(lines)}:\n" + "\n".join(lines)
        )


PREFLIGHT = [c for c in CASES if not c.built]


IN_BUILD = [c for c in CASES if c.built]


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"
    assert END_TO_END <= {c.id for c in CASES}
    # `make html` is shown stopping on both kinds of mistake.
    assert END_TO_END & {c.id for c in PREFLIGHT} and END_TO_END & {c.id for c in IN_BUILD}


def test_the_real_content_passes_the_preflight():
    """Without this, every case below could pass on a checker that refuses everything."""
    assert preflight_problems(CONTENT) == []


@pytest.mark.parametrize("case", PREFLIGHT, ids=[c.id for c in PREFLIGHT])
def test_preflight_names_the_file_and_field(case, tmp_path):
    """In-process: the loader and the header checker, exactly as the build calls them."""
    content = copy_content(tmp_path)
    expected = case.expected_file(content)  # before the mutation, which may remove what it reads
    case.mutate(content)
    started = time.monotonic()
    lines = preflight_problems(content)
    took = time.monotonic() - started
    assert lines, f"the preflight passed broken content ({case.id})"
    for line in lines:
        assert "\n" not in line and len(line) <= MAX_LINE, f"not one short line: {line[:300]!r}"
        assert line.startswith("content/"), f"a problem that names no content file: {line}"
    _assert_names(case, expected, lines[0], " ".join(lines), lines)
    assert took < 5, f"the preflight took {took:.1f} s"


def test_all_problems_are_reported_at_once(tmp_path):
    """Mistakes in a data file, two stories and a page come back together, in path order."""
    content = copy_content(tmp_path)
    edit(content, "sources.yaml", lambda d: d["sources"][0].update(url="https://"))
    set_header_field(story(content, "kk"), "Date", "2026-13-01")
    set_header_field(story(content, "ru"), "Status", "draft")
    set_header_field(content / "pages/kk/about.md", "Titel", "x")
    lines = preflight_problems(content)
    files = [line.split(":")[0].split(",")[0] for line in lines]
    expected = [SOURCES, _story_file("kk")(content), _story_file("ru")(content), "content/pages/kk/about.md"]
    assert sorted(set(files), key=files.index) == sorted(
        expected, key=lambda f: (not f.startswith("content/data"), f)
    )
    assert files[0] == SOURCES


def test_a_byte_order_mark_and_windows_line_ends_are_valid(tmp_path):
    """Pelican reads both; so must the checker (a BOM was refused as 'title is missing')."""
    content = copy_content(tmp_path)
    for path in (story(content, "kk"), content / "pages/ru/about.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    crlf = story(content, "ru")
    crlf.write_bytes(crlf.read_bytes().replace(b"\n", b"\r\n"))
    assert preflight_problems(content) == []


def test_aliases_for_repeated_values_are_valid(tmp_path):
    """yaml.safe_dump writes &id001 / *id001 for a value used twice; that is data, not an attack."""
    content = copy_content(tmp_path)

    def share(d: dict) -> None:
        statuses = d["cities"][0]["statuses"]
        statuses.append(dict(statuses[0]))  # a second status sharing the first one's name and sources

    edit(content, "cities.yaml", share)
    assert "*id001" in (content / "data/cities.yaml").read_text(encoding="utf-8")
    assert preflight_problems(content) == []


def test_the_header_parser_reads_what_pelican_reads():
    """The checker's header parse against Python-Markdown's meta extension (which Pelican
    uses), on every real story and page and on the awkward forms editors produce."""
    import markdown

    from generator.checks.headers import parse_header

    samples = [p.read_text(encoding="utf-8") for p in sorted(CONTENT.rglob("*.md"))]
    samples += [
        "---\ntitle: A\ndate: 2026-01-02\n---\n\nBody",
        "Title: A\u2028B\nDate: 2026-01-02\n\nBody",
        "Title: A\r\nSummary: one\r\n    two\r\nDate: 2026-01-02\r\n\r\nBody",
        "Title: A\n\tcontinued\nTitel: B\n\nBody",
        "Just text: with a colon\nand more\n\nBody",
    ]
    for text in samples:
        md = markdown.Markdown(extensions=["meta"])
        md.convert(text)
        assert parse_header(text).values == md.Meta, text[:80]


# -- mistakes only a build finds: Pelican in-process, as `make html` runs it -----


@pytest.mark.parametrize("case", IN_BUILD, ids=[c.id for c in IN_BUILD])
def test_the_build_stops_on_what_only_it_can_find(case, tmp_path):
    content = copy_content(tmp_path)
    expected = case.expected_file(content)  # before the mutation, which may remove what it reads
    case.mutate(content)
    assert preflight_problems(content) == [], f"the preflight already finds this ({case.id}): not a build case"
    lines = pelican_problems(content, tmp_path / "output")
    assert lines, f"the build passed broken content ({case.id})"
    for line in lines:
        assert "\n" not in line and len(line) <= MAX_LINE, f"not one short line: {line[:300]!r}"
        assert line.startswith("content/"), f"a problem that names no content file: {line}"
    _assert_names(case, expected, lines[0], " ".join(lines), lines)  # lines[0] is what `make html` prints first
    assert not (tmp_path / "output").exists(), "the stopped build wrote output"


# -- through `make html`: exit code, first line, no traceback, output/ intact ---


def _message(output: str) -> str:
    """What the build told the editor, on one line (the log wraps long lines)."""
    return " ".join(output.split())


def _first_line(output: str) -> str:
    return next((line for line in output.splitlines() if line.strip()), "")


@pytest.fixture(scope="module")
def good_output(site) -> Path:
    """The real content built once (the session's build); every case starts from a copy of it."""
    return site


@dataclass
class Outcome:
    expected_file: str
    result: subprocess.CompletedProcess | None
    output_kept: bool
    error: BaseException | None = None  # the mutation itself failed (content changed under it)


def _run(case: Case, folder: Path, good: Path) -> Outcome:
    """Break a scratch copy of the content, build it over a copy of the good output."""
    try:
        content = copy_content(folder)
        expected = case.expected_file(content)  # before the mutation, which may remove what it reads
        case.mutate(content)
    except Exception as exc:  # reported by the case's own test
        return Outcome("", None, False, exc)
    output = folder / "output"
    shutil.copytree(good, output)
    before = hashes(output)
    result = build(content, output)
    return Outcome(expected, result, hashes(output) == before)


BUILT = [c for c in CASES if c.id in END_TO_END]


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory, good_output) -> dict[str, Outcome]:
    """Every selected case's broken build, run side by side (each is a separate `make html`)."""
    selected = {
        item.callspec.params["case"].id
        for item in request.session.items
        if item.originalname == "test_broken_content_stops_the_build_and_keeps_the_output"
    }
    cases = [c for c in BUILT if c.id in selected]
    root = tmp_path_factory.mktemp("broken")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = pool.map(lambda c: _run(c, root / c.id, good_output), cases)
        return {c.id: outcome for c, outcome in zip(cases, done, strict=True)}


@pytest.mark.parametrize("case", BUILT, ids=[c.id for c in BUILT])
def test_broken_content_stops_the_build_and_keeps_the_output(case, outcomes):
    outcome = outcomes[case.id]
    if outcome.error is not None:
        raise outcome.error
    result = outcome.result
    output = result.stdout + "\n" + result.stderr
    said = _message(output)
    assert result.returncode != 0, f"the build passed broken content ({case.id}):\n{said[-3000:]}"
    assert "Traceback" not in output, f"the build printed a traceback:\n{output[-3000:]}"
    _assert_names(case, outcome.expected_file, _first_line(output), said, None)
    assert outcome.output_kept, "the failed build changed output/"


def test_the_build_lists_every_problem_and_starts_with_the_first(tmp_path):
    """One `make html` over several mistakes: all of them, the first broken file first."""
    content = copy_content(tmp_path)
    set_header_field(story(content, "ru"), "Date", "23.11.2026")
    set_header_field(story(content, "kk"), "Titel", "x")
    result = build(content, tmp_path / "output")
    output = result.stdout + "\n" + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    first, second = _story_file("kk")(content), _story_file("ru")(content)
    assert first in _first_line(output), output[-3000:]
    assert second in output and "23.11.2026" in output
    assert not (tmp_path / "output").exists(), "a failed first build left an output/ behind"


def test_unusual_but_valid_headers_build(hostile_text_site):
    """A byte-order mark and Windows line ends build, and the title shows without the mark.

    The first city's ru story is saved that way in the shared hostile-text build (tests/hostile.py).
    """
    path = story(CONTENT, "ru")
    title = header_of(path)[0].split("\n")[0].removeprefix("Title: ")
    saved = (hostile_text_site.parent / "content" / path.relative_to(CONTENT)).read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and b"\r\n" in saved, "the built copy is not saved that way"
    page = (hostile_text_site / "ru" / first_city(CONTENT) / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in page or f">{title}<" in page, "the story's title is not shown as written"
    assert "\ufeff" not in page


# -- text that merely looks like markup ---------------------------------------

def test_text_that_looks_like_markup_is_shown_literally(hostile_text_site, browser):
    """A city named in markup and a claim written like code (tests/hostile.py) build, and show as text."""
    out = hostile_text_site
    served, server = serve(out)
    tab = Tab(browser)  # one tab, page after page
    try:
        shown = {LOOKS_LIKE_MARKUP: [], LOOKS_LIKE_CODE: []}
        for page in site_pages(out):
            tab.open(served.url(page))
            if tab.page.url != served.url(page):
                continue  # the root chooser redirects; its target is visited itself
            text = tab.page.evaluate("() => document.body.innerText")
            for literal in shown:
                if literal in text:
                    shown[literal].append(page)
            made = tab.page.evaluate(
                """() => ({
                  bold: [...document.querySelectorAll('b')].some(b => b.textContent.includes('Тараз')),
                  injected: window.__injected === 1,
                  img: !!document.querySelector('img[onerror]'),
                })"""
            )
            assert made == {"bold": False, "injected": False, "img": False}, f"{page}: markup ran: {made}"
            assert not tab.seen.page_errors, f"{page}: {tab.seen.page_errors}"
    finally:
        tab.close()
        server.shutdown()
    assert shown[LOOKS_LIKE_MARKUP], "the city name with <b> is shown literally on no page"
    assert shown[LOOKS_LIKE_CODE], "the claim with ${x} and <img> is shown literally on no page"


# -- under `make devserver`: shown, last good site kept, rebuilt on the next save


def _wait_for(what: str, condition: Callable[[], bool], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}; devserver said:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)


def test_devserver_shows_the_error_keeps_the_site_and_rebuilds_on_the_next_save(tmp_path, good_output):
    content = copy_content(tmp_path)
    output = tmp_path / "output"
    shutil.copytree(good_output, output)
    path = story(content, "ru")
    good_text = path.read_text(encoding="utf-8")
    set_header_field(path, "Date", "23.11.2026")
    before = hashes(output)
    log = tmp_path / "devserver.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            ["make", "--no-print-directory", "devserver", f"INPUTDIR={content}", f"OUTPUTDIR={output}",
             f"PORT={free_port()}"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"},
            start_new_session=True,
        )  # fmt: skip
    try:
        shown = _story_file("ru")(content)

        def errors_shown() -> int:
            return log.read_text().count(f"{shown}, field 'Date'")

        _wait_for("the error", lambda: errors_shown() >= 1, log)
        # Pelican retries at once after an error; the plugin waits for a save
        # instead, so the error is shown once, not in a loop (which also spun a core).
        time.sleep(2)
        assert errors_shown() == 1, log.read_text()[-3000:]
        assert "Traceback" not in log.read_text()
        assert hashes(output) == before, "the failed rebuild changed output/"

        rebuilt = output / "ru" / first_city(content) / "index.html"
        path.write_text(good_text.replace("Title: ", "Title: REBUILT ", 1), encoding="utf-8")
        _wait_for("the rebuild", lambda: "REBUILT" in rebuilt.read_text(encoding="utf-8"), log)
        assert "Traceback" not in log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
