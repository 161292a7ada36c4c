"""Valid HTML: the Nu HTML Checker finds no error on any page of either build (issue 5)."""

from __future__ import annotations

from checks.pages import report
from checks.vnu import vnu_errors
from conftest import html_pages


def test_every_page_is_valid_html(site, published_site):
    # One JVM for every page of both builds: starting vnu.jar costs seconds.
    pages = {"development": html_pages(site), "published": html_pages(published_site.root)}
    assert all(pages.values()), "a build produced no pages"
    errors = vnu_errors([p for files in pages.values() for p in files])
    found = {
        f"{build} {path.relative_to(root).as_posix()}": errors[path]
        for build, root in (("development", site), ("published", published_site.root))
        for path in pages[build]
        if path in errors
    }
    assert not found, "invalid HTML:\n" + report(found)
