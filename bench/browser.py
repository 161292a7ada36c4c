"""Which same-origin files a real browser requests for a page: Debian's Chromium through Playwright.

Only used to settle what markup alone cannot: which stylesheet url(...)s are
actually used and what scripts fetch, before and after the reader scrolls to
the home map (which loads Leaflet only then). The built site is served from
127.0.0.1; every request to another host (map tiles) is aborted and not counted.
When Chromium is not installed the bench falls back to the static reading.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .weight import page_file

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# After loading: how long it took and how many map markers (single or clustered) are in the page.
PROBE = """() => ({
  load_ms: performance.getEntriesByType("navigation")[0].loadEventEnd,
  markers: document.querySelectorAll(".leaflet-marker-icon").length,
})"""


@dataclass
class PageLoad:
    files: set[str]  # site-root paths of every same-origin file Chromium got (HTTP 200), map started
    load_ms: float  # navigation start to the end of the load event, served from 127.0.0.1
    markers: int  # .leaflet-marker-icon elements: what the reader sees on the map at first
    at_load: set[str] = field(default_factory=set)  # `files` before the reader scrolled to the map


# The home map starts when it is scrolled to (theme/static/js/map.js): scroll there, wait for it.
START_MAP = """() => new Promise(done => {
  const map = document.querySelector(".craft-map");
  if (!map) return done(false);
  map.scrollIntoView();
  const t0 = performance.now();
  (function wait() {
    if (document.querySelector(".craft-map.is-live .leaflet-marker-icon")) return done(true);
    if (performance.now() - t0 > 20000) return done(false);
    setTimeout(wait, 50);
  })();
})"""


def requested_files(output: Path, url_paths: list[str], width: int = 1280) -> dict[str, PageLoad]:
    """url path -> what Chromium loaded for it, with offsite requests (tiles) aborted."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    found: dict[str, PageLoad] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for url_path in url_paths:
                context = browser.new_context(viewport={"width": width, "height": 900})
                context.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith(origin + "/") else r.abort(),
                )
                got: set[str] = set()

                def finished(request, got=got) -> None:
                    response = request.response()
                    if request.url.startswith(origin + "/") and response and response.status == 200:
                        got.add(page_file(unquote(urlsplit(request.url).path).lstrip("/")))

                page = context.new_page()
                page.on("requestfinished", finished)
                page.goto(f"{origin}/{url_path}", wait_until="networkidle")
                at_load = set(got)
                if page.evaluate(START_MAP):
                    page.wait_for_timeout(300)  # let the last requestfinished events arrive
                probe = page.evaluate(PROBE)
                found[url_path] = PageLoad(got, probe["load_ms"], probe["markers"], at_load)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found
