"""Issue 15: search in both languages, in Debian's Chromium, on the real build under /REPO/.

Queries are made from the built stories: for every story in each language, words of its
title are inflected (Kazakh: the dative or ablative ending its last vowel and letter call
for; Russian: the prepositional) and searched for; in Kazakh also typed without the
Kazakh letters. Expected texts come from the compiled catalogs. That no other page loads
search code is checked on every page by tests/test_pages.py.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from conftest import CONTENT, ROOT

from generator.i18n import Translator

LANGS = sorted(p.name for p in (CONTENT / "stories").iterdir() if p.is_dir())
CATALOGS = str(ROOT / "theme" / "translations")

KAZAKH, FOLDED = "әқңөұүғіһ", "акноуугих"
BACK, FRONT = set("аоұыяу"), set("әеөүіиэ")
VOICELESS = set("кқпстфхһцчшщ")


def fold(text: str) -> str:
    """What a reader on a Russian keyboard types for a Kazakh word (the issue's mapping)."""
    return text.translate(str.maketrans(KAZAKH + KAZAKH.upper(), FOLDED + FOLDED.upper()))


def kk_inflect(word: str, case: str) -> str:
    """`word` + the Kazakh dative or ablative, by vowel harmony and the last letter."""
    vowels = [c for c in word.lower() if c in BACK | FRONT]
    front = bool(vowels) and vowels[-1] in FRONT
    last = word[-1].lower()
    if word.lower().endswith(("сы", "сі")):  # third-person possessive: -на/-нан
        ending = {"dative": "на", "ablative": "нан"}[case]
    elif last in VOICELESS:
        ending = {"dative": "қа", "ablative": "тан"}[case]
    elif last in "мнң":
        ending = {"dative": "ға", "ablative": "нан"}[case]
    else:
        ending = {"dative": "ға", "ablative": "дан"}[case]
    if front:
        ending = ending.translate(str.maketrans("аоұықғ", "еөүікг"))
    return word + ending


def ru_inflect(word: str) -> str | None:
    """The prepositional of a Russian noun ending in -а or a hard consonant, else None."""
    low = word.lower()
    if low.endswith("а"):
        return word[:-1] + "е"
    if low[-1] in "бвгдзклмнпрстфх":
        return word + "е"
    return None


def title_words(title: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", title) if len(w) >= 5]


def stories(site: Path, lang: str) -> list[tuple[str, str]]:
    """(url path, title) of every story in `lang`, from the content and the built pages."""
    out = []
    for md in sorted((CONTENT / "stories" / lang).glob("*.md")):
        path = f"{lang}/{md.stem}/"
        doc = lxml.html.parse(str(site / path / "index.html")).getroot()
        out.append((path, doc.findtext(".//h1").strip()))
    assert out, f"no {lang} stories"
    return out


def listed_pages(lang: str) -> list[str]:
    return [
        f"{lang}/{md.stem}/"
        for kind in ("stories", "pages")
        for md in sorted((CONTENT / kind / lang).glob("*.md"))
    ]


ASK = """q => new Promise(done => {
  const handler = e => {
    if (e.detail.query !== q.trim()) return;
    document.removeEventListener("search:done", handler);
    done();
  };
  document.addEventListener("search:done", handler);
  document.getElementById("search-q").value = q;
  document.getElementById("search-form").requestSubmit();
})"""


def ask(page, query: str) -> tuple[str, list[str]]:
    """Search like a reader (type, press the button); (status text, result URLs)."""
    page.evaluate(ASK, query)
    links = page.eval_on_selector_all("#search-results .search-result h2 a", "as => as.map(a => a.href)")
    return page.inner_text("#search-status"), links


@pytest.fixture
def search_page(visit):
    def _open(served, lang: str):
        seen = visit(served.url(f"{lang}/search/"))
        seen.page.wait_for_selector("#search-form:not([hidden])")
        return seen

    return _open


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_every_story_is_found_by_an_inflected_title_word(served_site, search_page, lang):
    seen = search_page(served_site, lang)
    missed, tried = [], 0
    for path, title in stories(served_site.root, lang):
        want = served_site.url(path)
        if lang == "kk":
            # Every word of the title, in two cases, with and without the Kazakh letters.
            for word in title_words(title):
                for case in ("dative", "ablative"):
                    for query in {kk_inflect(word, case), fold(kk_inflect(word, case))}:
                        tried += 1
                        _, found = ask(seen.page, query)
                        if want not in found:
                            missed.append(f"{path}: {query!r} -> {found}")
        else:
            # Russian goes through Pagefind's stemmer: one inflected noun of the title must do.
            queries = [q for q in map(ru_inflect, title_words(title)) if q]
            assert queries, f"{path}: no title word to inflect in {title!r}"
            results = {q: ask(seen.page, q)[1] for q in queries}
            tried += len(queries)
            if not any(want in found for found in results.values()):
                missed.append(f"{path}: none of {results}")
    assert tried, "no query was made"
    assert not missed, f"{len(missed)} of {tried} queries missed their story:\n" + "\n".join(missed)
    assert not seen.page_errors and not seen.console_errors, seen.page_errors + seen.console_errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_results_show_title_section_and_marked_excerpt(served_site, search_page, lang):
    seen = search_page(served_site, lang)
    path, title = stories(served_site.root, lang)[0]
    word = title_words(title)[0]
    status, found = ask(seen.page, kk_inflect(word, "dative") if lang == "kk" else word)
    t = Translator(CATALOGS, lang)
    assert status == t.gettext("Results found: %(num)s.", num=len(found)), status
    first = seen.page.locator("#search-results .search-result").nth(found.index(served_site.url(path)))
    assert first.locator("h2 a").inner_text() == title
    assert first.locator(".search-section").inner_text() == t.gettext("Story")
    marked = first.locator(".search-excerpt mark").all_inner_texts()
    assert marked and all(fold(m.lower()).startswith(fold(word.lower())[:3]) for m in marked), marked
    assert not seen.page.locator("#search-nojs").is_visible(), "the no-JavaScript note shows with JavaScript"
    # Announced, and reachable by keyboard: field, button, then the first result.
    assert seen.page.get_attribute("#search-status", "role") == "status"
    seen.page.focus("#search-q")
    seen.page.keyboard.press("Tab")
    seen.page.keyboard.press("Tab")
    assert seen.page.evaluate("document.activeElement.closest('.search-result') !== null")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_nonsense_finds_nothing_in_the_page_language(served_site, search_page, lang):
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in served_site.root.rglob("*.html"))
    nonsense = next(q for q in ("щъщъщ", "ъщъыъщ", "ьъьъьъщ") if q not in text)
    seen = search_page(served_site, lang)
    status, found = ask(seen.page, nonsense)
    assert found == []
    assert status == Translator(CATALOGS, lang).gettext("Nothing found for “%(query)s”.", query=nonsense)


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_search_page_says_so_and_lists_everything(served_site, visit, lang):
    seen = visit(served_site.url(f"{lang}/search/"), javascript=False)
    t = Translator(CATALOGS, lang)
    note = t.gettext(
        "Search needs JavaScript, which is off in this browser. Every story and page is listed below."
    )
    assert seen.page.get_by_text(note).is_visible()
    assert not seen.page.locator("#search-form").is_visible(), "a field that cannot work is hidden"
    links = set(seen.page.eval_on_selector_all(".search-all a", "as => as.map(a => a.href)"))
    missing = [p for p in listed_pages(lang) if served_site.url(p) not in links]
    assert not missing, f"not listed: {missing}"


@pytest.mark.browser
def test_published_build_searches_under_the_sub_path(published_site, search_page):
    for lang in LANGS:
        path, title = stories(published_site.root, lang)[0]
        word = title_words(title)[0]
        query = fold(kk_inflect(word, "dative")) if lang == "kk" else word
        # A link to the search page with ?q= runs the query on arrival.
        seen = search_page(published_site, lang)
        seen.page.goto(published_site.url(f"{lang}/search/") + "?q=" + quote(query))
        seen.page.wait_for_selector("#search-results .search-result")
        found = seen.page.eval_on_selector_all("#search-results h2 a", "as => as.map(a => a.href)")
        assert published_site.url(path) in found, (query, found)
        for url in found:
            assert url.startswith(published_site.base), url
            with urllib.request.urlopen(url, timeout=30) as r:
                assert r.status == 200
        assert not seen.page_errors and not seen.blocked
