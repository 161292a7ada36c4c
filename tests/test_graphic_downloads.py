"""Each graphic as a standalone SVG file (issue 16, downloads per graphic).

Every chart and map a built page draws (found in the HTML, whatever the
content holds) links its own SVG file; the file is a complete SVG document
with the page's title, note and source line inside, fonts named, colours
inline, no script and no outside reference, and the same drawing as the page.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import html_pages
from lxml import etree, html

from generator.charts.metrics import text_width
from generator.publish.graphic_files import FOLDER

SVG = "http://www.w3.org/2000/svg"
NS = {"s": SVG}
DRAWN = ("circle", "rect", "path", "line", "text")  # what a drawing is made of


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _graphics(page: Path) -> list[tuple[html.HtmlElement, str, str]]:
    """(figure, its drawing's kind, the href of its SVG download) for each graphic on a page."""
    doc = html.parse(str(page)).getroot()
    found = []
    for figure in doc.xpath('//figure[contains(concat(" ", @class, " "), " chart ") or @class="craft-map"]'):
        links = figure.xpath('.//a[@download][@type="image/svg+xml"]/@href')
        assert len(links) == 1, f"{page}: graphic {figure.get('id')} links {len(links)} SVG files"
        found.append((figure, "map" if figure.get("class") == "craft-map" else "chart", links[0]))
    return found


def _page_texts(figure: html.HtmlElement, kind: str) -> list[str]:
    """What the page says around the graphic, which the file must say too."""
    if kind == "map":
        credit = figure.xpath('.//span[@class="map-credit"]')[0]
        # The caption's first sentence is the map's title.
        caption = _norm(figure.xpath(".//figcaption")[0].text_content()).split(".")[0]
        return [caption, _norm(credit.text_content())]
    texts = [_norm(figure.xpath('.//figcaption[@class="chart-title"]')[0].text_content())]
    for note in figure.xpath('.//p[@class="chart-note"]'):
        texts.append(_norm(note.text_content()))
    source = figure.xpath('.//p[@class="chart-source"]')[0]
    for link in source.xpath('./a[not(starts-with(@href, "#"))]'):  # the methodology link is the page's
        link.drop_tree()
    if _norm(source.text_content()):
        texts.append(_norm(source.text_content()))
    return texts


def _drawing(svg: etree._Element) -> tuple[dict[str, int], list[str]]:
    """How many of each mark a drawing has, and its texts in order."""
    counts = {tag: len(svg.xpath(f'.//*[local-name()="{tag}"]')) for tag in DRAWN}
    texts = [_norm("".join(t.itertext())) for t in svg.xpath('.//*[local-name()="text"]')]
    return counts, texts


def _check_file(body: bytes, figure: html.HtmlElement, kind: str, where: str) -> None:
    root = etree.fromstring(body)  # well-formed XML, or this raises
    assert body.startswith(b"<?xml"), where
    assert root.tag == f"{{{SVG}}}svg", where
    for attr in ("viewBox", "width", "height", "font-family"):
        assert root.get(attr), f"{where}: no {attr}"
    _, _, w, h = (float(v) for v in root.get("viewBox").split())
    assert (float(root.get("width")), float(root.get("height"))) == (w, h), where
    assert root[0].tag == f"{{{SVG}}}title" and _norm(root[0].text or ""), f"{where}: no <title> first"
    # Fonts named, for every text: the stack the widths are measured for, first.
    for node in root.iter():
        if node.get("font-family") is not None:
            assert node.get("font-family").startswith("DejaVu Sans"), f"{where}: {node.get('font-family')}"
    # Self-contained: no script, no event handler, no link out, nothing the site's CSS would resolve.
    assert not root.xpath(
        '//*[local-name()="script" or local-name()="foreignObject" or local-name()="style"]'
    )
    for node in root.iter():
        for name, value in node.attrib.items():
            local = etree.QName(name).localname
            assert not local.startswith("on"), f"{where}: {name}"
            assert local != "href" and "http" not in value, f"{where}: {name}={value}"
            assert local != "style" and "var(" not in value, f"{where}: {name}={value}"
    # The page's title, note and source line are drawn as text, wrapped to the width.
    blocks = root.xpath('s:text[@class="graphic-text"]', namespaces=NS)
    drawn = [_norm(" ".join(t.itertext())) for t in blocks]
    texts = _page_texts(figure, kind)
    assert drawn[0] == texts[0], f"{where}: the title is {drawn[0]!r}, the page's {texts[0]!r}"
    if kind == "chart":
        assert _norm(root[0].text) == texts[0], where
    for text in texts[1:]:
        assert text in drawn, f"{where}: {text!r} is not drawn among {drawn}"
    for block in blocks:
        x, size, bold = (
            float(block.get("x")),
            float(block.get("font-size")),
            block.get("font-weight") == "700",
        )
        for line in block:
            assert text_width(line.text or "", size, bold) <= w - 2 * x + 0.01, (
                f"{where}: {line.text!r} overflows"
            )
    # The same drawing as the page's: the page's inline SVG, mark for mark and text for text.
    inline = figure.xpath('.//*[local-name()="svg"]')[0]
    (nested,) = root.xpath("s:svg|s:g/s:svg", namespaces=NS)
    assert _drawing(nested) == _drawing(inline), f"{where}: the file's drawing differs from the page's"
    assert nested.get("viewBox") == inline.get("viewbox"), where


def _every_graphic(root: Path) -> list[tuple[Path, html.HtmlElement, str, str]]:
    found = [(p, *g) for p in html_pages(root) for g in _graphics(p)]
    assert found, "no graphic on any page"
    return found


def test_every_graphic_on_every_page_links_its_own_svg_file(built):
    """Development build: each link resolves to a file written beside the pages, one per graphic
    and language, and every file written is linked."""
    linked = set()
    for page, figure, kind, href in _every_graphic(built.root):
        target = (page.parent / urlsplit(href).path).resolve()
        rel = target.relative_to(built.root.resolve()).as_posix()
        assert rel.split("/")[1] == FOLDER, rel
        assert target.is_file(), f"{page}: {href} is missing"
        _check_file(target.read_bytes(), figure, kind, rel)
        linked.add(rel)
    written = {p.relative_to(built.root).as_posix() for p in built.root.glob(f"*/{FOLDER}/*.svg")}
    assert written == linked
    # One file per graphic per edition: each language folder has the same graphics.
    per_lang: dict[str, set[str]] = {}
    for rel in linked:
        lang, _, name = rel.split("/")
        per_lang.setdefault(lang, set()).add(name)
    assert len({frozenset(names) for names in per_lang.values()}) == 1, per_lang


def test_published_svg_links_resolve_under_the_sub_path(published_built):
    _data, published = published_built
    seen = 0
    for page, figure, kind, href in _every_graphic(published.root):
        page_url = published.url(page.relative_to(published.root).as_posix())
        url = urljoin(page_url, href)
        assert url.startswith(published.base), f"{page}: {href} is outside the site"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("image/svg+xml")
            _check_file(response.read(), figure, kind, url)
        seen += 1
    assert seen


def test_kazakh_graphics_are_in_latin_in_the_latin_edition(site):
    """kk-latn's files are the kk ones transliterated, marked kk-Latn; no Kazakh Cyrillic is left."""
    kazakh = re.compile("[әғқңөұүһі]", re.I)
    files = sorted((site / "kk-latn" / FOLDER).glob("*.svg"))
    assert files
    for path in files:
        root = etree.parse(str(path)).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "kk-Latn"
        twin = etree.parse(str(site / "kk" / FOLDER / path.name)).getroot()
        assert twin.get("{http://www.w3.org/XML/1998/namespace}lang") == "kk"
        assert kazakh.search(" ".join(twin.itertext()))
        assert not kazakh.search(" ".join(root.itertext())), path.name


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_download_links_are_labelled_in_the_pages_language(site, lang):
    home = html.parse(str(site / lang / "index.html")).getroot()
    labels = {
        _norm(a.text_content()) for a in home.xpath('//figure[@class="craft-map"]//a[@type="image/svg+xml"]')
    }
    other = "ru" if lang == "kk" else "kk"
    other_home = html.parse(str(site / other / "index.html")).getroot()
    other_labels = {
        _norm(a.text_content())
        for a in other_home.xpath('//figure[@class="craft-map"]//a[@type="image/svg+xml"]')
    }
    assert labels and labels.isdisjoint(other_labels)
    for p in home.xpath('//p[contains(@class, "chart-graphic-download")]'):
        (a,) = p.xpath("./a")
        lead = _norm(p.text_content().replace(a.text_content(), ""))
        assert lead and re.search("[а-яёәғқңөұүһі]", lead, re.I), lead
