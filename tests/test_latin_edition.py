"""Issue 18: the Kazakh edition in the Latin alphabet (2021), /kk-latn/, made from /kk/ at build time.

Expectations come from the kk pages of the same build: whatever the content holds, its
Latin twin must say the same in Latin, link the same way and leave other languages alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from checks.pages import for_crawlers
from lxml import etree
from lxml import html as lhtml

from generator.editions import DIR, EDITION, SOURCE
from generator.translit import CYRILLIC_KAZAKH, to_latin


def has_kazakh_cyrillic(text: str) -> bool:
    """A letter of the Cyrillic Kazakh alphabet anywhere in `text`."""
    return any(c in CYRILLIC_KAZAKH for c in text)


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes(), parser=lhtml.HTMLParser(encoding="utf-8"))


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def effective_lang(el) -> str:
    while el is not None:
        if el.get("lang"):
            return el.get("lang")
        el = el.getparent()
    return ""


def _json_strings(value, foreign=False, key=""):
    """(string, allowed to be Cyrillic) for every string of a JSON-LD block."""
    if isinstance(value, dict):
        own = value.get("inLanguage")
        other = isinstance(own, str) and own not in (SOURCE, EDITION)
        for k, item in value.items():
            yield from _json_strings(item, other, k)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, foreign, key)
    elif isinstance(value, str):
        yield value, foreign and key == "headline"


def cyrillic_left(page: Path) -> list[str]:
    """Kazakh Cyrillic on a page outside elements marked as another language (or script)."""
    found = []
    doc = parse(page)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "script" and el.get("type") == "application/ld+json":
            for text, allowed in _json_strings(json.loads(el.text)):
                if has_kazakh_cyrillic(text) and not allowed:
                    found.append(f"JSON-LD: {text[:60]}")
            continue
        here = effective_lang(el)
        parent = el.getparent()
        there = effective_lang(parent) if parent is not None else here
        kk = (SOURCE, EDITION)
        for text, lang in ((el.text, here), (el.tail, there)):
            if text and has_kazakh_cyrillic(text) and lang in kk:
                found.append(f"<{el.tag}> text ({lang}): {text.strip()[:60]}")
        for name, value in el.attrib.items():
            if has_kazakh_cyrillic(value) and here in kk:
                found.append(f"<{el.tag} {name}> ({here}): {value[:60]}")
    return found


def test_the_latin_edition_mirrors_kk_page_for_page(built):
    site = built.root
    kk, latin = files(site / SOURCE), files(site / DIR)
    assert kk, "no kk pages"
    assert latin == kk, f"pages only in one edition: {sorted(kk ^ latin)}"
    for rel in sorted(kk):
        if rel.endswith(".html"):
            assert parse(site / DIR / rel).get("lang") == EDITION, rel


def test_no_kazakh_cyrillic_left_on_latin_pages(built):
    problems = {}
    pages = sorted((built.root / DIR).rglob("*.html"))
    for page in pages:
        left = cyrillic_left(page)
        if left:
            problems[page.relative_to(built.root).as_posix()] = left[:5]
    assert pages and not problems, json.dumps(problems, ensure_ascii=False, indent=1)
    feed = (built.root / DIR / "feed.xml").read_text(encoding="utf-8")
    assert not has_kazakh_cyrillic(feed)


def test_the_checker_finds_cyrillic_left(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        '<!doctype html><html lang="kk-Latn"><head><title>Qala</title></head><body>'
        '<p>Qala <q lang="ru">Город</q> <span lang="kk-Cyrl">Қазақша</span></p>'
        '<img alt="қала" src="x.png"><p>сөз</p></body></html>',
        encoding="utf-8",
    )
    assert len(cyrillic_left(page)) == 2  # the alt text and the last paragraph, not the marked ones


def test_latin_pages_say_what_kk_pages_say(built):
    site = built.root
    for page in sorted((site / SOURCE).rglob("*.html")):
        rel = page.relative_to(site / SOURCE)
        kk, latin = parse(page), parse(site / DIR / rel)
        assert to_latin(kk.findtext(".//title")) == latin.findtext(".//title"), rel
        # Issue 16: a citation's address names the twin page (test_cite_share.py checks which).
        kk_addresses, twins = kk.xpath("//*[@data-site-address]"), latin.xpath("//*[@data-site-address]")
        addresses = {a.text_content(): b.text_content() for a, b in zip(kk_addresses, twins, strict=True)}
        for xpath in ("//h1", "//main//h2", "//main//p", "//main//li", "//main//td"):
            kk_texts = [e.text_content() for e in kk.xpath(xpath)]
            latin_texts = [e.text_content() for e in latin.xpath(xpath)]
            assert len(kk_texts) == len(latin_texts), (rel, xpath)
            for a, b in zip(kk_texts, latin_texts, strict=True):
                if not has_kazakh_cyrillic(b):  # text in another language stays as written
                    for address, twin in addresses.items():
                        a = a.replace(address, twin)
                    assert to_latin(a) == b, (rel, xpath, a[:80])
        # Quotations in another language (a Russian source's headline) stay as they are.
        quotes = [(q.get("lang"), q.text_content()) for q in kk.xpath("//q[@lang]") if q.get("lang") != SOURCE]
        latin_quotes = [(q.get("lang"), q.text_content()) for q in latin.xpath("//q[@lang]")]
        for quote in quotes:
            assert quote in latin_quotes, (rel, quote)


def test_every_story_title_in_latin(built):
    for city in built.data.cities:
        page = built.root / DIR / city["id"] / "index.html"
        kk_title = parse(built.root / SOURCE / city["id"] / "index.html").findtext(".//h1")
        assert parse(page).findtext(".//h1") == to_latin(kk_title)
        assert not has_kazakh_cyrillic(parse(page).findtext(".//h1"))


def _links(doc):
    for el in doc.xpath("//a[@href] | //link[@href] | //form[@action]"):
        yield el, el.get("href") or el.get("action")


def test_latin_pages_link_to_latin_pages_except_to_other_editions(built):
    site = built.root
    for page in sorted((site / DIR).rglob("*.html")):
        base = "http://x/" + page.relative_to(site).as_posix()
        for el, href in _links(parse(page)):
            path = urlsplit(urljoin(base, href)).path
            if path.startswith(f"/{SOURCE}/") and not el.get("hreflang"):
                raise AssertionError(f"{page}: {href} goes to the Cyrillic edition")
        canonical = parse(page).xpath('//link[@rel="canonical"]/@href')[0]
        if for_crawlers(page):  # an embed page's canonical is the page the graphic is on (test_embeds.py)
            assert urlsplit(urljoin(base, canonical)).path == "/" + page.relative_to(site).parent.as_posix() + "/"


def test_published_build_has_the_edition_in_sitemap_feeds_and_absolute_links(published_site):
    site = published_site.root
    assert files(site / DIR) == files(site / SOURCE)
    sitemap = etree.parse(str(site / "sitemap.xml"))
    entries = {}
    for url in sitemap.xpath("//s:url", namespaces=SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=SITEMAP_NS)
        }
    siteurl = published_site.base.rstrip("/")
    for page in sorted(filter(for_crawlers, (site / DIR).rglob("index.html"))):
        loc = f"{siteurl}/{page.relative_to(site).parent.as_posix()}/"
        assert loc in entries, f"{loc} not in the sitemap"
        assert entries[loc][EDITION] == loc
        kk_loc = entries[loc][SOURCE]
        assert entries[kk_loc][EDITION] == loc, f"{kk_loc} does not list {loc}"
    feed = (site / DIR / "feed.xml").read_text(encoding="utf-8")
    assert f'xml:lang="{EDITION}"' in feed
    kk_feed = (site / SOURCE / "feed.xml").read_text(encoding="utf-8")
    kk_links = re.findall(r'<link href="([^"]+)"', kk_feed)
    latin_links = re.findall(r'<link href="([^"]+)"', feed)
    assert latin_links == [u.replace(f"{siteurl}/{SOURCE}/", f"{siteurl}/{DIR}/") for u in kk_links]
    for link in latin_links:
        assert link.startswith(f"{siteurl}/{DIR}/"), link
    home = parse(site / DIR / "index.html")
    assert home.xpath('//link[@rel="canonical"]/@href') == [f"{siteurl}/{DIR}/"]
    assert home.xpath('//meta[@property="og:url"]/@content') == [f"{siteurl}/{DIR}/"]


def test_latin_search_index_is_separate(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    kk_pages = entry["languages"][SOURCE]["page_count"]
    assert entry["languages"][DIR.lower()]["page_count"] == kk_pages
    form = parse(site / DIR / "search" / "index.html").xpath('//form[@id="search-form"]')[0]
    assert form.get("data-words") is None  # the Cyrillic word list serves kk-query.js only
    assert not has_kazakh_cyrillic(form.get("data-texts"))
