"""Shared fixtures: the real build, a local server under a sub-path, real Chromium.

Nothing here is mocked: sites are built with `make html` exactly as editors
build them, served from 127.0.0.1 under /REPO/ as GitHub project pages serve
them, and opened in Debian's chromium through Playwright. Requests to any
other host are aborted and counted.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from checks.browser import watch
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


def build_ok(content: Path, output: Path, **kwargs) -> Path:
    result = build(content, output, **kwargs)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return output


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


def serve(directory: Path, port: int | None = None) -> tuple[Served, http.server.ThreadingHTTPServer]:
    port = port or free_port()
    handler = functools.partial(_Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(directory, f"http://127.0.0.1:{port}{PREFIX}"), server


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content, built once for the whole session (development settings)."""
    return build_ok(CONTENT, tmp_path_factory.mktemp("site") / "output")


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
    tmp = tmp_path_factory.mktemp("extended")
    content = copy_content(tmp)
    ext = extend_content(content, tmp / "archive")
    # The scratch archive holds only the new article: build from the fingerprint alone, as GitHub does.
    out = build_ok(content, tmp / "output", archive=tmp / "no-archive")
    return Built("extended", out, content, load_dataset(content), ext)


@pytest.fixture(scope="session", params=["real", "extended"])
def built(request, site) -> Built:
    """Each page check that takes this runs over the real site and over the extended one."""
    if request.param == "real":
        return Built("real", site, CONTENT, load_dataset(CONTENT))
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
    served, server = _published(CONTENT, tmp_path_factory.mktemp("published") / "output")
    yield served
    server.shutdown()


def _published(content: Path, out: Path, archive: Path | None = None) -> tuple[Served, object]:
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}{PREFIX}".rstrip("/")
    build_ok(content, out, conf="publishconf.py", siteurl=siteurl, archive=archive)
    return serve(out, port)


@pytest.fixture(scope="session")
def published_extended(tmp_path_factory, extended_site) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("published-extended")
    served, server = _published(extended_site.content, tmp / "output", archive=tmp / "no-archive")
    yield served
    server.shutdown()


@pytest.fixture(scope="session", params=["real", "extended"])
def published_built(request) -> tuple[Dataset, Served]:
    """(data, served published site), for the real content and the extended one."""
    if request.param == "real":
        return load_dataset(CONTENT), request.getfixturevalue("published_site")
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


@pytest.fixture
def visit(browser):
    """visit(url, javascript=True, width=1280) -> Visit, with offsite requests aborted."""
    contexts = []

    def _visit(
        url: str, javascript: bool = True, width: int = 1280, height: int = 900, init_script: str = "", **options
    ) -> Visit:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": height}, **options
        )
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        seen = Visit(page)

        watch(context, page, seen)
        page.goto(url, wait_until="load")
        return seen

    yield _visit
    for context in contexts:
        context.close()
