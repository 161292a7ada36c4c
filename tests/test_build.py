"""Issue 2: how the build behaves — its summary, and no network access."""

from __future__ import annotations

import os
import re
import subprocess

from conftest import CONTENT, ROOT, build, html_pages

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


def test_build_prints_a_summary_that_matches_the_output(tmp_path):
    result = build(CONTENT, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    summary = result.stdout[result.stdout.index("Craft Cities build summary") :]
    counts = dict(re.findall(r"(kk|ru): (\d+)", summary.splitlines()[1]))
    for lang in ("kk", "ru"):
        assert int(counts[lang]) == len(html_pages(tmp_path / "out" / lang)), summary
    assert re.search(r"warnings\s+0\b", summary)
    assert re.search(r"time\s+\d+\.\d+ s", summary)


def test_build_needs_no_network(tmp_path):
    """Any socket to a host other than loopback fails the build (sitecustomize guard)."""
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(GUARD)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "guard")}
    probe = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", "import socket; socket.socket().connect(('192.0.2.1', 80))"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "network access during the build" in probe.stderr, "the guard itself does not work"
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"INPUTDIR={CONTENT}", f"OUTPUTDIR={tmp_path / 'out'}"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "network access" not in result.stdout + result.stderr
