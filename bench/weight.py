"""Page weight: every same-origin file one page of a built site loads, raw and gzipped.

Files are found by reading the page as a browser would before running any
script: `<link rel="stylesheet|icon|...">`, `<script src>`, `<img src>` and the
like, then the `url(...)` and `@import` references inside each stylesheet.
Inline SVG, inline scripts and `data:` URLs are part of the HTML itself, not
files. Another host (a map tile server, a CDN) is never same-origin and never
counted: the budgets are "without tiles".

A stylesheet's `url(...)` is fetched only if a rule using it matches
something on the page (Leaflet's layers.png only with a layers control), which
a static reading cannot know once scripts build the page. `css_used` lets the
caller say which were actually requested (bench/browser.py asks Chromium);
without it every reference counts, an upper bound.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

GZIP_LEVEL = 6  # zlib's default, what most web servers use
KB = 1000  # budgets are in kilobytes of 1,000 bytes

# rel values whose href the browser fetches while loading the page. Every rel=icon
# counts (a browser picks one: a small over-count); apple-touch-icon is fetched
# only when a reader saves the page to a phone's home screen, so it does not.
_FETCHED_RELS = {"stylesheet", "icon", "manifest", "preload", "modulepreload"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@dataclass(frozen=True)
class File:
    path: str  # relative to the output folder, e.g. "theme/css/site.css"
    raw: int
    gzipped: int
    via: str  # "page", "html", "css" or "script" (requested by a script, seen by the browser)


@dataclass
class Weight:
    """The files one page loads; `missing` lists references to files not in the output."""

    page: str
    files: list[File] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(f.raw for f in self.files)

    @property
    def gzipped(self) -> int:
        return sum(f.gzipped for f in self.files)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_file(url_path: str) -> str:
    """'kk/' -> 'kk/index.html': the file a static server answers a page URL with."""
    return url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path


def resolve(base: str, ref: str, site_url: str = "") -> str | None:
    """A reference in file `base` (relative to the site root) -> a site-root path, or None if not same-origin."""
    ref = ref.strip()
    if not ref or ref.startswith(("#", "data:", "mailto:", "tel:", "javascript:", "about:", "blob:")):
        return None
    if site_url and ref.startswith(site_url.rstrip("/") + "/"):
        ref = "/" + ref[len(site_url.rstrip("/")) + 1 :]
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None  # another origin (or an absolute URL to one)
    path = unquote(parts.path)
    if not path:
        return None
    joined = path if path.startswith("/") else posixpath.join(posixpath.dirname(base), path)
    normal = posixpath.normpath("/" + joined).lstrip("/")
    return page_file(normal + ("/" if path.endswith("/") and normal else ""))


def html_references(html: bytes) -> list[str]:
    """The URLs in a page that the browser fetches as it parses it, in document order."""
    doc = lxml.html.document_fromstring(html)
    refs = []
    for el in doc.iter("link", "script", "img", "source", "input", "iframe", "embed", "object", "video"):
        if el.tag == "link":
            rels = set((el.get("rel") or "").lower().split())
            if rels & _FETCHED_RELS and el.get("href"):
                refs.append(el.get("href"))
        elif el.tag == "object":
            if el.get("data"):
                refs.append(el.get("data"))
        elif el.tag == "input":
            if (el.get("type") or "").lower() == "image" and el.get("src"):
                refs.append(el.get("src"))
        elif el.tag == "video":
            if el.get("poster"):
                refs.append(el.get("poster"))
        elif el.get("src"):
            refs.append(el.get("src"))
    # <svg><use href="sprite.svg#id"> and <image href> load a file; "#id" alone is inline.
    for el in doc.iter("{http://www.w3.org/2000/svg}use", "use", "image"):
        href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href")
        if href and not href.startswith("#"):
            refs.append(href)
    return refs


def css_references(css: str) -> list[str]:
    """url(...) and @import targets in a stylesheet, comments ignored."""
    css = _CSS_COMMENT.sub("", css)
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]


def page_weight(
    output: Path,
    url_path: str,
    site_url: str = "",
    css_used: Iterable[str] | None = None,
    script_loaded: Iterable[str] = (),
) -> Weight:
    """Every same-origin file the page at `url_path` (e.g. "kk/") loads, each counted once.

    `css_used`: site-root paths a browser actually requested; stylesheet
    references not among them are left out. `script_loaded`: files scripts
    requested that no markup names (data a map fetches, marker icons).
    """
    output = Path(output)
    used = set(css_used) if css_used is not None else None
    start = page_file(url_path)
    weight = Weight(start)
    seen: set[str] = set()

    def add(path: str, via: str) -> bytes | None:
        if path in seen:
            return None
        seen.add(path)
        file = output / path
        if not file.is_file():
            weight.missing.append(path)
            return None
        data = file.read_bytes()
        weight.files.append(File(path, len(data), gzip_size(data), via))
        return data

    html = add(start, "page")
    if html is None:
        return weight
    stylesheets = []
    for ref in html_references(html):
        path = resolve(start, ref, site_url)
        if path is not None:
            data = add(path, "html")
            if data is not None and path.endswith(".css"):
                stylesheets.append((path, data))
    while stylesheets:  # breadth-first through @import chains
        css_path, data = stylesheets.pop(0)
        for ref in css_references(data.decode("utf-8", "replace")):
            path = resolve(css_path, ref, site_url)
            if path is None or (used is not None and path not in used and not path.endswith(".css")):
                continue
            sub = add(path, "css")
            if sub is not None and path.endswith(".css"):
                stylesheets.append((path, sub))
    for path in script_loaded:
        add(path, "script")
    return weight


def heavy_parts(html: bytes, min_bytes: int = 5000) -> list[tuple[str, int, int]]:
    """The largest inline pieces of a page (scripts, styles, SVG, lists, tables): (label, raw, gzipped).

    Shows where a heavy page's bytes sit, e.g. the map's data in an inline script.
    Nested pieces are not counted twice: a table inside a larger listed piece is skipped.
    """
    doc = lxml.html.document_fromstring(html)
    parts = []
    listed: set = set()
    for el in doc.iter("script", "style", "svg", "ul", "ol", "table", "dl"):
        if el.tag == "script" and el.get("src"):
            continue
        if any(a in listed for a in el.iterancestors()):
            continue
        data = lxml.html.tostring(el, encoding="utf-8")
        if len(data) < min_bytes:
            continue
        listed.add(el)
        label = el.tag + (f"#{el.get('id')}" if el.get("id") else "")
        label += "".join(f".{c}" for c in (el.get("class") or "").split()[:2])
        parts.append((label, len(data), gzip_size(data)))
    return sorted(parts, key=lambda p: -p[1])
