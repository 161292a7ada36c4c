"""Mobile: every page at 320 px wide, as a phone shows it (issue 5).

No sideways scrolling (WCAG 1.4.10 reflow), tap targets of at least 24×24 px
or with room around them (WCAG 2.5.8, inline links in sentences exempt), and
axe-core's WCAG 2.2 rules again at this width (its target-size rule also
counts targets partly covered by others). Each page is opened once, in the
published build; the root chooser, which redirects by script, without scripts.
"""

from __future__ import annotations

import pytest
from checks.axe import axe_violations
from checks.browser import open_as_seen
from checks.mobile import NARROW, overflow_problems, target_problems
from checks.pages import reader_urls, report


@pytest.fixture(scope="module")
def narrow(browser, published_site) -> dict[str, dict[str, list[str]]]:
    """{check: {page: problems}} for every page of the published site at 320 px."""
    found: dict[str, dict[str, list[str]]] = {"overflow": {}, "targets": {}, "axe": {}}
    for page, url in reader_urls(published_site):
        with open_as_seen(browser, url, width=NARROW, height=640) as opened:
            found["overflow"][page] = overflow_problems(opened.page)
            found["targets"][page] = target_problems(opened.page)
            found["axe"][page] = axe_violations(opened.page)
    return found


def _assert_none(found: dict[str, list[str]], what: str) -> None:
    assert found, "no page was checked"
    failing = {page: problems for page, problems in found.items() if problems}
    assert not failing, f"{what} at {NARROW} px:\n" + report(failing)


@pytest.mark.browser
def test_no_page_scrolls_sideways(narrow):
    _assert_none(narrow["overflow"], "sideways scrolling")


@pytest.mark.browser
def test_tap_targets_are_big_enough_or_spaced(narrow):
    _assert_none(narrow["targets"], "small tap targets")


@pytest.mark.browser
def test_axe_finds_no_wcag_violation_when_narrow(narrow):
    _assert_none(narrow["axe"], "axe-core")
