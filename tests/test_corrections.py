"""Issue 16, part 1: corrections and updates.

An editor records a correction or an update in content/data/corrections.yaml; the
story shows it near its top, a page per language lists them newest first, and the
story's JSON-LD dateModified, sitemap lastmod and Atom `updated` follow its latest
change (a corrected story comes back to the top of its feed). The build refuses an
entry dated before its story or naming no story.

Expectations come from the content being built: the real site (whose corrections
list may be empty) and the extended one, to which tests/extend.py adds a
correction and an update the README's way.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from babel.dates import format_date
from checks.axe import axe_violations
from checks.mobile import NARROW, overflow_problems
from checks.pages import report
from checks.tab import Tab
from checks.vnu import vnu_errors
from conftest import ROOT, build, copy_content, preflight_problems, serve
from lxml import etree
from lxml import html as lhtml

from generator.data.model import load_dataset
from generator.errors import ContentError
from generator.i18n import Translator
from generator.translit import to_latin

LANGS = ["kk", "ru"]
CATALOGS = str(ROOT / "theme" / "translations")
CORRECTIONS = "content/data/corrections.yaml"
LABEL = {"correction": "Corrected on %(date)s", "update": "Updated on %(date)s"}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def raw_corrections(content: Path) -> list[dict]:
    """The entries as the editor wrote them (dates stay strings), read without the generator."""
    text = (content / "data" / "corrections.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)["corrections"]


def newest_first(entries: list[dict]) -> list[dict]:
    """Newest first; of one day, the one written later in the file first."""
    return [e for _i, e in sorted(enumerate(entries), key=lambda p: (p[1]["date"], p[0]), reverse=True)]


def header_dates(content: Path, lang: str, story: str) -> list[dt.date]:
    text = (content / "stories" / lang / f"{story}.md").read_text(encoding="utf-8")
    return [
        dt.date.fromisoformat(d) for d in re.findall(r"^(?:Date|Modified): (\d{4}-\d{2}-\d{2})", text, re.M)
    ]


def last_change(content: Path, lang: str, story: str) -> dt.date:
    """The day of a story's latest change: its Date, its Modified or a correction's date."""
    days = header_dates(content, lang, story)
    days += [dt.date.fromisoformat(c["date"]) for c in raw_corrections(content) if c["story"] == story]
    return max(days)


def said(kind: str, day: str, lang: str) -> str:
    """ "Corrected on 5 December 2026." as the page's catalog and Babel say it."""
    t = Translator(CATALOGS, lang)
    text = t.gettext(LABEL[kind], date=format_date(dt.date.fromisoformat(day), "long", locale=lang))
    text = " ".join(text.split())  # as text_of() reads the page (Babel's no-break spaces too)
    return text if text.endswith(".") else text + "."


def in_edition(text: str, edition: str) -> str:
    return to_latin(text) if edition == "kk-latn" else text


def resolves(page: Path, href: str, site: Path) -> Path:
    """The file a relative link from `page` opens."""
    target = (page.parent / href).resolve()
    assert target.is_relative_to(site.resolve()), href
    return target / "index.html" if href.endswith("/") else target


# --- the story ----------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["kk", "ru", "kk-latn"])
def test_each_story_shows_its_corrections_near_the_top_and_links_the_list(built, edition):
    lang = "kk" if edition == "kk-latn" else edition
    entries = raw_corrections(built.content)
    for city in built.data.cities:
        page = built.root / edition / city["id"] / "index.html"
        doc = parse(page)
        mine = newest_first([e for e in entries if e["story"] == city["id"]])
        notes = doc.xpath('//header[@class="story-head"]//div[@class="corrections-notice"]')
        if not mine:
            assert notes == [], f"{page}: a notice without a correction"
        else:
            (note,) = notes
            assert note.get("role") == "note"
            items = note.xpath(".//li")
            assert [li.get("id") for li in items] == [f"correction-{e['id']}" for e in mine]
            for li, entry in zip(items, mine, strict=True):
                (strong,) = li.xpath("./strong")
                assert strong.xpath(".//time/@datetime") == [entry["date"]]
                assert text_of(strong) == in_edition(said(entry["kind"], entry["date"], lang), edition)
                # The note as typed: a tag in it is text, never markup.
                assert (
                    text_of(li)
                    == f"{text_of(strong)} {in_edition(' '.join(entry['text'][lang].split()), edition)}"
                )
                assert li.xpath(".//i") == []
        (link,) = doc.xpath('//article//p[@class="corrections-link"]/a')
        assert (
            resolves(page, link.get("href"), built.root)
            == built.root / edition / "corrections" / "index.html"
        )


def test_the_extended_content_has_a_correction_and_an_update(extended_site):
    """So the page checks (axe, Nu, links, determinism) see notices and a filled corrections page."""
    kinds = {e["kind"] for e in raw_corrections(extended_site.content)}
    assert kinds == {"correction", "update"}


# --- the corrections page -----------------------------------------------------------


@pytest.mark.parametrize("edition", ["kk", "ru", "kk-latn"])
def test_corrections_page_lists_every_entry_newest_first(built, edition):
    lang = "kk" if edition == "kk-latn" else edition
    page = built.root / edition / "corrections" / "index.html"
    doc = parse(page)
    t = Translator(CATALOGS, lang)
    assert text_of(doc.xpath("//h1")[0]) == in_edition(t.gettext("Corrections and updates"), edition)
    entries = newest_first(raw_corrections(built.content))
    items = doc.xpath('//ul[@class="corrections-list"]/li')
    empty = in_edition(t.gettext("No story has been corrected or updated yet."), edition)
    if not entries:
        assert items == [] and empty in text_of(doc.xpath("//main")[0])
        return
    assert empty not in text_of(doc.xpath("//main")[0])
    assert [li.get("id") for li in items] == [f"correction-{e['id']}" for e in entries]
    for li, entry in zip(items, entries, strict=True):
        (link,) = li.xpath(".//h2/a")
        story = built.root / edition / entry["story"] / "index.html"
        assert resolves(page, link.get("href"), built.root) == story
        assert text_of(link) == text_of(parse(story).xpath("//h1")[0])
        (strong,) = li.xpath(".//p/strong")
        assert text_of(strong) == in_edition(said(entry["kind"], entry["date"], lang), edition)
        assert in_edition(" ".join(entry["text"][lang].split()), edition) in text_of(li)


def test_corrections_pages_are_in_the_sitemap_with_their_alternates(built):
    tree = etree.parse(str(built.root / "sitemap.xml"))
    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u for u in tree.getroot()}
    for edition in ("kk", "ru", "kk-latn"):
        url = urls[f"/{edition}/corrections/"]
        links = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", SITEMAP_NS)}
        assert links == {
            "kk": "/kk/corrections/",
            "kk-Latn": "/kk-latn/corrections/",
            "ru": "/ru/corrections/",
            "x-default": "/kk/corrections/",
        }


# --- dates that follow the latest change ------------------------------------------------


def test_json_ld_sitemap_and_feed_follow_the_latest_change(built):
    tree = etree.parse(str(built.root / "sitemap.xml"))
    lastmod = {u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
               for u in tree.getroot()}  # fmt: skip
    for lang in LANGS:
        feed = feedparser.parse((built.root / lang / "feed.xml").read_bytes())
        updated = {}
        for entry in feed.entries:
            (city,) = [c["id"] for c in built.data.cities if entry.link.endswith(f"{lang}/{c['id']}/")]
            updated[city] = dt.datetime.fromisoformat(entry.updated)
        for city in built.data.cities:
            expected = last_change(built.content, lang, city["id"]).isoformat()
            doc = parse(built.root / lang / city["id"] / "index.html")
            ld = [s for s in doc.xpath('//script[@type="application/ld+json"]/text()') if "NewsArticle" in s]
            assert '"dateModified": "' + expected in ld[0]
            assert lastmod[f"/{lang}/{city['id']}/"][:10] == expected
            assert updated[city["id"]].date().isoformat() == expected
            # The byline's "updated" says the same day.
            byline = doc.xpath('//p[@class="byline"]')[0]
            published = header_dates(built.content, lang, city["id"])[0].isoformat()
            shown = byline.xpath('./time[@class="updated"]/@datetime')
            assert shown == ([expected] if expected != published else [])
        # Latest change first: a corrected story comes back to the top.
        order = [dt.datetime.fromisoformat(e.updated) for e in feed.entries]
        assert order == sorted(order, reverse=True)
        # Of stories changed the same day, the feed keeps the order of their ids (max keeps the first).
        by_id = sorted(built.data.cities, key=lambda c: c["id"])
        newest = max(by_id, key=lambda c: last_change(built.content, lang, c["id"]))
        assert feed.entries[0].link.endswith(f"{lang}/{newest['id']}/")


def test_an_update_brings_an_old_story_to_the_top_of_its_feed(extended_site):
    """The extended content's new story is dated before the others; its update is the newest change."""
    content = extended_site.content
    story = extended_site.extension.city
    for lang in LANGS:
        others = [c["id"] for c in extended_site.data.cities if c["id"] != story]
        assert all(header_dates(content, lang, story)[0] < header_dates(content, lang, o)[0] for o in others)
        feed = feedparser.parse((extended_site.root / lang / "feed.xml").read_bytes())
        assert feed.entries[0].link.endswith(f"{lang}/{story}/")


# --- the build's refusals -----------------------------------------------------------------


def _add(content: Path, **entry: object) -> None:
    path = content / "data" / "corrections.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["corrections"].append(
        {
            "id": "test-fix",
            "kind": "correction",
            "story": "x",
            "text": {"kk": "Түзетілді.", "ru": "Исправлено."},
        }
        | entry
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_story(content: Path) -> tuple[str, str, dt.date]:
    """(city id, path shown in messages, the later of its two versions' Date)."""
    city = load_dataset(content).cities[0]["id"]
    dated = [(header_dates(content, lang, city)[0], f"content/stories/{lang}/{city}.md") for lang in LANGS]
    day, path = max(dated)
    return city, path, day


def test_make_html_refuses_a_correction_dated_before_its_story(tmp_path):
    content = copy_content(tmp_path)
    city, path, day = _first_story(content)
    before = (day - dt.timedelta(days=1)).isoformat()
    _add(content, story=city, date=before)
    result = build(content, tmp_path / "output")
    output = result.stdout + "\n" + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    first = next(line for line in output.splitlines() if line.strip())
    assert first == (
        f"{CORRECTIONS}: corrections[0] (id 'test-fix'), field 'date': {before} is before the story's Date "
        f"({day.isoformat()} in {path}); expected the day of the change, on or after the day the story was published"
    ), output[-3000:]
    assert not (tmp_path / "output").exists(), "a failed build left an output/ behind"


def test_a_correction_on_the_storys_own_day_is_accepted(tmp_path):
    content = copy_content(tmp_path)
    city, _path, day = _first_story(content)
    _add(content, story=city, date=day.isoformat())
    assert preflight_problems(content) == []


def test_a_correction_naming_no_story_is_refused(tmp_path):
    content = copy_content(tmp_path)
    _add(content, story="no-such-city", date="2030-01-01")
    problems = preflight_problems(content)
    assert len(problems) == 1, problems
    known = ", ".join(sorted(c["id"] for c in load_dataset(content).cities))
    assert problems[0] == (
        f"{CORRECTIONS}: corrections[0] (id 'test-fix'), field 'story': names story 'no-such-city', which does "
        f"not exist; expected the file name of a story in content/stories/<lang>/ ({known})"
    )


@pytest.mark.parametrize(
    ("entry", "field", "says"),
    [
        ({"date": "2030-01"}, "date", 'a full date written "YYYY-MM-DD"'),
        ({"date": "2030-02-30"}, "date", "'2030-02-30' is not a real date"),
        ({"date": "2030-01-01", "kind": "erratum"}, "kind", "expected one of 'correction', 'update'"),
        ({"date": "2030-01-01", "text": {"kk": "Түзетілді."}}, "text.ru", "is missing"),
    ],
    ids=["month-only", "no-such-day", "unknown-kind", "no-russian"],
)
def test_malformed_entries_are_refused_in_one_line(tmp_path, entry, field, says):
    content = copy_content(tmp_path)
    _add(content, story=load_dataset(content).cities[0]["id"], **entry)
    with pytest.raises(ContentError) as caught:
        load_dataset(content)
    (line,) = caught.value.problems
    assert (
        line.startswith(f"{CORRECTIONS}: corrections[0] (id 'test-fix'), field '{field}': ") and says in line
    )


# --- the pages with notes, as readers get them ---------------------------------------------
# The suite's page checks walk the real site, whose list may be empty: these pages
# of the extended site are where the notes and a filled list are seen.


def _pages_with_notes(built) -> list[str]:
    """Site-relative paths: the corrections pages and every story with a note, in each edition."""
    stories = sorted({e["story"] for e in raw_corrections(built.content)})
    return [f"{ed}/{page}/" for ed in ("kk", "ru", "kk-latn") for page in ("corrections", *stories)]


@pytest.fixture(scope="module")
def served_extended(extended_site):
    served, server = serve(extended_site.root)
    yield served
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("scripts", [True, False], ids=["with-scripts", "without-scripts"])
def test_pages_with_notes_pass_axe_and_reflow_at_320px(extended_site, served_extended, browser, scripts):
    found = {}
    tab = Tab(browser, scripts=scripts, width=NARROW)
    try:
        for path in _pages_with_notes(extended_site):
            tab.open(served_extended.url(path))
            found[path] = axe_violations(tab.page) + overflow_problems(tab.page)
    finally:
        tab.close()
    failing = {page: problems for page, problems in found.items() if problems}
    assert not failing, report(failing)


def test_pages_with_notes_are_valid_html(extended_site):
    files = [extended_site.root / path / "index.html" for path in _pages_with_notes(extended_site)]
    errors = vnu_errors(files)
    assert not errors, report({str(path): lines for path, lines in errors.items()})
