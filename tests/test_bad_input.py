"""Bad input: each broken piece of content stops `make html` with a message naming
the file and the field, and leaves the last good output/ exactly as it was (issue 5).

Every case is one small mutation of the real content, applied to a scratch
copy. The good site is built once; each case starts from a copy of it in its
own OUTPUTDIR, runs the broken build into that same folder and compares every
file's hash before and after; the cases' builds run side by side. Text that
only looks like markup is not broken: it builds and is shown literally.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from checks.browser import open_page
from checks.files import hashes
from checks.pages import site_pages
from conftest import CONTENT, build, build_ok, copy_content, serve


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


def _first_event_with_date(d: dict) -> dict:
    return next(e for e in d["events"] if e["date"])


def _story_for_unknown_city(content: Path) -> None:
    for lang in ("kk", "ru"):
        text = story(content, lang).read_text(encoding="utf-8")
        (content / "stories" / lang / "atlantis.md").write_text(text, encoding="utf-8")


@dataclass
class Case:
    """One broken input: how to break the content, and what the message must name."""

    id: str
    mutate: Callable[[Path], None]
    file: str | Callable[[Path], str]  # the file the message must name, relative to the project
    says: tuple[str, ...]  # the field (and what else) the message must name

    def expected_file(self, content: Path) -> str:
        return self.file(content) if callable(self.file) else self.file


def _story_file(lang: str = "kk") -> Callable[[Path], str]:
    return lambda content: f"content/stories/{lang}/{first_city(content)}.md"


CITIES, SOURCES, CLAIMS, TIMELINE = (
    "content/data/cities.yaml",
    "content/data/sources.yaml",
    "content/data/claims.yaml",
    "content/data/timeline.yaml",
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
         CITIES, ("city 'shymkent'", "field 'id'", "content/stories/kk/shymkent.md")),
    # -- stories and pages ----------------------------------------------------
    Case("story-without-translation", lambda c: story(c, "ru").unlink(),
         _story_file("kk"), ("field 'translation'", "no ru version")),
    Case("page-without-translation", lambda c: (c / "pages/ru/about.md").unlink(),
         "content/pages/kk/about.md", ("field 'translation'", "no ru version")),
    Case("story-names-unknown-city", _story_for_unknown_city,
         "content/stories/kk/atlantis.md", ("field 'slug'", "atlantis")),
    Case("story-in-unknown-language",
         lambda c: shutil.copytree(c / "stories/kk", c / "stories/en"),
         lambda c: f"content/stories/en/{first_city(c)}.md", ("field 'lang'", "'en'")),
    Case("unknown-figure-marker", lambda c: append(story(c), "\n\nҚате сан: [fig:no-such-figure].\n"),
         _story_file(), ("[fig:no-such-figure]", "field 'figure'")),
    Case("unknown-citation-marker", lambda c: append(story(c), "\n\nҚате сілтеме [cite:no-such-source].\n"),
         _story_file(), ("[cite:no-such-source]", "field 'source'")),
    Case("story-without-title", lambda c: replace_line(story(c), r"^Title:.*\n", ""),
         _story_file(), ("title",)),
    Case("story-with-impossible-date", lambda c: replace_line(story(c), r"^Date:.*$", "Date: 2025-02-30"),
         _story_file(), ("date", "2025-02-30")),
    Case("story-not-utf8", lambda c: story(c).write_bytes(story(c).read_bytes() + b"\n\xff\xfe broken\n"),
         _story_file(), ("UTF-8",)),
    Case("broken-internal-link",
         lambda c: append(story(c), "\n\n[Қате сілтеме]({filename}/stories/kk/nope.md)\n"),
         _story_file(), ("stories/kk/nope.md",)),
]  # fmt: skip


def _message(output: str) -> str:
    """What the build told the editor: the log without traceback frames (whose
    source lines could name any field by accident), on one line (the log wraps)."""
    kept, skip = [], False
    for line in output.splitlines():
        text = line.strip()
        if skip or (text and set(text) <= set("^~ ")):
            skip = False
            continue
        if text.startswith('File "'):
            skip = True  # and the source line printed under it
            continue
        kept.append(text)
    return " ".join(" ".join(kept).split())


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """The real content built once; every case starts from a copy of it."""
    return build_ok(CONTENT, tmp_path_factory.mktemp("good") / "output")


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


@pytest.fixture(scope="module")
def outcomes(request, tmp_path_factory, good_output) -> dict[str, Outcome]:
    """Every selected case's broken build, run side by side (each is a separate `make html`)."""
    selected = {
        item.callspec.params["case"].id
        for item in request.session.items
        if item.originalname == "test_broken_content_stops_the_build_and_keeps_the_output"
    }
    cases = [c for c in CASES if c.id in selected]
    root = tmp_path_factory.mktemp("broken")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = pool.map(lambda c: _run(c, root / c.id, good_output), cases)
        return {c.id: outcome for c, outcome in zip(cases, done, strict=True)}


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20
    assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_broken_content_stops_the_build_and_keeps_the_output(case, outcomes):
    outcome = outcomes[case.id]
    if outcome.error is not None:
        raise outcome.error
    result = outcome.result
    said = _message(result.stdout + "\n" + result.stderr)
    assert result.returncode != 0, f"the build passed broken content ({case.id}):\n{said[-3000:]}"
    expected = outcome.expected_file
    assert expected in said, f"the message does not name the file {expected}:\n{said[-3000:]}"
    for text in case.says:
        wanted = " ".join(text.split()).lower()
        assert wanted in said.lower(), f"the message does not name {text!r}:\n{said[-3000:]}"
    assert outcome.output_kept, "the failed build changed output/"


# -- text that merely looks like markup ---------------------------------------

LOOKS_LIKE_MARKUP = "<b>Тараз</b>"
LOOKS_LIKE_CODE = '${x} {{ x }} <img src=x onerror="window.__injected=1"> & «»'


def test_text_that_looks_like_markup_is_shown_literally(tmp_path, browser):
    content = copy_content(tmp_path)

    def city(d: dict) -> None:
        d["cities"][0]["name"] = {"kk": LOOKS_LIKE_MARKUP, "ru": LOOKS_LIKE_MARKUP}

    def claim(d: dict) -> None:
        disputed = next(c for c in d["claims"] if c.get("dispute"))
        disputed["statement"] = {"kk": LOOKS_LIKE_CODE, "ru": LOOKS_LIKE_CODE}

    edit(content, "cities.yaml", city)
    edit(content, "claims.yaml", claim)
    out = build_ok(content, tmp_path / "output")

    served, server = serve(out)
    try:
        shown = {LOOKS_LIKE_MARKUP: [], LOOKS_LIKE_CODE: []}
        for page in site_pages(out):
            with open_page(browser, served.url(page)) as opened:
                if opened.page.url != served.url(page):
                    continue  # the root chooser redirects; its target is visited itself
                text = opened.page.evaluate("() => document.body.innerText")
                for literal in shown:
                    if literal in text:
                        shown[literal].append(page)
                made = opened.page.evaluate(
                    """() => ({
                      bold: [...document.querySelectorAll('b')].some(b => b.textContent.includes('Тараз')),
                      injected: window.__injected === 1,
                      img: !!document.querySelector('img[onerror]'),
                    })"""
                )
                assert made == {"bold": False, "injected": False, "img": False}, f"{page}: markup ran: {made}"
    finally:
        server.shutdown()
    assert shown[LOOKS_LIKE_MARKUP], "the city name with <b> is shown literally on no page"
    assert shown[LOOKS_LIKE_CODE], "the claim with ${x} and <img> is shown literally on no page"
