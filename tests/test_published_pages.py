"""Every page of the published build in Chromium: accessibility, runtime, files under the sub-path.

Accessibility: axe-core (WCAG 2.2 A and AA) and a keyboard walk on every page (issue 5).

Pages are checked in the published build, as readers get them, the 404
page at a missing address. Two views of each: with scripts (the live map,
charts) and without (what the static fallbacks show; the root language
chooser is only ever seen this way, since it redirects by script). The
320 px view is checked by test_mobile.py, the view without scripts by
test_published_pages_without_scripts.py (a file of its own, so the two walks
can run on different workers). The view with scripts comes from conftest's
`published_walk`, the one visit per page that the runtime and sub-path checks
share.

Runtime (issue 5): no script or console error, nothing asked of a host but
127.0.0.1 except map tiles (test_runtime.py checks the development build).
Publishing (issue 6): every file a page loads, by script or style too, is
found under the /REPO/ sub-path. These three were separate walks of every page;
they now read one visit per page (conftest's `published_walk`), and live in
one file so that `--dist loadfile` keeps them on one worker.
"""

from __future__ import annotations

import pytest
from checks.pages import report, site_pages


@pytest.fixture(scope="module")
def with_scripts(published_walk) -> dict[str, dict[str, list[str]]]:
    """{check: {page: problems}}, from the shared visit of each page (redirected pages left out:
    the page they land on is checked itself)."""
    runs = {page: run for page, run in published_walk.items() if not run.redirected}
    return {"axe": {p: r.axe for p, r in runs.items()}, "keyboard": {p: r.keyboard for p, r in runs.items()}}


def _failing(results: dict[str, list[str]]) -> dict[str, list[str]]:
    return {page: problems for page, problems in results.items() if problems}


@pytest.mark.browser
def test_axe_finds_no_wcag_violation(with_scripts):
    found = with_scripts["axe"]
    assert found, "no page was checked"
    assert not _failing(found), "axe-core, with scripts:\n" + report(_failing(found))


@pytest.mark.browser
def test_keyboard_reaches_every_control_with_visible_focus(with_scripts):
    found = with_scripts["keyboard"]
    assert found, "no page was checked"
    assert not _failing(found), "keyboard, with scripts:\n" + report(_failing(found))


@pytest.mark.browser
def test_published_pages_run_cleanly_and_stay_on_127_0_0_1(published_walk):
    assert published_walk, "no pages were built"
    found = {page: run.runtime for page, run in published_walk.items() if run.runtime}
    assert not found, "runtime problems in the published build:\n" + report(found)


@pytest.mark.browser
def test_every_published_page_loads_all_its_files_under_the_sub_path(published_site, published_walk):
    """What a crawl cannot see: files that scripts and styles load (map data, images, fonts).

    From conftest's `published_walk`: each page opened once, with scripts, until the network is quiet.
    """
    assert set(published_walk) == set(site_pages(published_site.root)), "a page was not opened"
    for page, run in published_walk.items():
        assert run.final_url.startswith(published_site.base), (page, run.final_url)
    failed = {page: run.failed for page, run in published_walk.items() if run.failed}
    assert not failed, failed
