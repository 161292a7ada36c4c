"""Every page of the published build in Chromium with its scripts switched off (issue 5).

What the static fallbacks show: the SVG maps and charts, the footnotes, the
root language chooser (only ever seen this way, since it redirects by script).
axe-core (WCAG 2.2 A and AA) and a keyboard walk on each page, opened once.
A file of its own, so that `--dist loadfile` can run it beside the walk with
scripts (test_published_pages.py) on the other worker.
"""

from __future__ import annotations

import pytest
from checks.axe import axe_violations
from checks.browser import open_page
from checks.keyboard import keyboard_problems
from checks.pages import reader_urls, report


@pytest.fixture(scope="module")
def without_scripts(browser, published_site) -> dict[str, dict[str, list[str]]]:
    """{check: {page: problems}}, each page opened once here with its scripts switched off."""
    found: dict[str, dict[str, list[str]]] = {"axe": {}, "keyboard": {}}
    for page, url in reader_urls(published_site):
        with open_page(browser, url, scripts=False) as opened:
            if opened.page.url != url:
                continue  # redirected: the page it lands on is checked itself
            found["axe"][page] = axe_violations(opened.page)
            # After axe, which moves no focus: the walk starts from the top of the page.
            found["keyboard"][page] = keyboard_problems(opened.page)
    return found


def _failing(results: dict[str, list[str]]) -> dict[str, list[str]]:
    return {page: problems for page, problems in results.items() if problems}


@pytest.mark.browser
def test_axe_finds_no_wcag_violation_without_scripts(without_scripts):
    found = without_scripts["axe"]
    assert found, "no page was checked"
    assert not _failing(found), "axe-core, without scripts:\n" + report(_failing(found))


@pytest.mark.browser
def test_keyboard_reaches_every_control_with_visible_focus_without_scripts(without_scripts):
    found = without_scripts["keyboard"]
    assert found, "no page was checked"
    assert not _failing(found), "keyboard, without scripts:\n" + report(_failing(found))
