"""Time of Pelican builds, each a fresh process into a fresh folder, as `make html` runs it.

Both the wall-clock time and the CPU time (user + system) of the build process
are kept. The build is single-threaded and CPU-bound, so on an idle machine
the two agree; on a busy one (other builds and browsers on two cores) only the
wall time grows, so comparisons and ratios use CPU time.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # seconds of CPU the build process used (user + system)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cache_options(folder: Path) -> list[str]:
    """Pelican options that give the build its own build cache (BUILD_CACHE_DIR, generator/build_cache.py)."""
    return ["-e", f"BUILD_CACHE_DIR={json.dumps(str(folder))}"]


def build(content: Path, output: Path, conf: Path = PROJECT_CONF, cache: Path | None = None) -> Timing:
    """Time `pelican CONTENT -o OUTPUT -s CONF --fatal warnings` (the command make html runs).

    `cache`: the build cache folder to use (BUILD_CACHE_DIR), instead of the repository's .cache/.
    """
    if output.exists():
        shutil.rmtree(output)
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", str(conf)]
    if cache is not None:
        cmd += cache_options(cache)
    cpu, start = _children_cpu(), time.perf_counter()
    _run([*cmd, "--fatal", "warnings"])
    return Timing(time.perf_counter() - start, _children_cpu() - cpu)


def in_process(
    content: Path, output: Path, *options: str, conf: Path = PROJECT_CONF, cache: Path | None = None
) -> dict:
    """Run bench.inprocess in a child process (a fresh interpreter) and return its JSON result."""
    if output.exists():
        shutil.rmtree(output)
    cmd = [sys.executable, "-m", "bench.inprocess", str(content), str(output), str(conf), *options]
    if cache is not None:
        cmd += ["--cache", str(cache)]
    lines = _run(cmd).stdout.strip().splitlines()
    return json.loads(lines[-1])


def html_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))
