"""Issue 15: the search index `make html` writes (generator/publish/search_index.py, Pagefind 1.5.2).

What is indexed comes from the content: every story and Markdown page and the story list,
per language, and nothing else. The index holds the pages' own text only (no folded
Kazakh tokens), the Kazakh word list agrees with it, and indexing is byte-identical.
"""

from __future__ import annotations

import json
import re
import shutil

import lxml.html
import pytest
from checks.files import differences
from conftest import CONTENT

from generator.publish.search import BUNDLE, NORMALISED, words_file
from generator.publish.search_index import EXCLUDE, SearchIndexError, fragments, index_site, main

LANGS = sorted(p.name for p in (CONTENT / "stories").iterdir() if p.is_dir())
WORD = re.compile(r"[^\W\d_]+")


def expected_urls(lang: str) -> set[str]:
    pages = {
        f"/{lang}/{md.stem}/" for kind in ("stories", "pages") for md in (CONTENT / kind / lang).glob("*.md")
    }
    return pages | {f"/{lang}/stories/"}


def page_words(site, url: str) -> set[str]:
    doc = lxml.html.parse(str(site / url.strip("/") / "index.html")).getroot()
    return set(WORD.findall(doc.text_content().lower()))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_indexes_its_stories_pages_and_story_list(site, lang):
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    editions = sorted(p.parent.parent.name for p in site.glob("*/search/index.html"))  # kk, kk-latn, ru
    assert LANGS and set(LANGS) <= set(editions)
    assert sorted(entry["languages"]) == editions
    indexed = fragments(site / BUNDLE, lang)
    assert {f["url"] for f in indexed} == expected_urls(lang)
    for f in indexed:
        assert f["meta"]["title"], f["url"]
        assert f["meta"]["section"], f["url"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_holds_only_the_pages_own_words(site, lang):
    # Folding is done on the query side, so nothing folded is ever indexed or shown in an excerpt.
    for f in fragments(site / BUNDLE, lang):
        extra = set(WORD.findall(f["content"].lower())) - page_words(site, f["url"])
        assert not extra, f"{f['url']}: indexed words not on the page: {sorted(extra)[:10]}"


def test_citation_marks_and_charts_are_left_out_of_excerpts(site):
    assert EXCLUDE
    for lang in LANGS:
        path = sorted((CONTENT / "stories" / lang).glob("*.md"))[0]
        (story,) = [f for f in fragments(site / BUNDLE, lang) if f["url"] == f"/{lang}/{path.stem}/"]
        doc = lxml.html.parse(str(site / lang / path.stem / "index.html")).getroot()
        cite = doc.xpath("//sup[@class='cite']")
        assert cite, "the story has no citation marks to leave out"
        assert cite[0].text_content().strip() not in story["content"]


@pytest.mark.parametrize("lang", NORMALISED)
def test_word_list_has_every_word_of_the_index(site, lang):
    words = json.loads((site / BUNDLE / words_file(lang)).read_text(encoding="utf-8"))
    assert words == sorted(set(words))
    indexed = set()
    for f in fragments(site / BUNDLE, lang):
        indexed |= set(WORD.findall(f"{f['meta']['title']} {f['content']}".lower()))
    assert set(words) == indexed


def test_indexing_is_byte_identical_run_after_run(site, tmp_path):
    # Pagefind 1.5.2 orders the languages of pagefind-entry.json by chance; four runs of the
    # unsorted file agree only one time in eight.
    runs = []
    for i in range(4):
        copy = shutil.copytree(site, tmp_path / f"run{i}", ignore=shutil.ignore_patterns(BUNDLE))
        index_site(copy, LANGS)
        runs.append(copy / BUNDLE)
    for other in runs[1:]:
        assert not differences(runs[0], other)


def test_a_language_without_marked_pages_fails_with_one_clear_line(site, tmp_path, capsys):
    copy = shutil.copytree(site, tmp_path / "site", ignore=shutil.ignore_patterns(BUNDLE))
    lang = LANGS[-1]
    for page in (copy / lang).rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace("data-pagefind-body", ""), encoding="utf-8")
    with pytest.raises(SearchIndexError, match=lang):
        index_site(copy, LANGS)
    assert main([str(copy), "--langs", " ".join(LANGS)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ERROR: search index:") and lang in err[0]
