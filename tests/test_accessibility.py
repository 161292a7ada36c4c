"""Accessibility: axe-core (WCAG 2.2 A and AA) and a keyboard walk on every page (issue 5).

Pages are checked in the published build, as readers get them, the 404
page at a missing address. Two views of each: with scripts (the live map,
charts) and without (what the static fallbacks show; the root language
chooser is only ever seen this way, since it redirects by script). The
320 px view is checked by test_mobile.py. The view with scripts comes from
conftest's `published_walk`, the one visit per page that the runtime and
sub-path checks share; the view without opens every page once here. Each
view runs both checks on a page; the tests then report one check each.
"""

from __future__ import annotations

import pytest
from checks.axe import axe_violations
from checks.browser import open_page
from checks.keyboard import keyboard_problems
from checks.pages import reader_urls, report

VIEWS = ["with-scripts", "without-scripts"]


@pytest.fixture(scope="module", params=VIEWS)
def walked(request) -> tuple[str, dict[str, dict[str, list[str]]]]:
    """(view, {check: {page: problems}}) for every page of the published site."""
    view = request.param
    found: dict[str, dict[str, list[str]]] = {"axe": {}, "keyboard": {}}
    if view == "with-scripts":
        for page, run in request.getfixturevalue("published_walk").items():
            if not run.redirected:  # the page it lands on is checked itself
                found["axe"][page], found["keyboard"][page] = run.axe, run.keyboard
        return view, found
    browser, published_site = request.getfixturevalue("browser"), request.getfixturevalue("published_site")
    for page, url in reader_urls(published_site):
        with open_page(browser, url, scripts=False) as opened:
            if opened.page.url != url:
                continue  # redirected: the page it lands on is checked itself
            found["axe"][page] = axe_violations(opened.page)
            # After axe, which moves no focus: the walk starts from the top of the page.
            found["keyboard"][page] = keyboard_problems(opened.page)
    return view, found


def _failing(results: dict[str, list[str]]) -> dict[str, list[str]]:
    return {page: problems for page, problems in results.items() if problems}


@pytest.mark.browser
def test_axe_finds_no_wcag_violation(walked):
    view, found = walked
    assert found["axe"], "no page was checked"
    assert not _failing(found["axe"]), f"axe-core, {view}:\n" + report(_failing(found["axe"]))


@pytest.mark.browser
def test_keyboard_reaches_every_control_with_visible_focus(walked):
    view, found = walked
    assert found["keyboard"], "no page was checked"
    assert not _failing(found["keyboard"]), f"keyboard, {view}:\n" + report(_failing(found["keyboard"]))
