"""Runtime: every page runs without script or console errors, and asks no host but
127.0.0.1 for anything except map tiles (issue 5).

Both builds, every page, scripts on, with offsite requests aborted and
recorded, after the network has gone quiet (so scripts that run late, map
tiles, lazy parts, have had their chance to fail too). The published build's
pages are checked in test_published_pages.py, from the one visit per page
that the accessibility and sub-path checks share.
"""

from __future__ import annotations

import pytest
from checks.pages import report, site_pages
from checks.runtime import runtime_problems


@pytest.mark.browser
def test_development_pages_run_cleanly_and_stay_on_127_0_0_1(served_site, visit):
    found = {}
    pages = site_pages(served_site.root)
    assert pages, "no pages were built"
    for page in pages:
        seen = visit(served_site.url(page))
        seen.page.wait_for_load_state("networkidle")
        problems = runtime_problems(seen.console_errors, seen.page_errors, seen.blocked)
        seen.page.context.close()  # one page at a time: the fixture would keep them all open
        if problems:
            found[page] = problems
    assert not found, "runtime problems in the development build:\n" + report(found)
