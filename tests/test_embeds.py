"""Issue 16, part 4: embeds. Every graphic and map has a page of its own at /<lang>/embed/<id>/
(noindex, canonical to the page it is drawn on), the page it is drawn on offers the <iframe>
code, and a host page that pastes that code gets the frame sized by postMessage.

What is expected comes from the built pages: the graphics each story and home page draws,
in every edition (kk, ru and the Latin kk-latn), not a list of ids.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import serve
from lxml import etree
from lxml import html as lhtml

EDITIONS = ["kk", "ru", "kk-latn"]
GRAPHICS = '//figure[contains(concat(" ", @class, " "), " chart ")] | //figure[@class="story-map"] | //figure[@class="craft-map"]'
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def file_of(site: Path, url: str) -> Path:
    """The built file a site URL (http://x/ + site-relative path) names."""
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if not path or path.endswith("/") else site / path


def pages_with_graphics(site: Path) -> list[str]:
    """Site-relative URLs of every page in an edition that draws a graphic or a map."""
    out = []
    for path in sorted(site.glob("*/**/index.html")):
        rel = path.parent.relative_to(site).as_posix() + "/"
        if rel.split("/")[0] in EDITIONS and "/embed/" not in "/" + rel and parse(path).xpath(GRAPHICS):
            out.append(rel)
    return out


def svg_title(element) -> str:
    return " ".join(
        element.xpath(".//*[local-name()='svg']/*[local-name()='title']")[0].text_content().split()
    )


def embeds_of(site: Path, page: str) -> list[tuple[object, object, str]]:
    """(graphic, its embed block, the embed page's URL) for each graphic a page draws."""
    doc = parse(file_of(site, "http://x/" + page))
    out = []
    for graphic in doc.xpath(GRAPHICS):
        # The block is the graphic's last child (charts) or comes right after it (maps,
        # whose figcaption ends the figure).
        block = graphic.xpath(
            './details[@class="embed-code"] | following-sibling::*[1][self::details[@class="embed-code"]]'
        )
        assert len(block) == 1, f"{page}: no embed code for {graphic.get('id') or graphic.get('class')}"
        (href,) = block[0].xpath(".//a/@href")
        out.append((graphic, block[0], urljoin("http://x/" + page, href)))
    return out


def test_every_graphic_and_map_has_its_embed_page(built):
    site = built.root
    linked: set[str] = set()
    pages = pages_with_graphics(site)
    # Each edition's home page and every story draw graphics (a map and a timeline at least).
    stories = {
        f"{folder}/{page}"
        for folder in EDITIONS
        for page in ["", *(f"{c['id']}/" for c in built.data.cities)]
    }
    assert stories <= set(pages), sorted(stories - set(pages))
    for page in pages:
        folder = page.split("/")[0]
        found = embeds_of(site, page)
        assert len(found) >= 2, page
        for graphic, _block, url in found:
            path = urlsplit(url).path
            assert re.fullmatch(rf"/{folder}/embed/[a-z0-9-]+/", path), (page, path)
            if graphic.get("id") and "chart" in graphic.get("class"):
                assert path == f"/{folder}/embed/{graphic.get('id')}/", "a chart's embed is named by its id"
            assert path not in linked, f"{path} is the embed of two graphics"
            linked.add(path)
            embed = parse(file_of(site, url))
            # The graphic itself (its accessible name), alone with its title, source line and a link back.
            assert svg_title(embed) == svg_title(graphic), (page, path)
            assert embed.xpath('//meta[@name="robots"]/@content') == ["noindex"], path
            (canonical,) = embed.xpath('//link[@rel="canonical"]/@href')
            assert urlsplit(urljoin(url, canonical)).path == "/" + page, (path, canonical)
            back = [urljoin(url, a) for a in embed.xpath('//p[@class="embed-credit"]/a/@href')]
            assert back == ["http://x/" + page], (path, back)
            assert embed.xpath("//base/@target") == ["_top"], "links leave the frame for the whole tab"
            assert embed.xpath("//*[@class='chart-source']"), path
            assert embed.get("lang") == parse(file_of(site, "http://x/" + page)).get("lang")
            assert not embed.xpath("//*[@data-pagefind-body]"), f"{path} would be found by the site's search"
    # No embed page that no graphic offers, and one for each in every edition.
    built_embeds = {
        "/" + p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/embed/*/index.html")
    }
    assert built_embeds == linked
    per_edition = {
        folder: {p.split("/")[-2] for p in linked if p.startswith(f"/{folder}/")} for folder in EDITIONS
    }
    assert per_edition["kk"] == per_edition["ru"] == per_edition["kk-latn"]


def snippet(block) -> str:
    """The code an editor copies: the text of the block's <code>."""
    (code,) = block.xpath(".//pre/code")
    return code.text_content()


def test_published_embed_code_is_absolute_and_checks_the_site_origin(published_site):
    site, base = published_site.root, published_site.base
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    sitemap = etree.fromstring((site / "sitemap.xml").read_bytes()).xpath("//s:loc/text()", namespaces=NS)
    assert sitemap and not [loc for loc in sitemap if "/embed/" in loc], (
        "noindex pages are not for the sitemap"
    )
    for folder in EDITIONS:
        blocks = [
            b
            for page in pages_with_graphics(site)
            if page.startswith(folder + "/")
            for b in embeds_of(site, page)
        ]
        assert len(blocks) > 3, folder
        for _graphic, block, url in blocks:
            assert url.startswith(f"{base}{folder}/embed/"), url
            code = snippet(block)
            frame = lhtml.fragment_fromstring(code, create_parent="div").xpath("//iframe")[0]
            assert frame.get("src") == url, "the code frames the page the block links to"
            assert frame.get("title"), "the frame is named for screen readers"
            assert f"event.origin === {origin!r}".replace("'", '"') in code
            embed = parse(site / url.removeprefix(base) / "index.html")
            (canonical,) = embed.xpath('//link[@rel="canonical"]/@href')
            assert canonical.startswith(base), canonical


HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom's page</title></head>
<body><main><h1>Another site</h1><p>Text before the graphic.</p>
{code}
<p>Text after the graphic.</p></main></body></html>
"""


# The embed's content height, measured as its script does, and the frame's height on the host page.
CONTENT_HEIGHT = "() => Math.ceil(document.getElementById('embed').getBoundingClientRect().bottom + scrollY)"
FRAME_HEIGHT = "(() => document.querySelector('iframe').getBoundingClientRect().height)"


@pytest.fixture
def host(published_site, tmp_path):
    """A page on another origin (127.0.0.1, another port) that pastes a story's embed code."""
    site = published_site.root
    story = next(p for p in pages_with_graphics(site) if p.startswith("ru/") and p != "ru/")
    _graphic, block, url = embeds_of(site, story)[-1]
    code = snippet(block)
    (tmp_path / "host").mkdir()
    (tmp_path / "host" / "index.html").write_text(HOST.format(code=code), encoding="utf-8")
    served, server = serve(tmp_path / "host")
    yield served, url, code
    server.shutdown()
    shutil.rmtree(tmp_path / "host")


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1024])
def test_host_page_frame_takes_the_embeds_height(host, published_site, visit, width):
    served, url, code = host
    assert urlsplit(served.base).netloc != urlsplit(published_site.base).netloc  # another origin
    v = visit(served.url(), width=width)
    page = v.page
    start = int(page.locator("iframe").get_attribute("height"))  # the code's first height
    # The frame loads lazily: it may start after the host page's own load.
    frame = page.locator("iframe").element_handle().content_frame()
    frame.wait_for_url(url)
    frame.wait_for_load_state("load")
    content, height = None, start
    for _ in range(5):  # until the frame's height follows the embed's latest (fonts may reflow it)
        content = frame.evaluate(CONTENT_HEIGHT)
        page.wait_for_function(f"h => {FRAME_HEIGHT}() === h", arg=content, timeout=10_000)
        if frame.evaluate(CONTENT_HEIGHT) == content:
            height = content
            break
    assert height == content != start, f"the frame is not {content}px, the embed's height"
    # The frame shows all of the graphic and no more: nothing to scroll inside it.
    assert frame.evaluate("() => document.documentElement.scrollHeight <= innerHeight")
    # The same message from anywhere else (here the host page itself) does not resize it.
    key = re.search(r"event\.data\[(\"[^\"]+\")\]", code).group(1)
    graphic = urlsplit(url).path.rstrip("/").split("/")[-1]
    page.evaluate(
        """([key, id]) => new Promise(done => {
            addEventListener("message", () => setTimeout(done, 0), {once: true});
            postMessage({[key]: {[id]: 77}}, "*");
        })""",
        [key.strip('"'), graphic],
    )
    assert page.evaluate(f"{FRAME_HEIGHT}()") == frame.evaluate(CONTENT_HEIGHT) == content
    assert not v.page_errors and not v.console_errors, v.page_errors + v.console_errors
    assert not v.blocked


def test_latin_embed_code_frames_the_latin_embed(site):
    for story in sorted(site.glob("kk-latn/*/index.html")):
        page = story.parent.relative_to(site).as_posix() + "/"
        for _graphic, block, url in embeds_of(site, page):
            src = lhtml.fragment_fromstring(snippet(block), create_parent="div").xpath("//iframe/@src")[0]
            assert urljoin("http://x/" + page, src) == url and "/kk-latn/embed/" in url, (page, src)
            assert html.unescape(src) == src
