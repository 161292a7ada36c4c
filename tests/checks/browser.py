"""Opening one page in Chromium for a check, with offsite requests aborted.

The `visit` fixture in conftest.py keeps every page it opens until the test
ends; a check that walks all pages opens and closes one context per page
instead, and can load a page with its scripts switched off (the root language
chooser redirects by script, so a reader without JavaScript is the only one
who sees it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Opened:
    """A loaded page and what went wrong while it loaded."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests to other hosts, aborted


# Waits for web fonts, two animation frames and the browser's next idle moment, so layout
# (and any map or chart drawn on load, or started when the browser is idle) has settled
# before a check measures it.
_SETTLE = """() => document.fonts.ready.then(() => new Promise(
    done => requestAnimationFrame(() => requestAnimationFrame(
      () => requestIdleCallback(done, {timeout: 1000})))))"""


def watch(context, page, seen) -> None:
    """Abort and record every request to a host but 127.0.0.1; record console and script errors.

    `seen` needs the lists `blocked`, `console_errors` and `page_errors`.
    """

    def route(r) -> None:
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            seen.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    page.on("pageerror", lambda e: seen.page_errors.append(str(e)))


# Every address but 127.0.0.1's, matched on Chromium's side of Playwright: the site's own
# requests never wait for Python, the others are aborted and recorded.
OFFSITE = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z]+://")


def watch_page(page, current: Callable[[], object]) -> None:
    """As `watch`, for a page that serves one visit after another: `current()` is the record
    of the visit now under way (lists `blocked`, `console_errors`, `page_errors`)."""

    def route(r) -> None:
        current().blocked.append(r.request.url)
        r.abort()

    page.route(OFFSITE, route)
    page.on("console", lambda m: m.type == "error" and current().console_errors.append(m.text))
    page.on("pageerror", lambda e: current().page_errors.append(str(e)))


def settle(page) -> None:
    """Wait for _SETTLE; a page whose script navigates on load (the root
    chooser) may replace its document meanwhile, so wait for the new one."""
    from playwright.sync_api import Error

    for attempt in range(3):
        try:
            page.wait_for_load_state("load")
            page.evaluate(_SETTLE)
            return
        except Error as exc:
            if "context was destroyed" not in str(exc) or attempt == 2:
                raise


@contextmanager
def open_page(
    browser,
    url: str,
    *,
    scripts: bool = True,
    width: int = 1280,
    height: int = 900,
    before_goto: Callable[[object], None] | None = None,
    network_idle: bool = False,
) -> Iterator[Opened]:
    """Load `url` in a fresh context; with scripts=False the page's own scripts never run.

    Scripts are switched off through the DevTools protocol rather than
    Playwright's `java_script_enabled=False`, because with the latter the
    checkers themselves (axe, the keyboard walk) cannot run in the page.
    `before_goto(page)` may add listeners; `network_idle` also waits until no
    request has been open for a while (late scripts, map data, fonts).
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        seen = Opened(page)

        watch(context, page, seen)
        if before_goto is not None:
            before_goto(page)
        cdp = None
        if not scripts:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        page.goto(url, wait_until="load")
        if cdp is not None:
            # The page's scripts were skipped while it was parsed; the checkers may run now.
            cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        if network_idle:
            page.wait_for_load_state("networkidle")
        settle(page)
        yield seen
    finally:
        context.close()


@contextmanager
def open_as_seen(browser, url: str, **options) -> Iterator[Opened]:
    """Like open_page with scripts, but a page whose script sends the reader on
    (the root language chooser) is opened again without scripts: the only way
    anyone sees it."""
    with open_page(browser, url, **options) as opened:
        if opened.page.url == url:
            yield opened
            return
    with open_page(browser, url, scripts=False, **options) as opened:
        yield opened
