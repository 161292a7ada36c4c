"""Shared fixtures: the real build, a local server under a sub-path, real Chromium.

Nothing here is mocked: sites are built by the two steps `make html` runs
(Pelican with the plugin, then the search index; in a process forked from one
that has them imported, tests/fork_build.py), or by `make html` itself where
its own behaviour is tested; served from 127.0.0.1 under /REPO/ as GitHub
project pages serve them, and opened in Debian's chromium through Playwright.
Requests to any other host are aborted and counted.

Under pytest-xdist (`make test` runs two workers, a test file or class per worker) the session's sites are
built once per run, not once per worker: the first worker to need one builds
it under a file lock in the run's shared temporary folder, the other waits and
reuses it. A published site has its address (port) built in, so every worker
serves it on that same port (SO_REUSEPORT).
"""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import pickle
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import fork_build
import pytest
from checks.browser import watch_page
from extend import Extension, extend_content

from generator.data.model import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
PREFIX = "/REPO/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@functools.cache
def real_data() -> Dataset:
    """The real content's dataset, loaded once per process (test modules used to load it at import, each)."""
    return load_dataset(CONTENT)


def build(
    content: Path,
    output: Path,
    conf: str = "pelicanconf.py",
    siteurl: str | None = None,
    options: str = "",
    archive: Path | None = None,
):
    """Build like an editor does: `make html` (scratch folder, swapped in on success).

    `archive`: the article archive to check the fingerprint against (SOURCES_ARCHIVE);
    by default whatever the settings find beside the repository, if anything.
    """
    env = {**os.environ, "COLUMNS": "200"}
    if siteurl is not None:
        env["SITEURL"] = siteurl
    if archive is not None:
        env["SOURCES_ARCHIVE"] = str(archive)
    return subprocess.run(
        ["make", "--no-print-directory", "html", f"INPUTDIR={content}", f"OUTPUTDIR={output}",
         f"CONFFILE={ROOT / conf}", f"PELICANOPTS={options}"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def build_ok(
    content: Path,
    output: Path,
    conf: str = "pelicanconf.py",
    siteurl: str | None = None,
    archive: Path | None = None,
    make: bool = False,
) -> Path:
    """A site to test: built by `make html` itself with `make=True` (a new interpreter, so the
    environment's hash seed and time zone apply), else by its two steps in a process forked
    from one that has Pelican imported already (tests/fork_build.py), 2 s less per build."""
    if make:
        result = build(content, output, conf=conf, siteurl=siteurl, archive=archive)
        assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
        return output
    env = {"SITEURL": siteurl} if siteurl is not None else {}
    if archive is not None:
        env["SOURCES_ARCHIVE"] = str(archive)
    code, printed = fork_build.build(content, output, ROOT / conf, env)
    assert code == 0, f"build failed ({code}):\n{printed}"
    return output


def preflight_problems(content: Path, **settings) -> list[str]:
    """What the build's preflight (generator.checks.preflight.check_content, the first thing
    the plugin runs) reports for `content`, in-process; [] when it passes."""
    from pelican.settings import read_settings

    from generator.checks.preflight import check_content
    from generator.errors import ContentError

    try:
        check_content(read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content), **settings}))
    except ContentError as exc:
        assert exc.problems, "a ContentError with no problem in it"
        return exc.problems
    return []


def pelican_problems(content: Path, output: Path, theme: Path | None = None) -> list[str]:
    """Run Pelican over `content` in this process, through the plugin's signal handlers as
    `make html` does; the problems of the ContentError that stops it, or [] if it finishes.

    For the mistakes only a build finds; `make html` itself (exit code, what it prints,
    output/ kept) is shown for a few of them in test_bad_input.py.
    """
    from pelican import get_instance, parse_arguments

    from generator.errors import ContentError

    options = [str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings"]
    pelican, _settings = get_instance(parse_arguments(options + (["-t", str(theme)] if theme else [])))
    try:
        pelican.run()
    except ContentError as exc:
        assert exc.problems, "a ContentError with no problem in it"
        return exc.problems
    return []


def copy_content(tmp: Path) -> Path:
    """A scratch copy of the real content/, for tests that change it."""
    dest = tmp / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, sorted."""
    return sorted(site.rglob("*.html"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder under PREFIX only, and 404.html for anything missing, as GitHub Pages does."""

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(PREFIX) and path != PREFIX.rstrip("/"):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        inner = path[len(PREFIX) - 1 :] if path.startswith(PREFIX) else "/"
        return super().translate_path(inner)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class Served:
    root: Path
    base: str  # e.g. http://127.0.0.1:PORT/REPO/

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


class _Server(http.server.ThreadingHTTPServer):
    # Each xdist worker serves a shared published build on the port built into it.
    allow_reuse_port = True

    def handle_error(self, request, client_address) -> None:
        # A browser that stops reading (a page closed mid-download) is not an error of
        # the site; anything else is still printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory: Path, port: int | None = None) -> tuple[Served, http.server.ThreadingHTTPServer]:
    port = port or free_port()
    handler = functools.partial(_Handler, directory=str(directory))
    server = _Server(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(directory, f"http://127.0.0.1:{port}{PREFIX}"), server


def _run_folder(tmp_path_factory) -> Path:
    """This run's temporary folder, which every xdist worker of the run shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, make: Callable[[Path], object]) -> tuple[Path, object]:
    """(folder, what `make(folder)` returned), made once per test run whichever worker asks first."""
    run = _run_folder(tmp_path_factory)
    folder, done = run / f"shared-{name}", run / f"shared-{name}.done"
    with _locked(run / f"shared-{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a half-made one from a worker that failed
            folder.mkdir()
            done.write_bytes(pickle.dumps(make(folder)))
        return folder, pickle.loads(done.read_bytes())


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content, built once for the whole session (development settings)."""
    folder, _ = shared(tmp_path_factory, "site", lambda f: build_ok(CONTENT, f / "output"))
    return folder / "output"


@dataclass(frozen=True)
class Built:
    """A built site with the content it was built from and that content's data."""

    name: str
    root: Path
    content: Path
    data: Dataset
    extension: Extension | None = None


@pytest.fixture(scope="session")
def extended_site(tmp_path_factory) -> Built:
    """The real content plus a city, a source, a disagreement and an event, added the README's way."""

    def make(tmp: Path) -> Extension:
        ext = extend_content(copy_content(tmp), tmp / "archive")
        # The scratch archive holds only the new article: build from the fingerprint alone, as GitHub does.
        build_ok(tmp / "content", tmp / "output", archive=tmp / "no-archive")
        return ext

    tmp, ext = shared(tmp_path_factory, "extended", make)
    return Built("extended", tmp / "output", tmp / "content", load_dataset(tmp / "content"), ext)


@pytest.fixture(scope="session")
def hostile_text_site(tmp_path_factory) -> Path:
    """The real content with markup- and code-like text in it (tests/hostile.py), built once."""
    from hostile import make_hostile

    def make(tmp: Path) -> None:
        make_hostile(copy_content(tmp))
        build_ok(tmp / "content", tmp / "output")

    tmp, _ = shared(tmp_path_factory, "hostile-text", make)
    return tmp / "output"


@pytest.fixture(scope="session", params=["real", "extended"])
def built(request, site) -> Built:
    """Each page check that takes this runs over the real site and over the extended one."""
    if request.param == "real":
        return Built("real", site, CONTENT, real_data())
    return request.getfixturevalue("extended_site")


@pytest.fixture(scope="session")
def served_built(built) -> Iterator[tuple[Built, Served]]:
    served, server = serve(built.root)
    yield built, served
    server.shutdown()


@pytest.fixture(scope="session")
def served_site(site) -> Iterator[Served]:
    served, server = serve(site)
    yield served
    server.shutdown()


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Iterator[Served]:
    """The real content built with publishconf.py for http://127.0.0.1:PORT/REPO, and served there."""
    served, server = _published(tmp_path_factory, "published", CONTENT)
    yield served
    server.shutdown()


def _published(tmp_path_factory, name: str, content: Path, archive: bool = False) -> tuple[Served, object]:
    def make(tmp: Path) -> int:
        port = free_port()
        siteurl = f"http://127.0.0.1:{port}{PREFIX}".rstrip("/")
        no_archive = tmp / "no-archive" if archive else None
        build_ok(content, tmp / "output", conf="publishconf.py", siteurl=siteurl, archive=no_archive)
        return port

    tmp, port = shared(tmp_path_factory, name, make)
    return serve(tmp / "output", port)


@pytest.fixture(scope="session")
def published_crawl(published_site):
    """The published site crawled from its root (checks/links.py), once: both link tests of
    test_links.py read it (one file, so one worker under `--dist loadscope`)."""
    from checks.links import crawl
    from checks.pages import MISSING

    # GitHub Pages answers a missing address with 404.html, at that address:
    # its links must work from any depth.
    has_404 = (published_site.root / "404.html").exists()
    return crawl(published_site.url(), (published_site.url(MISSING),) if has_404 else ())


@pytest.fixture(scope="session")
def published_extended(tmp_path_factory, extended_site) -> Iterator[Served]:
    served, server = _published(tmp_path_factory, "published-extended", extended_site.content, archive=True)
    yield served
    server.shutdown()


@pytest.fixture(scope="session", params=["real", "extended"])
def published_built(request) -> tuple[Dataset, Served]:
    """(data, served published site), for the real content and the extended one."""
    if request.param == "real":
        return real_data(), request.getfixturevalue("published_site")
    return request.getfixturevalue("extended_site").data, request.getfixturevalue("published_extended")


@dataclass
class Visit:
    """One page opened in Chromium, with what went wrong while it loaded."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests to other hosts, aborted


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class _Tabs:
    """Browser pages kept for reuse between tests, one pool per kind of context.

    A fresh page costs about 0.3 s, a new address in an open one about 0.1 s. A page goes
    back to the pool at the end of the test that opened it, blanked, with the HTTP cache
    off so that every visit fetches every file as a first visit does; one left in print
    emulation is closed instead.
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.contexts: dict[str, object] = {}
        self.free: dict[str, list] = {}
        self.seen: dict[object, Visit] = {}  # page -> the visit it is serving

    def take(self, javascript: bool, init_script: str, options: dict) -> object:
        key = repr((javascript, init_script, sorted(options.items())))
        if key not in self.contexts:
            context = self.browser.new_context(java_script_enabled=javascript, **options)
            if init_script:
                context.add_init_script(init_script)
            self.contexts[key], self.free[key] = context, []
        if self.free[key]:
            return self.free[key].pop()
        page = self.contexts[key].new_page()
        page._pool_key = key
        page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        watch_page(page, lambda: self.seen[page])
        return page

    def give_back(self, page) -> None:
        if page.is_closed():
            return
        page.goto("about:blank")
        if page.evaluate("matchMedia('print').matches"):
            page.close()
        else:
            self.free[page._pool_key].append(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def _tabs(browser):
    tabs = _Tabs(browser)
    yield tabs
    tabs.close()


@pytest.fixture
def visit(_tabs):
    """visit(url, javascript=True, width=1280) -> Visit, with offsite requests aborted."""
    pages = []

    def _visit(
        url: str, javascript: bool = True, width: int = 1280, height: int = 900, init_script: str = "", **options
    ) -> Visit:
        page = _tabs.take(javascript, init_script, options)
        pages.append(page)
        page.set_viewport_size({"width": width, "height": height})
        seen = _tabs.seen[page] = Visit(page)
        page.goto(url, wait_until="load")
        return seen

    yield _visit
    for page in pages:
        _tabs.give_back(page)
