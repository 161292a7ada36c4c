"""Runtime: every page runs without script or console errors, and asks no host but
127.0.0.1 for anything except map tiles (issue 5).

Both builds, every page, scripts on, opened through conftest's `visit`
(which aborts and records offsite requests). The 404 page is opened at its
own address here: at a missing one the 404 status itself is logged as an error.
"""

from __future__ import annotations

import pytest
from checks.pages import report, site_pages
from checks.runtime import runtime_problems


@pytest.mark.browser
@pytest.mark.parametrize("build", ["development", "published"])
def test_pages_run_cleanly_and_stay_on_127_0_0_1(request, visit, build):
    served = request.getfixturevalue({"development": "served_site", "published": "published_site"}[build])
    found = {}
    pages = site_pages(served.root)
    assert pages, "no pages were built"
    for page in pages:
        seen = visit(served.url(page))
        # Wait until the network is quiet, so scripts that run late (map
        # tiles, lazy parts) have had their chance to fail too.
        seen.page.wait_for_load_state("networkidle")
        problems = runtime_problems(seen.console_errors, seen.page_errors, seen.blocked)
        seen.page.context.close()  # one page at a time: the fixture would keep them all open
        if problems:
            found[page] = problems
    assert not found, f"runtime problems in the {build} build:\n" + report(found)
