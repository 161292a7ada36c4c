"""Links: the site served under /REPO/ has no broken link, resource or #anchor (issue 5).

Both builds are crawled from the root; every page must be reached. The
published build's crawl (conftest's `published_crawl`) also answers for the
addresses its sitemap, feeds, robots.txt and JSON-LD give (issue 6): one
crawler over the build, where test_publish.py used to fetch them all again.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

from checks.links import crawl, unreached
from conftest import html_pages
from lxml import etree
from lxml import html as lhtml
from test_publish import SITEMAP_NS, fetch, page_links


def test_development_build_has_no_broken_links(served_site):
    also = (served_site.url("404.html"),) if (served_site.root / "404.html").exists() else ()
    result = crawl(served_site.url(), also)
    assert not result.problems, "broken links in the development build:\n" + "\n".join(result.problems)
    assert not unreached(served_site, result.pages), "pages no link leads to"


def test_published_build_has_no_broken_links(published_site, published_crawl):
    # conftest's crawl opens 404.html at a missing address too: its links must work from any depth.
    result = published_crawl
    assert not result.problems, "broken links in the published build:\n" + "\n".join(result.problems)
    assert not unreached(published_site, result.pages), "pages no link leads to"


def test_published_site_has_no_broken_links(published_site, published_crawl):
    """Every address the pages (JSON-LD too), sitemap, feeds and robots.txt give works and stays
    under /REPO/. Addresses the crawl of test_links.py fetched are not fetched again."""
    base = published_site.base
    host = urlsplit(base).netloc
    root = published_site.root
    found: dict[str, str] = {}  # url -> where it was found
    for page in html_pages(root):
        rel = page.relative_to(root).as_posix()
        page_url = base + rel.removesuffix("index.html")
        for link in page_links(lhtml.fromstring(page.read_bytes()), page_url):
            found.setdefault(urldefrag(link).url, rel)
    sitemap = etree.fromstring((root / "sitemap.xml").read_bytes())
    for url in sitemap.xpath("//s:loc/text() | //x:link/@href", namespaces=SITEMAP_NS):
        found.setdefault(url, "sitemap.xml")
    for lang in ("kk", "ru"):
        feed = etree.fromstring((root / lang / "feed.xml").read_bytes())
        for url in feed.xpath("//*[local-name()='link']/@href"):
            found.setdefault(url, f"{lang}/feed.xml")
    robots = (root / "robots.txt").read_text(encoding="utf-8")
    found.setdefault(re.search(r"^Sitemap: (\S+)$", robots, re.M).group(1), "robots.txt")
    local = {url: where for url, where in found.items() if urlsplit(url).netloc == host}
    # The crawl reaches every page and every download: it cannot pass by finding nothing.
    built = {base + p.relative_to(root).as_posix().removesuffix("index.html") for p in html_pages(root)}
    built |= {base + p.relative_to(root).as_posix() for p in (root / "data").iterdir()}
    assert built - {base + "404.html"} <= set(local), built - set(local)
    outside = {url: where for url, where in local.items() if not url.startswith(base)}
    assert not outside, f"links that leave the /REPO/ sub-path: {outside}"
    crawled = published_crawl.statuses
    broken = {
        url: (where, status)
        for url, where in local.items()
        if (status := crawled.get(url)) != 200 and (status := fetch(url)[0]) != 200
    }
    assert not broken, f"broken links: {broken}"
