"""Links: crawl a served site from its root; every link and resource must answer 200.

Every URL in an HTML attribute that links or loads something (a, area, link,
script, img/srcset, source, video, audio, track, iframe, embed, object, SVG
use/image, form, cite, Open Graph URLs) and every url() in a stylesheet is
resolved against its page, fetched from the test server without following
redirects, and must answer 200; a #fragment must name an id (or <a name>) on
the target. Links to other hosts are not fetched (no network in tests), but a
page that *loads* something from another host is reported: the site must work
offline and not leak readers to third parties.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html

# tag -> attributes holding a URL
URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "embed": ("src",), "object": ("data",),
    "use": ("href", "xlink:href"), "image": ("href", "xlink:href"), "form": ("action",),
    "blockquote": ("cite",), "q": ("cite",), "ins": ("cite",), "del": ("cite",),
}  # fmt: skip
# Elements whose URL the browser loads by itself (as opposed to a link the reader follows).
LOADS = {"script", "img", "source", "video", "audio", "track", "iframe", "embed", "object", "use", "image"}
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SKIP_SCHEMES = {"mailto", "tel", "data"}


@dataclass
class Fetched:
    status: int
    type: str  # media type without parameters
    body: bytes


@dataclass
class Crawl:
    """What a crawl found: the HTML pages it reached and every problem."""

    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)  # every URL fetched, for other checks to reuse


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is reported as what it is, not followed


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str) -> Fetched:
    try:
        with _opener.open(url, timeout=30) as r:
            return Fetched(r.status, r.headers.get_content_type(), r.read())
    except urllib.error.HTTPError as e:
        return Fetched(e.code, e.headers.get_content_type() if e.headers else "", e.read())


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _ids(fetched: Fetched) -> set[str]:
    """Ids a #fragment may name in an HTML page or an SVG file."""
    if fetched.type == "text/html":
        doc = lxml.html.fromstring(fetched.body)
        return set(doc.xpath("//@id")) | set(doc.xpath("//a/@name"))
    if fetched.type == "image/svg+xml":
        return set(lxml.etree.fromstring(fetched.body).xpath("//@id"))
    return set()


def _references(doc) -> list[tuple[str, str, bool]]:
    """(description, url, loads) for every URL in a parsed HTML page."""
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue  # comments, processing instructions
        tag = el.tag.rsplit("}", 1)[-1].lower()
        if tag == "meta":
            prop = (el.get("property") or el.get("name") or "").lower()
            content = el.get("content") or ""
            if prop in ("og:url", "og:image", "twitter:image") and content:
                out.append((f'<meta property="{prop}">', content, False))
            continue
        for attr in URL_ATTRS.get(tag, ()):
            value = el.get(attr)
            if value is None:
                continue
            rels = set((el.get("rel") or "").lower().split())
            loads = tag in LOADS or (tag == "link" and bool(rels & LOADING_RELS))
            urls = _srcset_urls(value) if attr == "srcset" else [value.strip()]
            for url in urls:
                out.append((f'<{tag} {attr}="{value[:100]}">', url, loads))
    return out


def crawl(start: str, also: tuple[str, ...] = ()) -> Crawl:
    """Crawl every HTML page under `start` (a URL ending in /) that links reach from it.

    `also`: pages to check the links of whatever their status (a 404 page
    served at a missing address, say); their links must still work.
    """
    cache: dict[str, Fetched] = {}
    result = Crawl()
    host = urlsplit(start).netloc

    def get(url: str) -> Fetched:
        if url not in cache:
            cache[url] = fetch(url)
        return cache[url]

    def check(where: str, what: str, url: str, base: str, loads: bool) -> str | None:
        """Check one reference; return the in-site page it leads to, if any."""
        target = urljoin(base, url)
        parts = urlsplit(target)
        if parts.scheme in SKIP_SCHEMES:
            return None
        if parts.scheme not in ("http", "https"):
            result.problems.append(f"{where}: {what} → unsupported link {url!r}")
            return None
        if parts.netloc != host:
            if loads:
                result.problems.append(f"{where}: {what} → loads from another host: {target}")
            return None
        address, fragment = urldefrag(target)
        got = get(address)
        if got.status != 200:
            result.problems.append(f"{where}: {what} → {address} answers {got.status}")
            return None
        if fragment and unquote(fragment) not in _ids(got):
            result.problems.append(f"{where}: {what} → {address} has no id {unquote(fragment)!r}")
        return address if got.type == "text/html" and address.startswith(start) else None

    todo = [start, *also]
    done: set[str] = set()
    while todo:
        url = todo.pop(0)
        if url in done:
            continue
        done.add(url)
        page = get(url)
        if url not in also and page.status != 200:
            result.problems.append(f"{url} answers {page.status}")
            continue
        where = url[len(start) - 1 :] if url.startswith(start) else url
        if page.type == "text/css":
            for m in CSS_URL.finditer(page.body.decode("utf-8", "replace")):
                ref = m.group(2) or m.group(4)
                if ref.startswith("#"):
                    continue  # url(#id) names an element of the page using the style, not a file
                check(where, f"url({ref})", ref, url, loads=True)
            continue
        if page.type != "text/html":
            continue
        if url not in also:
            result.pages.append(url)
        doc = lxml.html.fromstring(page.body)
        base = urljoin(url, (doc.xpath("//base/@href") or [""])[0])
        for what, ref, loads in _references(doc):
            found = check(where, what, ref, base, loads)
            if found and found not in done:
                todo.append(found)
        # Stylesheets are crawled too, for the files their url()s load.
        for href in doc.xpath("//link[contains(concat(' ', @rel, ' '), ' stylesheet ')]/@href"):
            css = urldefrag(urljoin(base, href))[0]
            if urlsplit(css).netloc == host and css not in done and get(css).status == 200:
                todo.append(css)
    result.statuses = {url: fetched.status for url, fetched in cache.items()}
    return result


def unreached(served, crawled: list[str]) -> list[str]:
    """Built pages of a served site that a crawl from its root never reached.

    404.html is left out: readers meet it by mistyping, not by a link.
    """
    from .pages import site_pages

    return [p for p in site_pages(served.root) if p != "404.html" and served.url(p) not in crawled]
