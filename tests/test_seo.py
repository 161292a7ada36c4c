"""Issue 6: being found and shared — sitemap and hreflang, Atom feeds, Open Graph
and Twitter cards, og images, schema.org JSON-LD (and that no content can
break out of it)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import numpy as np
import pytest
from checks.pages import for_crawlers
from conftest import CONTENT, ROOT, html_pages, real_data, serve
from hostile import SUMMARY
from hostile import TITLE as HOSTILE
from lxml import etree
from lxml import html as lhtml
from PIL import Image

from generator.data.records import point
from generator.i18n import Translator
from generator.publish import preview_images
from generator.publish.downloads import DOWNLOADS
from generator.translit import to_latin

LANGS = ["kk", "ru"]
LOCALES = {"kk": "kk_KZ", "kk-Latn": "kk_KZ", "ru": "ru_RU"}
# Every edition's language tag: the two languages and Kazakh in Latin (generator/publish/latin.py), and its folder.
TAGS = ["kk", "kk-Latn", "ru"]
FOLDER = {"kk": "kk", "kk-Latn": "kk-latn", "ru": "ru"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
SITE_NAME = {lang: Translator(str(ROOT / "theme/translations"), lang).gettext("Craft Cities of Kazakhstan") for lang in LANGS}
SITE_NAME["kk-Latn"] = to_latin(SITE_NAME["kk"])


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def url_of(site: Path, page: Path, base: str) -> str:
    return base + page.relative_to(site).as_posix().removesuffix("index.html")


def content_pages(site: Path) -> list[Path]:
    """Every page meant for readers and crawlers (404.html is neither; an embed page is for frames)."""
    return [p for p in html_pages(site) if p.name != "404.html" and for_crawlers(p)]


def meta(doc, key: str) -> list[str]:
    return doc.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')


def one(doc, key: str) -> str:
    values = meta(doc, key)
    assert len(values) == 1, f"{key}: {values}"
    return values[0]


def json_ld(doc) -> list[dict]:
    return [json.loads(s) for s in doc.xpath('//script[@type="application/ld+json"]/text()')]


def stories(site: Path) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {lang: [] for lang in TAGS}
    for page in content_pages(site):
        doc = parse(page)
        if meta(doc, "og:type") == ["article"]:
            found[doc.get("lang")].append(page)
    return found


# --- sitemap and hreflang -----------------------------------------------------


def page_alternates(doc) -> dict[str, str]:
    links = doc.xpath('//link[@rel="alternate"][@hreflang]')
    result = {link.get("hreflang"): link.get("href") for link in links}
    assert len(result) == len(links), "an hreflang is given twice"
    return result


def test_sitemap_and_pages_agree_on_hreflang_and_are_reciprocal(published_built):
    _data, published = published_built
    root, base = published.root, published.base
    sitemap = etree.fromstring((root / "sitemap.xml").read_bytes())
    entries = {}
    for node in sitemap.xpath("/s:urlset/s:url", namespaces=NS):
        (loc,) = node.xpath("s:loc/text()", namespaces=NS)
        links = node.xpath("x:link[@rel='alternate']", namespaces=NS)
        entries[loc] = {link.get("hreflang"): link.get("href") for link in links}
        assert len(entries[loc]) == len(links) == len(TAGS) + 1, loc  # and x-default
    pages = {url_of(root, p, base): p for p in content_pages(root)}
    # Every page is listed once, and nothing else is.
    assert set(entries) == set(pages)
    for loc, alternates in entries.items():
        doc = parse(pages[loc])
        assert set(alternates) == {*TAGS, "x-default"}
        assert page_alternates(doc) == alternates, f"{loc}: page and sitemap differ"
        assert doc.xpath('//link[@rel="canonical"]/@href') == [loc]
        if loc != base:  # the chooser at the root is the x-default of the home pages
            assert alternates[doc.get("lang")] == loc, f"{loc} does not list itself"
        # Reciprocal: every page named in the cluster names the same cluster.
        for href in alternates.values():
            assert entries[href] == alternates, f"{href} does not return the links of {loc}"


# Two builds in one Python process, each by its own Pelican instance (as a test run or
# `make devserver` may hold): the plugin keeps no pages of one build for the next.
_TWO_BUILDS = """
import sys
from pelican import get_instance, parse_arguments
from pelican.log import init as init_logging

for content, output in zip(sys.argv[1::2], sys.argv[2::2]):
    args = parse_arguments([content, "-o", output, "-s", "pelicanconf.py", "--fatal", "warnings"])
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican")
    get_instance(args)[0].run()
"""


def sitemap_locs(site: Path) -> set[str]:
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    return set(sitemap.xpath("/s:urlset/s:url/s:loc/text()", namespaces=NS))


def test_two_builds_in_one_process_each_list_only_their_own_pages(extended_site, tmp_path):
    first, second = tmp_path / "extended", tmp_path / "real"
    result = subprocess.run(
        [sys.executable, "-c", _TWO_BUILDS, str(extended_site.content), str(first), str(CONTENT), str(second)],
        cwd=ROOT, env={**os.environ, "SOURCES_ARCHIVE": str(tmp_path / "no-archive")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # The development build's SITEURL is "": every address is "/" + the page's path.
    pages = {site: {url_of(site, p, "/") for p in content_pages(site)} for site in (first, second)}
    assert pages[first] - pages[second], "the two contents should differ in their pages"
    assert sitemap_locs(first) == pages[first]
    assert sitemap_locs(second) == pages[second]


# --- feeds ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_feed_lists_the_languages_stories(published_built, lang):
    data, published = published_built
    root, base = published.root, published.base
    parsed = feedparser.parse((root / lang / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == lang
    assert parsed.feed.title == SITE_NAME[lang]
    assert parsed.feed.link == f"{base}{lang}/"
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [f"{base}{lang}/feed.xml"]
    expected = {url_of(root, p, base): parse(p) for p in stories(root)[lang]}
    assert len(expected) == len(data.cities)  # one story per city
    assert {e.link for e in parsed.entries} == set(expected)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    for entry in parsed.entries:
        doc = expected[entry.link]
        assert doc.get("lang") == lang
        assert entry.title == one(doc, "og:title")
        published = dt.datetime.fromisoformat(one(doc, "article:published_time"))
        assert dt.datetime.fromisoformat(entry.published) == published
        assert entry.summary == one(doc, "og:description")
        assert entry.author == SITE_NAME[lang]


def test_pages_link_their_languages_feed(published_site):
    root, base = published_site.root, published_site.base
    for page in content_pages(root):
        doc = parse(page)
        feeds = doc.xpath('//link[@rel="alternate"][@type="application/atom+xml"]/@href')
        if page == root / "index.html":
            assert feeds == [f"{base}{lang}/feed.xml" for lang in LANGS]
        else:
            assert feeds == [f"{base}{FOLDER[doc.get('lang')]}/feed.xml"], page


# --- Open Graph, Twitter, images -------------------------------------------------


def test_every_page_has_open_graph_and_a_twitter_card(published_site):
    root, base = published_site.root, published_site.base
    for page in content_pages(root):
        doc = parse(page)
        lang = doc.get("lang")
        url = url_of(root, page, base)
        for key in ("og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"):
            assert one(doc, key).strip(), (page, key)
        assert one(doc, "og:url") == url
        assert one(doc, "og:type") in {"website", "article"}
        assert one(doc, "og:locale") == LOCALES[lang]
        assert meta(doc, "og:locale:alternate") == sorted({LOCALES[x] for x in TAGS} - {LOCALES[lang]})
        assert one(doc, "twitter:card") == "summary_large_image"
        image = one(doc, "og:image")
        assert image.startswith(base + "images/og/") and one(doc, "twitter:image") == image
        with Image.open(root / image.removeprefix(base)) as img:
            assert (img.format, img.size) == ("PNG", (1200, 630))
        assert (one(doc, "og:image:width"), one(doc, "og:image:height")) == ("1200", "630")
        assert one(doc, "og:image:alt").strip()
        if one(doc, "og:type") == "article":
            assert one(doc, "og:title") == doc.xpath("//h1")[0].text_content().strip()


def test_each_story_has_its_own_map_image(published_built):
    data, published = published_built
    root, base = published.root, published.base
    for lang, pages in stories(root).items():
        images = {}
        for page in pages:
            doc = parse(page)
            city = page.parent.name
            image = one(doc, "og:image")
            assert image == f"{base}images/og/{city}.png"
            images[city] = (root / image.removeprefix(base)).read_bytes()
            names = data.city_by_id[city]["name"]
            assert (to_latin(names["kk"]) if lang == "kk-Latn" else names[lang]) in one(doc, "og:image:alt")
        assert len(set(images.values())) == len(images) == len(data.cities), lang


def test_map_image_marks_the_city_where_it_lies(tmp_path):
    data = real_data()
    first, again = tmp_path / "first", tmp_path / "again"
    for out in (first, again):
        preview_images.write_images(data, str(out))
    project = preview_images.MapPainter(data).project  # what write_images draws with, at SCALE
    for city in data.cities:
        rel = preview_images.og_image_path(city["id"])
        x, y = project(*point(city))
        # The highlighted city's dot is the accent colour at its projected place...
        with Image.open(first / rel) as img:
            scale = preview_images.SCALE
            assert img.convert("RGB").getpixel((round(x / scale), round(y / scale))) == preview_images.BORDER, city["id"]
        # ...and the picture is the same on every build.
        assert (first / rel).read_bytes() == (again / rel).read_bytes(), city["id"]


def test_a_story_picture_differs_from_the_base_only_around_its_city():
    """Each story's picture is the base with one patch redrawn: no seam around the patch."""
    data = real_data()
    painter = preview_images.MapPainter(data)
    base = np.asarray(painter.small, dtype=int)
    for city in data.cities:
        x, y = (v / preview_images.SCALE for v in painter.project(*point(city)))
        changed = np.argwhere((np.asarray(painter.city(city["id"]), dtype=int) != base).any(axis=-1))
        assert len(changed), f"{city['id']}: no ring drawn"
        distance = np.hypot(changed[:, 1] - x, changed[:, 0] - y).max()
        assert distance < painter.RING, f"{city['id']}: a pixel changed {distance:.0f} px from the city"


def test_icons_are_served_from_the_site(published_site):
    root, base = published_site.root, published_site.base
    for page in content_pages(root):
        doc = parse(page)
        icons = doc.xpath('//link[@rel="icon" or @rel="apple-touch-icon"]/@href')
        assert [i.startswith(base) for i in icons] == [True] * 3, page
    svg = etree.fromstring((root / "theme" / "favicon.svg").read_bytes())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    with Image.open(root / preview_images.FAVICON_PNG) as img:
        assert img.size == (32, 32)
    with Image.open(root / preview_images.TOUCH_ICON) as img:
        assert img.size == (180, 180) and img.mode == "RGB"  # no transparency on iOS


# --- schema.org JSON-LD ------------------------------------------------------------


def test_stories_carry_a_news_article(published_built):
    data, published = published_built
    root, base = published.root, published.base
    for lang, pages in stories(root).items():
        for page in pages:
            doc = parse(page)
            (article,) = json_ld(doc)
            assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
            assert article["headline"] == doc.xpath("//h1")[0].text_content().strip()
            assert article["inLanguage"] == lang
            assert article["url"] == url_of(root, page, base)
            assert dt.datetime.fromisoformat(article["datePublished"])
            assert dt.datetime.fromisoformat(article["dateModified"]) >= dt.datetime.fromisoformat(
                article["datePublished"]
            )
            assert article["author"]["name"] == SITE_NAME[lang]
            assert article["publisher"]["name"] == SITE_NAME[lang]
            assert article["image"] == [one(doc, "og:image")]
            # citation: the page's own source list, in order, as the data knows each source.
            listed = [
                li.get("id").removeprefix("source-") for li in doc.xpath('//section[@class="sources"]//li')
            ]
            assert len(article["citation"]) == len(listed) > 0
            for sid, work in zip(listed, article["citation"], strict=True):
                check_source_work(data.source_by_id[sid], work, lang)


def check_source_work(source: dict, work: dict, lang: str) -> None:
    """Known fields carried over exactly; unknown ones absent (never invented)."""
    # On a Latin page our text is in Latin; a headline stays as written unless it is Kazakh.
    latin = lang == "kk-Latn"

    def shown(text, kazakh=True):
        return to_latin(text) if latin and kazakh and text else text

    assert work["inLanguage"] == source["language"]
    assert work.get("headline") == shown(source["headline"], source["language"] == "kk")
    assert work.get("datePublished") == source["published"]
    assert work.get("url") == source["url"]
    assert work.get("publisher", {}).get("name") == shown((source["outlet"] or {}).get("kk" if latin else lang))
    assert work.get("author", {}).get("name") == shown(source["author"])


@pytest.mark.parametrize("lang", LANGS)
def test_methodology_page_carries_the_dataset(published_built, lang):
    content, published = published_built
    root, base = published.root, published.base
    page = root / lang / "methodology" / "index.html"
    (data,) = json_ld(parse(page))
    assert data["@type"] == "Dataset"
    for key in ("name", "description", "license", "inLanguage", "creator", "distribution", "isBasedOn"):
        assert data[key], key
    assert len(data["description"]) >= 50  # what dataset search engines ask for
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["inLanguage"] == LANGS
    assert data["url"] == f"{base}{lang}/methodology/"
    urls = [d["contentUrl"] for d in data["distribution"]]
    assert urls == [f"{base}data/{name}" for name in DOWNLOADS]
    for d in data["distribution"]:
        assert (root / d["contentUrl"].removeprefix(base)).is_file()
        assert d["encodingFormat"] == ("text/csv" if d["name"].endswith(".csv") else "application/json")
    assert len(data["isBasedOn"]) == len(content.sources)
    for source, work in zip(content.sources, data["isBasedOn"], strict=True):
        check_source_work(source, work, lang)


def test_no_other_page_claims_structured_data(published_site):
    root = published_site.root
    for page in content_pages(root):
        found = [d["@type"] for d in json_ld(parse(page))]
        if page.parent.name == "methodology":
            assert found == ["Dataset"]
        elif meta(parse(page), "og:type") == ["article"]:
            assert found == ["NewsArticle"]
        else:
            assert found == [], page


FIRST_CITY = real_data().cities[0]["id"]


@pytest.fixture(scope="module")
def hostile_site(hostile_text_site):
    """The real content with a story title and summary that try to end the JSON-LD script
    (tests/hostile.py: the first city's kk story; one build shared with other hostile text)."""
    return hostile_text_site


def test_json_ld_cannot_be_closed_by_content(hostile_site):
    raw = (hostile_site / "kk" / FIRST_CITY / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, flags=re.S)
    assert len(scripts) == 1
    assert "<" not in scripts[0] and ">" not in scripts[0] and "&" not in scripts[0]
    article = json.loads(scripts[0])
    assert article["headline"] == HOSTILE  # escaped, not altered
    assert article["description"] == SUMMARY.replace("`", "")  # Markdown code span, as text
    assert "<script>alert(1)" not in raw


@pytest.mark.browser
def test_hostile_title_runs_no_script(hostile_site, visit):
    served, server = serve(hostile_site)
    try:
        seen = visit(served.url(f"kk/{FIRST_CITY}/"))
        dialogs = []
        seen.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        seen.page.reload(wait_until="load")
        assert dialogs == [] and seen.page_errors == []
        scripts = seen.page.evaluate(
            "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => s.textContent)"
        )
        assert [json.loads(s)["headline"] for s in scripts] == [HOSTILE]
        assert seen.page.evaluate("document.querySelector('h1').textContent") == HOSTILE
    finally:
        server.shutdown()


def test_hostile_title_is_escaped_in_the_feed(hostile_site):
    parsed = feedparser.parse((hostile_site / "kk" / "feed.xml").read_bytes())
    assert not parsed.bozo
    assert HOSTILE in [e.title for e in parsed.entries]


def test_dev_build_keeps_relative_links_in_feeds(site):
    """Development build (no SITEURL): feed links are relative to the feed, so they resolve under /REPO/ too."""
    doc = etree.fromstring((site / "kk" / "feed.xml").read_bytes())
    hrefs = doc.xpath("//*[local-name()='link']/@href")
    assert hrefs and all(h.startswith("../") for h in hrefs)
    for href in hrefs:
        target = (site / "kk" / href).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


def test_social_images_are_png_without_metadata(site):
    for png in (site / "images").rglob("*.png"):
        with Image.open(io.BytesIO(png.read_bytes())) as img:
            assert img.format == "PNG" and not img.text, png
