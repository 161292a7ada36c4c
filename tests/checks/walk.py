"""Every page of a built site, every view a reader has of it, each check run where it applies.

One walk per build instead of one per check: each view keeps one tab
(checks/tab.py) and loads page after page in it. A view's problems are kept
as {check: {page: [problem, ...]}}; tests/test_pages.py asserts on them.

Views of the published build, as readers get it:
- *scripts*: 1280 px, light, scripts on, until the network is quiet: script and
  console errors and requests to other hosts (runtime), files that fail under
  the sub-path (files), axe-core and the keyboard walk; then the same page in
  the dark scheme, which changes colours and nothing else (test_dark_print.py
  holds site.css to that), so it is switched rather than reloaded: axe's rules
  that read colours, the charts' and maps' paint, and axe's contrast rule with
  a popup of the live map open;
- *narrow*: 320 px, loaded at that width: sideways scrolling, tap targets, axe;
- *no scripts*: axe and the keyboard walk on what the static fallbacks show,
  and the dark scheme's checks again on pages that look different without scripts.

A page whose script sends the reader on (the root language chooser) is checked
where it lands, and also without scripts, the only way anyone sees it.
The development build gets the *scripts* view's runtime check and the list of
files each page asked for (test_pages.py's search-code check).
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from checks.axe import axe_violations
from checks.dark import paint_problems, popup_problems, scripted
from checks.keyboard import keyboard_problems
from checks.leaflet import TRACK_MAPS, start_map
from checks.mobile import NARROW, overflow_problems, target_problems
from checks.pages import MISSING
from checks.runtime import runtime_problems
from checks.tab import Tab

Found = dict[str, dict[str, list[str]]]

# axe's WCAG A/AA rules whose outcome depends on colours: all the dark scheme can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def _runtime(tab: Tab, url: str) -> list[str]:
    console = tab.seen.console_errors
    if url.endswith(MISSING):  # at a missing address the 404 status itself is logged as an error: once
        first = next((i for i, e in enumerate(console) if "status of 404" in e), None)
        console = [e for i, e in enumerate(console) if i != first]
    return runtime_problems(console, tab.seen.page_errors, tab.seen.blocked)


def _files(tab: Tab, url: str) -> list[str]:
    """This site's files that answered >= 400 or failed; the 404 page answers 404 itself, its job."""
    return [f for f in tab.failed if not (url.endswith(MISSING) and f == f"404 {url}")]


def published(browser, served, pages: list[tuple[str, str]]) -> Found:
    """Every view of each (page, URL) of a published build served at `served`."""
    found: Found = defaultdict(dict)
    tabs = {
        "scripts": Tab(browser, init_script=TRACK_MAPS, quiet=True),
        "narrow": Tab(browser, width=NARROW, height=640, init_script=TRACK_MAPS),
        "narrow, no scripts": Tab(browser, width=NARROW, height=640, scripts=False),
        "no scripts": Tab(browser, scripts=False),
    }
    try:
        for page, url in pages:
            _scripts(tabs["scripts"], page, url, found)
            _narrow(tabs, page, url, found)
            _no_scripts(tabs["no scripts"], served, page, url, found)
    finally:
        for tab in tabs.values():
            tab.close()
    return found


def _dark(tab: Tab, name: str, found: Found) -> None:
    """The loaded page in the dark scheme: switched, not reloaded, since the scheme changes
    colours only; back to light after."""
    tab.page.emulate_media(color_scheme="dark")
    found["axe, dark"][name] = axe_violations(tab.page, COLOUR_RULES)
    found["paint, dark"][name] = paint_problems(tab.page)
    tab.page.emulate_media(color_scheme="light")


def _scripts(tab: Tab, page: str, url: str, found: Found) -> None:
    tab.open(url)
    if start_map(tab.page):
        tab.quiet()  # what starting it asked for has loaded or failed
    found["final url"][page] = [tab.page.url]
    found["files"][page] = _files(tab, url)
    if tab.page.url == url:  # else sent on by its own script: checked where it lands
        found["axe"][page] = axe_violations(tab.page)
        _dark(tab, page, found)
        # After axe, which moves no focus: the walk starts from the top of the page.
        found["keyboard"][page] = keyboard_problems(tab.page)
        if tab.page.locator(".craft-map.is-live").count():  # started above
            tab.page.emulate_media(color_scheme="dark")
            found["popup, dark"][page] = popup_problems(tab.page)
            tab.page.emulate_media(color_scheme="light")
    found["runtime"][page] = _runtime(tab, url)


def _narrow(tabs: dict[str, Tab], page: str, url: str, found: Found) -> None:
    tab = tabs["narrow"]
    tab.open(url)
    start_map(tab.page)  # scrolled to, as a reader does, with its markers where they stay
    if tab.page.url != url:  # sent on by script: only ever seen without scripts
        tab = tabs["narrow, no scripts"]
        tab.open(url)
    found["overflow, narrow"][page] = overflow_problems(tab.page)
    found["targets, narrow"][page] = target_problems(tab.page)
    found["axe, narrow"][page] = axe_violations(tab.page)


def _no_scripts(tab: Tab, served, page: str, url: str, found: Found) -> None:
    tab.open(url)
    found["axe, no scripts"][page] = axe_violations(tab.page)
    if not url.endswith(MISSING) and scripted(served.root, page):  # else it looks the same with them
        _dark(tab, f"{page} (no JS)", found)
    found["keyboard, no scripts"][page] = keyboard_problems(tab.page)


def development(browser, pages: list[tuple[str, str]]) -> Found:
    """The runtime check and the same-site paths each page asked for, scripts on."""
    found: Found = defaultdict(dict)
    tab = Tab(browser, quiet=True)
    try:
        for page, url in pages:
            tab.open(url)
            if start_map(tab.page):
                tab.quiet()
            found["runtime"][page] = _runtime(tab, url)
            found["requested"][page] = sorted({urlsplit(u).path for u in tab.requested})
    finally:
        tab.close()
    return found
