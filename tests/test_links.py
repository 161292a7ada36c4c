"""Links: the site served under /REPO/ has no broken link, resource or #anchor (issue 5).

Both builds are crawled from the root; every page must be reached.
"""

from __future__ import annotations

from checks.links import crawl, unreached


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
