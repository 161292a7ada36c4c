"""Issue 16, parts 2 and 3: "Cite this" and "Sharing without trackers".

Every expectation is read from the page being checked (its <h1>, its canonical
address, the dates its byline shows, its JSON-LD) or from the catalogs, never
written here, so an editor who adds a city or edits a story keeps these green.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest import PREFIX, ROOT
from lxml import html as lhtml

from generator.i18n import Translator
from generator.publish.cite_files import DatasetCitation, bib_escape, bibtex, cite_files

LANGS = ["kk", "ru"]
EDITIONS = ["kk", "ru", "kk-latn"]
SHARE_HOSTS = {"t.me", "wa.me", "vk.com", "www.facebook.com", "x.com"}


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def t(lang: str) -> Translator:
    return Translator(str(ROOT / "theme/translations"), lang)


def story_pages(site: Path, edition: str) -> list[Path]:
    """The edition's story pages, found as its story index links them."""
    index = site / edition / "stories/index.html"
    hrefs = [a.get("href") for a in parse(index).xpath("//ul[@class='story-list']//a")]
    assert hrefs, "no stories listed"
    # Relative in a development build, absolute under /REPO/ in a published one.
    return [
        site / urlsplit(h).path.removeprefix(PREFIX) / "index.html" if "://" in h else (index.parent / h / "index.html").resolve()
        for h in hrefs
    ]


def data_page(site: Path, edition: str) -> Path:
    return site / edition / "methodology/index.html"


def site_path(site: Path, page: Path, href: str, base: str = "") -> str:
    """A page's address as a path from the site root ("ru/almaty/")."""
    if base:
        assert href.startswith(base), href
        return href[len(base) :]
    rel = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href))
    return rel.rstrip("/") + "/"


def canonical(doc) -> str:
    return doc.xpath("//link[@rel='canonical']/@href")[0]


def shown_date(doc) -> str:
    """The date a story's byline shows last: its update, else its publication."""
    times = doc.xpath("//p[@class='byline']/time/@datetime")
    assert times
    return times[-1]


def citation(doc):
    (block,) = doc.xpath("//section[@class='how-to-cite']")
    (text,) = block.xpath(".//p[@class='citation']")
    return block, text


def dataset_name(doc) -> str:
    (script,) = doc.xpath("//script[@type='application/ld+json']/text()")
    data = json.loads(script)
    assert data["@type"] == "Dataset"
    return data["name"]


# --- the citation on the page -------------------------------------------------------------


def _check_citation(site: Path, edition: str, page: Path, base: str = "") -> dict:
    doc = parse(page)
    _, text = citation(doc)
    address = text.xpath(".//a[@class='cite-url']")[0]
    path = site_path(site, page, canonical(doc), base)
    assert address.text_content() == (base + path if base else path)
    assert site_path(site, page, address.get("href"), base) == path
    assert text.xpath(".//span[@data-accessed]")[0].text_content().strip(), "the 'accessed' slot is empty"
    return {"doc": doc, "title": text.xpath(".//cite")[0].text_content(), "date": text.xpath(".//time/@datetime")[0]}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_story_cites_its_own_title_date_and_address(site, edition):
    for page in story_pages(site, edition):
        found = _check_citation(site, edition, page)
        doc = found["doc"]
        assert found["title"] == doc.xpath("//h1")[0].text_content()
        assert found["date"] == shown_date(doc)
        shown = doc.xpath(f"//p[@class='byline']/time[@datetime='{found['date']}']")[-1].text_content()
        assert shown in citation(doc)[1].text_content(), "the citation shows the date as the byline does"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_data_page_cites_the_dataset_with_the_newest_date(site, edition):
    page = data_page(site, edition)
    found = _check_citation(site, edition, page)
    assert found["title"] == dataset_name(found["doc"])
    newest = max(shown_date(parse(p)) for p in story_pages(site, edition))
    assert found["date"] == newest


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessed_slot_and_preview_note_speak_the_page_language(site, lang):
    tr = t(lang)
    for page in [*story_pages(site, lang), data_page(site, lang)]:
        block, text = citation(parse(page))
        assert text.xpath(".//span[@data-accessed]")[0].text_content() == tr.gettext("[date]")
        assert block.xpath("./h2")[0].text_content() == tr.gettext("How to cite")
        # A development build does not know its published address, and says so.
        assert tr.gettext("This is a preview build: the published site gives the full address.") in block.text_content()


def test_published_citations_are_absolute_under_the_sub_path(published_site):
    root, base = published_site.root, published_site.base
    assert urlsplit(base).path == "/REPO/"
    for edition in EDITIONS:
        for page in [*story_pages(root, edition), data_page(root, edition)]:
            doc = parse(page)
            _check_citation(root, edition, page, base)
            href = citation(doc)[1].xpath(".//a[@class='cite-url']/@href")[0]
            assert href == canonical(doc) and href.startswith(base + edition + "/")
            lang = "kk" if edition == "kk-latn" else edition
            preview = t(lang).gettext("This is a preview build: the published site gives the full address.")
            assert preview not in citation(doc)[0].text_content()


# --- the dataset's BibTeX and CSL-JSON --------------------------------------------------------


def _bib_fields(text: str) -> tuple[str, str, dict[str, str]]:
    m = re.fullmatch(r"@(\w+)\{([\w-]+),\n(.*)\n\}\n", text, re.S)
    assert m, text
    fields = {}
    for line in m.group(3).split(",\n"):
        name, value = re.fullmatch(r"  (\w+) = \{(.*)\}", line, re.S).groups()
        fields[name] = value
    return m.group(1), m.group(2), fields


def _balanced(text: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\.|[{}]", text):
        if m.group() in "{}":
            depth += 1 if m.group() == "{" else -1
            if depth < 0:
                return False
    return depth == 0


@pytest.mark.parametrize("lang", LANGS)
def test_dataset_citation_files_parse_and_match_the_data_page(published_site, lang):
    root, base = published_site.root, published_site.base
    doc = parse(data_page(root, lang))
    _, text = citation(doc)
    title, date, address = text.xpath(".//cite")[0].text_content(), text.xpath(".//time/@datetime")[0], canonical(doc)
    bib_name, csl_name = cite_files(lang)

    (item,) = json.loads((root / "data" / csl_name).read_text(encoding="utf-8"))
    assert item["type"] == "dataset" and item["language"] == lang
    assert item["title"] == title and item["URL"] == address
    assert item["publisher"] == t(lang).gettext("Craft Cities of Kazakhstan")
    assert "-".join(f"{n:02d}" for n in item["issued"]["date-parts"][0]) == date

    bib = (root / "data" / bib_name).read_text(encoding="utf-8")
    kind, key, fields = _bib_fields(bib)
    assert kind in ("misc", "dataset") and key and _balanced(bib)
    assert fields["title"] == "{" + bib_escape(title) + "}"
    assert fields["url"] == bib_escape(address) and fields["date"] == date

    # Listed with the other downloads, and in the citation block, from the page's own language.
    links = doc.xpath("//section[@class='downloads']//a/@href") + doc.xpath("//section[@class='how-to-cite']//a[@download]/@href")
    for name in (bib_name, csl_name):
        assert sum(h == f"{base}data/{name}" for h in links) == 2, name
    for href in links:
        assert (root / href.removeprefix(base)).is_file(), href


def test_development_citation_files_leave_out_the_unknown_address(site):
    for lang in LANGS:
        bib_name, csl_name = cite_files(lang)
        (item,) = json.loads((site / "data" / csl_name).read_text(encoding="utf-8"))
        assert "URL" not in item and item["title"]
        assert "url" not in _bib_fields((site / "data" / bib_name).read_text(encoding="utf-8"))[2]


def test_bibtex_escapes_what_latex_would_read_as_markup():
    nasty = "Braces {a} 100% & #1 $x$ a_b ^ ~ back\\slash"
    c = DatasetCitation("ru", nasty, nasty, "", dt.date(2026, 1, 2), "https://e.org/a%20b#c")
    text = bibtex(c)
    assert _balanced(text)
    _, _, fields = _bib_fields(text)
    assert "\\{a\\}" in fields["title"] and "100\\%" in fields["title"] and "\\&" in fields["title"]
    assert "\\textbackslash{}" in fields["title"] and "\\_" in fields["title"]
    assert fields["url"] == "https://e.org/a\\%20b\\#c"


# --- share links ------------------------------------------------------------------------


def test_share_links_carry_the_encoded_address_and_title(published_site):
    root = published_site.root
    for edition in EDITIONS:
        for page in [*story_pages(root, edition), data_page(root, edition)]:
            doc = parse(page)
            address = canonical(doc)
            title = doc.xpath("//meta[@property='og:title']/@content")[0]
            hrefs = doc.xpath("//section[@class='share']//a[@data-share-link]/@href")
            hosts = {urlsplit(h).hostname for h in hrefs if not h.startswith("mailto:")}
            assert hosts == SHARE_HOSTS, page
            for href in hrefs:
                query = parse_qs(urlsplit(href).query)
                values = [v for vs in query.values() for v in vs]
                assert any(address in v for v in values), href
                assert quote(address, safe="") in href, "the address is URL-encoded"
                if "facebook" not in href:
                    assert any(title in v for v in values), href


def test_development_build_has_no_share_links_and_hides_the_block(site):
    for edition in EDITIONS:
        for page in story_pages(site, edition):
            (block,) = parse(page).xpath("//section[@class='share']")
            assert not block.xpath(".//a") and block.get("hidden") is not None


# --- in the browser ---------------------------------------------------------------------

_SHARE_SPY = "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };"


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_copies_and_announces_with_nothing_loaded_from_elsewhere(published_site, visit, lang):
    page_path = story_pages(published_site.root, lang)[0]
    url = published_site.url(page_path.parent.relative_to(published_site.root).as_posix() + "/")
    seen = visit(url, width=320, permissions=["clipboard-read", "clipboard-write"])
    page = seen.page
    assert seen.blocked == [] and seen.page_errors == []
    copy = page.locator("[data-share-copy] button")
    assert copy.is_visible()
    status = page.locator(".share-status")
    assert status.get_attribute("role") == "status"
    copy.focus()
    page.keyboard.press("Enter")
    expected = t(lang).gettext("Link copied.")
    page.wait_for_function("t => document.querySelector('.share-status').textContent === t", arg=expected)
    assert page.evaluate("navigator.clipboard.readText()") == canonical(parse(page_path))
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", page.locator("[data-accessed]").text_content())
    assert seen.blocked == [], "nothing left 127.0.0.1 before a share link was followed"
    # Every control is a target of at least 24 x 24 px at 320 px.
    for control in page.locator(".share a:visible, .share button:visible").all():
        box = control.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, control.text_content()


def test_without_javascript_links_stay_and_buttons_are_hidden(published_site, visit):
    page_path = story_pages(published_site.root, "ru")[0]
    seen = visit(published_site.url(page_path.parent.relative_to(published_site.root).as_posix() + "/"), javascript=False)
    page = seen.page
    assert seen.blocked == []
    assert not page.locator("[data-share-copy] button").is_visible()
    assert not page.locator("[data-share-native] button").is_visible()
    assert page.locator("a[data-share-link]").count() == len(SHARE_HOSTS) + 1
    assert all(a.is_visible() for a in page.locator("a[data-share-link]").all())
    assert page.locator("[data-accessed]").text_content() == t("ru").gettext("[date]")


def test_web_share_shows_only_where_the_browser_offers_it(published_site, visit):
    page_path = data_page(published_site.root, "kk")
    url = published_site.url("kk/methodology/")
    plain = visit(url).page
    offered = plain.evaluate("typeof navigator.share === 'function'")
    assert plain.locator("[data-share-native] button").is_visible() == offered
    assert plain.locator("a[data-share-link]").first.is_visible() != offered

    seen = visit(url, init_script=_SHARE_SPY)
    page = seen.page
    button = page.locator("[data-share-native] button")
    assert button.is_visible() and button.text_content() == t("kk").gettext("Share…")
    assert not page.locator("a[data-share-link]").first.is_visible()
    button.click()
    shared = page.evaluate("window.__shared")
    assert shared["url"] == canonical(parse(page_path))
    assert seen.blocked == []


def test_development_build_offers_copy_link_with_the_address_the_browser_resolves(served_site, visit):
    seen = visit(served_site.url("ru/methodology/"), permissions=["clipboard-read", "clipboard-write"])
    page = seen.page
    assert page.locator("section.share").is_visible()
    page.locator("[data-share-copy] button").click()
    page.wait_for_function("document.querySelector('.share-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url("ru/methodology/")


def test_a_title_that_looks_like_markup_is_cited_literally(hostile_text_site):
    from hostile import TITLE, first_city

    page = hostile_text_site / "kk" / first_city(ROOT / "content") / "index.html"
    doc = parse(page)
    _, text = citation(doc)
    assert text.xpath(".//cite")[0].text_content() == TITLE == doc.xpath("//h1")[0].text_content()
    assert not text.xpath(".//script") and not doc.xpath("//section[@class='how-to-cite']//b")
