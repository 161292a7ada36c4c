"""Issue 2: how the build behaves — its summary, and no network access."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, html_pages

GUARD = """
import socket

_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and not (host.startswith("127.") or host in ("::1", "localhost")):
        raise OSError(f"network access during the build: {address}")
    return _connect(self, address)


# create_connection and every client library end in socket.connect.
socket.socket.connect = _loopback_only
"""


@pytest.fixture(scope="module")
def guarded(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """(result, output, guard folder): one `make html` of the real content with every socket
    to a host other than loopback refused (a sitecustomize guard); both tests read it."""
    tmp = tmp_path_factory.mktemp("guarded")
    (tmp / "guard").mkdir()
    (tmp / "guard" / "sitecustomize.py").write_text(GUARD)
    env = {**os.environ, "PYTHONPATH": str(tmp / "guard")}
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"INPUTDIR={CONTENT}", f"OUTPUTDIR={tmp / 'out'}"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    return result, tmp / "out", tmp / "guard"


def test_build_prints_a_summary_that_matches_the_output(guarded):
    result, out, _ = guarded
    assert result.returncode == 0, result.stderr
    summary = result.stdout[result.stdout.index("Craft Cities build summary") :]
    counts = dict(re.findall(r"(kk|ru): (\d+)", summary.splitlines()[1]))
    for lang in ("kk", "ru"):
        assert int(counts[lang]) == len(html_pages(out / lang)), summary
    assert re.search(r"warnings\s+0\b", summary)
    assert re.search(r"time\s+\d+\.\d+ s", summary)


def test_build_needs_no_network(guarded):
    """Any socket to a host other than loopback fails the build (sitecustomize guard)."""
    result, _, guard = guarded
    env = {**os.environ, "PYTHONPATH": str(guard)}
    probe = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", "import socket; socket.socket().connect(('192.0.2.1', 80))"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "network access during the build" in probe.stderr, "the guard itself does not work"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "network access" not in result.stdout + result.stderr
