"""The editor commands behave as the README says (issue 11, point 6)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
from pathlib import Path

from conftest import CONTENT, ROOT, free_port

MAKE = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile")]


def _make(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*MAKE, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})  # fmt: skip


def test_serve_and_devserver_refuse_a_busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        for target in ("serve", "devserver"):
            result = _make(target, f"PORT={port}")
            assert result.returncode != 0, target
            assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
            assert "Ctrl+C" in result.stderr


def test_the_port_check_lets_a_free_port_through():
    from generator.__main__ import port_free

    assert port_free([str(free_port())]) == 0


def test_publish_without_siteurl_stops_with_a_clear_message():
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    result = subprocess.run([*MAKE, "publish", "OUTPUTDIR=/nonexistent/never-written"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert result.returncode != 0
    assert "SITEURL is not set" in result.stderr
    assert not Path("/nonexistent/never-written").exists()


def test_publishconf_alone_refuses_an_empty_siteurl():
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", "import publishconf"], cwd=ROOT,
                            capture_output=True, text=True, env=env)  # fmt: skip
    assert result.returncode != 0 and "SITEURL is not set" in result.stderr


def test_clean_removes_output_compiled_catalogs_and_caches(tmp_path):
    made = [
        "output/index.html",
        "output.partial/index.html",
        "theme/translations/kk/LC_MESSAGES/messages.mo",
        "theme/translations/ru/LC_MESSAGES/messages.mo",
        ".pytest_cache/v/x",
        ".ruff_cache/x",
        ".cache/og/ab/abcdef",
        "generator/__pycache__/x.pyc",
    ]
    kept = ["theme/translations/kk/LC_MESSAGES/messages.po", "generator/x.py", ".venv/lib/__pycache__/y.pyc"]
    for name in made + kept:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    result = _make("clean", f"OUTPUTDIR={tmp_path / 'output'}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [n for n in made if (tmp_path / n).exists()] == []
    assert [n for n in kept if not (tmp_path / n).exists()] == []


def test_each_rebuild_prints_its_own_summary(tmp_path):
    """As `make devserver` does: one Pelican instance runs again after a save."""
    from pelican import get_instance, parse_arguments

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    args = parse_arguments([str(content), "-o", str(tmp_path / "out"), "-s", str(ROOT / "pelicanconf.py")])
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        pelican, _settings = get_instance(args)
        summaries = []
        for _ in range(2):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                pelican.run()
            summaries.append([line for line in out.getvalue().splitlines() if "pages per language" in line])
    finally:
        os.chdir(cwd)
    assert summaries[0] and summaries[0] == summaries[1]


def test_update_catalogs_keeps_the_wrapping(tmp_path):
    """Extract and merge into a copy of the catalogs: only the header date may change."""
    catalogs = tmp_path / "translations"
    shutil.copytree(ROOT / "theme/translations", catalogs, ignore=shutil.ignore_patterns("*.mo"))
    result = _make("update-catalogs", f"CATALOGS={catalogs}")
    assert result.returncode == 0, result.stderr
    for rel in ["messages.pot", "kk/LC_MESSAGES/messages.po", "ru/LC_MESSAGES/messages.po"]:
        before = (ROOT / "theme/translations" / rel).read_text(encoding="utf-8").splitlines()
        after = (catalogs / rel).read_text(encoding="utf-8").splitlines()
        changed = [a for a, b in zip(before, after, strict=False) if a != b]
        assert len(before) == len(after), f"{rel}: update-catalogs re-wrapped or changed entries"
        assert all("POT-Creation-Date" in line for line in changed), (rel, changed[:3])
