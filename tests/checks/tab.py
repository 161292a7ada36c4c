"""A browser tab kept open and reused for many addresses, as a reader clicks from page to page.

A fresh Playwright page (its context and renderer) costs about 0.3 s; a new
address in an open one about 0.1 s. The page walks (tests/test_pages.py) open
every page of a site several times over, so each view (scripts on or off, light
or dark, wide or narrow) keeps one tab. Each load starts as clean as a fresh
context: the HTTP cache is off (every file is fetched, as a first visit does),
the site keeps nothing in storage, and what the last page logged is dropped.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from checks.browser import OFFSITE, Opened, settle


class Tab:
    """One page in its own context; `open(url)` loads an address in it and returns what went wrong."""

    def __init__(
        self,
        browser,
        *,
        scripts: bool = True,
        width: int = 1280,
        height: int = 900,
        init_script: str = "",
        quiet: bool = False,
        **options,
    ) -> None:
        self.scripts = scripts
        self.wait_quiet = quiet  # for checks of what the page asked for, and what failed late
        self.context = browser.new_context(viewport={"width": width, "height": height}, **options)
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.seen = Opened(self.page)
        self.host = ""
        self.requested: list[str] = []  # same-host URLs asked for by the current page
        self.failed: list[str] = []  # same-host files answered >= 400 or failed to load
        self._open: set[object] = set()  # requests in flight
        self._last = 0.0  # when a request last started or ended
        self.context.route(OFFSITE, self._abort)
        page = self.page
        page.on("console", lambda m: m.type == "error" and self.seen.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.seen.page_errors.append(str(e)))
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _abort(self, route) -> None:
        self.seen.blocked.append(route.request.url)
        route.abort()

    def _started(self, request) -> None:
        self._open.add(request)
        self._last = time.monotonic()
        if urlsplit(request.url).netloc == self.host:
            self.requested.append(request.url)

    def _ended(self, request) -> None:
        self._open.discard(request)
        self._last = time.monotonic()

    def _request_failed(self, request) -> None:
        self._ended(request)
        # A request the next navigation cancels (net::ERR_ABORTED, e.g. a favicon) is no missing file.
        if urlsplit(request.url).netloc == self.host and "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"failed {request.url}: {request.failure}")

    def _response(self, response) -> None:
        if urlsplit(response.url).netloc == self.host and response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def open(self, url: str) -> Opened:
        """Load `url` (scripts off while it is parsed, if this tab has them off), wait until
        layout has settled (and, for a `quiet` tab, until no request has been open for a
        moment), and return the record."""
        self.seen = Opened(self.page)
        self.host = urlsplit(url).netloc
        self.requested, self.failed, self._open = [], [], set()
        if not self.scripts:
            self.cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self.page.goto(url, wait_until="load")
        if not self.scripts:
            # The page's scripts were skipped while it was parsed; the checkers may run now.
            self.cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        settle(self.page)
        if self.wait_quiet:
            self.quiet()
        return self.seen

    def quiet(self, window: float = 0.1, timeout: float = 10.0) -> None:
        """Wait until no request has been in flight for `window` seconds (late scripts, map
        data, fonts have had their chance to load or fail): Playwright's "networkidle" waits
        a fixed 0.5 s after the last one, on every page."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self._open and time.monotonic() - self._last >= window:
                return
            self.page.wait_for_timeout(window * 1000 / 2)
        raise AssertionError(f"{self.page.url}: requests still open after {timeout} s: {self._open}")

    def close(self) -> None:
        self.context.close()
