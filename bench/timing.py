"""Wall-clock time of Pelican builds, each a fresh process into a fresh folder, as `make html` runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT

PROJECT_CONF = ROOT / "pelicanconf.py"
BARE_CONF = ROOT / "bench" / "bare_conf.py"


class BuildFailed(RuntimeError):
    pass


def _run(cmd: list[str]) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise BuildFailed(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def build(content: Path, output: Path, conf: Path = PROJECT_CONF) -> float:
    """Seconds for `pelican CONTENT -o OUTPUT -s CONF --fatal warnings` (the command make html runs)."""
    if output.exists():
        shutil.rmtree(output)
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(conf)]
    start = time.perf_counter()
    _run([*cmd, "--fatal", "warnings"])
    return time.perf_counter() - start


def in_process(content: Path, output: Path, *options: str, conf: Path = PROJECT_CONF) -> dict:
    """Run bench.inprocess in a child process (a fresh interpreter) and return its JSON result."""
    if output.exists():
        shutil.rmtree(output)
    cmd = [sys.executable, "-m", "bench.inprocess", str(content), str(output), str(conf), *options]
    lines = _run(cmd).stdout.strip().splitlines()
    return json.loads(lines[-1])


def html_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))
