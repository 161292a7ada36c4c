"""Issue 2: two symmetric languages — lang, switcher, hreflang, catalogs, Babel formatting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from checks.pages import for_crawlers
from conftest import ROOT, html_pages, real_data
from lxml import html as lhtml

from generator.i18n import Translator

LANGS = ["kk", "ru"]
# Folder -> language tag of every edition: the two languages and Kazakh in Latin (generator/publish/latin.py).
EDITIONS = {"kk": "kk", "kk-latn": "kk-Latn", "ru": "ru"}
CATALOGS = ROOT / "theme" / "translations"


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def resolve(page: Path, href: str, site: Path) -> Path:
    """The file a relative link on `page` points to, as a static server would serve it."""
    href = href.split("#")[0]
    target = (page.parent / href).resolve() if href else page
    if target.is_dir():
        target = target / "index.html"
    assert site.resolve() in target.parents or target == site.resolve(), f"{href} on {page} leaves the site"
    return target


def language_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.relative_to(site).parts[0] in EDITIONS]


def test_both_languages_have_the_same_pages(site):
    for expected in ["index.html", "stories/index.html", "about/index.html", "methodology/index.html"]:
        for lang in LANGS:
            assert (site / lang / expected).is_file(), f"{lang}/{expected} missing"
    kk = {p.relative_to(site / "kk") for p in (site / "kk").rglob("*.html")}
    ru = {p.relative_to(site / "ru") for p in (site / "ru").rglob("*.html")}
    assert kk == ru, f"pages only in one language: {sorted(kk ^ ru)}"


def test_every_page_declares_its_language(site):
    pages = language_pages(site)
    assert len(pages) >= 21
    for page in pages:
        lang = EDITIONS[page.relative_to(site).parts[0]]
        assert parse(page).get("lang") == lang, page


def test_switcher_goes_to_the_same_page_in_the_other_language(site):
    for page in filter(for_crawlers, language_pages(site)):  # an embed page has no switcher
        folder = page.relative_to(site).parts[0]
        switch = parse(page).xpath('//ul[@class="lang-switch"]')[0]
        current = switch.xpath(".//*[@aria-current]")
        assert [c.tag for c in current] == ["span"], f"{page}: the current edition is not marked"
        for other in EDITIONS:
            if other == folder:
                continue
            links = switch.xpath(f'.//a[@hreflang="{EDITIONS[other]}"]')
            assert len(links) == 1, f"{page}: no switcher link to {other}"
            target = resolve(page, links[0].get("href"), site)
            assert target.is_file(), f"{page}: switcher target {target} missing"
            assert target.relative_to(site / other) == page.relative_to(site / folder)


def test_hreflang_alternates_are_complete_and_reciprocal(site):
    for page in filter(for_crawlers, language_pages(site)):  # nor an embed page alternates
        doc = parse(page)
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in doc.xpath('//link[@rel="alternate"][@hreflang]')
        }
        assert set(alternates) == {*EDITIONS.values(), "x-default"}, page
        # x-default: the language chooser for the home pages, else the kk version (reciprocal either way).
        inner = page.relative_to(site).parts[1:]
        default = site / "index.html" if inner == ("index.html",) else site / "kk" / Path(*inner)
        assert resolve(page, alternates["x-default"], site) == default.resolve(), page
        canonical = doc.xpath('//link[@rel="canonical"]/@href')
        assert len(canonical) == 1 and resolve(page, canonical[0], site) == page.resolve()
        for lang in EDITIONS.values():
            target = resolve(page, alternates[lang], site)
            assert target.is_file(), f"{page}: hreflang {lang} → missing {target}"
            back = {
                link.get("hreflang"): resolve(target, link.get("href"), site)
                for link in parse(target).xpath('//link[@rel="alternate"][@hreflang]')
            }
            assert back[EDITIONS[page.relative_to(site).parts[0]]] == page.resolve(), (
                f"{target} does not link back to {page}"
            )


def test_titles_and_descriptions_are_in_the_page_language(site):
    first_city = real_data().cities[0]["id"]
    for rel in ["index.html", f"{first_city}/index.html", "about/index.html", "stories/index.html"]:
        heads = {}
        for lang in LANGS:
            doc = parse(site / lang / rel)
            title = doc.findtext(".//title")
            description = doc.xpath('//meta[@name="description"]/@content')[0]
            assert title.strip() and description.strip()
            heads[lang] = (title, description)
        assert heads["kk"][0] != heads["ru"][0] and heads["kk"][1] != heads["ru"][1], rel
    for lang in LANGS:
        name = Translator(str(CATALOGS), lang).gettext("Craft Cities of Kazakhstan")
        assert name != "Craft Cities of Kazakhstan" and name in parse(site / lang / "index.html").findtext(".//title")


def test_root_offers_both_languages_without_javascript(site):
    doc = parse(site / "index.html")
    targets = {
        a.get("hreflang"): resolve(site / "index.html", a.get("href"), site) for a in doc.xpath("//main//a")
    }
    assert targets == {tag: (site / folder / "index.html").resolve() for folder, tag in EDITIONS.items()}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "expected"), [("ru-RU", "ru"), ("ru", "ru"), ("kk-KZ", "kk"), ("en-US", "kk")]
)
def test_root_sends_readers_to_their_language(served_site, visit, locale, expected):
    seen = visit(served_site.url(), locale=locale)
    seen.page.wait_for_url(f"**/REPO/{expected}/")
    assert seen.page.evaluate("document.documentElement.lang") == expected
    assert not seen.page_errors


def test_dates_are_formatted_by_babel_in_the_page_language(site):
    data = real_data()
    dated = 0
    for lang in LANGS:
        for city in data.cities:
            doc = parse(site / lang / city["id"] / "index.html")
            time = doc.xpath('//p[@class="byline"]/time')[0]
            day = dt.date.fromisoformat(time.get("datetime"))
            assert time.text_content().strip() == format_date(day, "long", locale=lang)
            statuses = doc.xpath('//ul[@class="statuses"]')[0].text_content()
            for status in city["statuses"]:
                if status["date"] and len(status["date"]) == 10:
                    assert format_date(dt.date.fromisoformat(status["date"]), "long", locale=lang) in statuses
                    dated += 1
    assert dated, "no status with a full date to check"


def _catalog(lang: str):
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        return read_po(fp, locale=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_interface_string_in_code_is_in_the_catalog(lang):
    """Extract from templates and Python as `make extract-catalogs` does; nothing may be missing."""
    method_map = [
        ("generator/**.py", "python"),
        ("theme/templates/**.html", "jinja2"),
        ("theme/templates/**.svg", "jinja2"),
    ]
    options = {
        "theme/templates/**": {
            "extensions": "jinja2.ext.i18n",
            "trim_blocks": "True",
            "lstrip_blocks": "True",
        }
    }
    extracted = {
        (msg if isinstance(msg, str) else msg[0])
        for _file, _line, msg, _comments, _context in extract_from_dir(str(ROOT), method_map, options)
    }
    assert len(extracted) > 20
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
    assert not extracted - known, (
        f"run `make update-catalogs`; missing in {lang}: {sorted(extracted - known)}"
    )
