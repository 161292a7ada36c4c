"""Lighthouse's mobile scores of a built page: performance and best practices, worst of several runs.

Lighthouse 12.8.2 (13 needs Node >= 22.19; the machine has Node 20) is a
bench-only tool: `make bench` installs it with `npm ci` into bench/npm/ from
its own package.json and lock; `make test` never needs it. Without it (or
without node or Chromium) `scores` returns None and says why.

The built site is served from 127.0.0.1 and Lighthouse drives Debian's
Chromium (CHROME_PATH) with its default mobile settings (a mid-range phone,
simulated slow 4G and a 4x slower CPU). Every https:// request is blocked:
the site asks no other host for anything, so that only stops a stray one
(map tiles) from reaching the network. A score is the minimum over the runs,
as the budget is "100 on every run". Text files are served gzipped, as
GitHub Pages serves them.

    .venv/bin/python -m bench.lighthouse OUTPUT_DIR [--page kk/] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from . import ROOT
from .browser import CHROMIUM
from .weight import GZIP_LEVEL

NPM_DIR = ROOT / "bench" / "npm"
CLI = NPM_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
VERSION = "12.8.2"  # bench/npm/package.json
CATEGORIES = ("performance", "best-practices")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-sync --disable-component-update"
METRICS = {  # audit id -> our name; numericValue in ms (CLS unitless)
    "total-blocking-time": "tbt_ms",
    "cumulative-layout-shift": "cls",
    "largest-contentful-paint": "lcp_ms",
    "first-contentful-paint": "fcp_ms",
}


@dataclass(frozen=True)
class Run:
    performance: int  # 0-100, as Lighthouse shows it
    best_practices: int
    tbt_ms: float
    cls: float
    lcp_ms: float
    fcp_ms: float
    lost: list[str]  # audits of the two categories that did not pass, "id (score)"


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not shutil.which("node"):
        return "node is not installed"
    if not CLI.exists():
        return f"Lighthouse is not installed ({CLI.relative_to(ROOT)}): `make bench` runs npm ci in bench/npm"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing"
    return None


def _lost(report: dict) -> list[str]:
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                lost.append(f"{ref['id']} ({score:.2f})")
    return lost


def run_once(url: str) -> Run:
    """One Lighthouse run (a fresh Chromium) on `url`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = ["node", str(CLI), url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
               f"--output-path={out}", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
               "--blocked-url-patterns=https://*"]  # fmt: skip
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, timeout=300)
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {report['runtimeError']}")
    cats = report["categories"]
    metrics = {name: float(report["audits"][audit]["numericValue"]) for audit, name in METRICS.items()}
    return Run(
        performance=round(100 * cats["performance"]["score"]),
        best_practices=round(100 * cats["best-practices"]["score"]),
        lost=_lost(report),
        **metrics,
    )


class _Gzipping(http.server.SimpleHTTPRequestHandler):
    """Text files gzipped (level 6) when the browser accepts it, as GitHub Pages serves them:
    Lighthouse's simulated slow network then sends the bytes a reader's phone would get."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        texts = ("text/", "application/javascript", "application/json", "image/svg")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not kind.startswith(texts):
            return super().do_GET()  # binary files, folders without their slash (a redirect), 404s
        body = gzip_bytes(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def scores(output: Path, url_paths: list[str], runs: int = 3) -> dict | None:
    """{url path: {"performance": min, "best_practices": min, "tbt_ms": max, "cls": max, "runs": [...]}},
    or None when Lighthouse cannot run (see `missing`)."""
    if missing():
        return None
    handler = functools.partial(_Gzipping, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    found = {}
    try:
        for path in url_paths:
            done = [run_once(f"{origin}/{path}") for _ in range(runs)]
            found[path] = {
                "performance": min(r.performance for r in done),
                "best_practices": min(r.best_practices for r in done),
                "tbt_ms": max(r.tbt_ms for r in done),
                "cls": max(r.cls for r in done),
                "runs": [asdict(r) for r in done],
            }
    finally:
        server.shutdown()
        server.server_close()
    return found


def report(output: Path, runs: int, out) -> dict | None:
    """The home pages' scores for `make bench` (issue17.table reads "performance" and
    "best_practices": every run of every language); None, said so, without Lighthouse."""
    why = missing()
    if why:
        out(f"Lighthouse: not run ({why})")
        out()
        return None
    found = scores(output, ["kk/", "ru/"], runs) or {}
    out(f"Lighthouse {VERSION}, mobile, home pages, {runs} runs each (worst counts)")
    for path, s in found.items():
        out(f"  /{path}: performance {[r['performance'] for r in s['runs']]}, best practices "
            f"{[r['best_practices'] for r in s['runs']]}, blocking ms {[round(r['tbt_ms']) for r in s['runs']]}, "
            f"CLS max {s['cls']:.3f}")  # fmt: skip
    out()
    return {
        "performance": [r["performance"] for s in found.values() for r in s["runs"]],
        "best_practices": [r["best_practices"] for s in found.values() for r in s["runs"]],
        "pages": found,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a built site (make html's output/)")
    parser.add_argument("--page", action="append", help="url path, e.g. kk/ (repeatable; default kk/ and ru/)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    why = missing()
    if why:
        print(f"Lighthouse not run: {why}")
        return 1
    for path, s in (scores(args.output, args.page or ["kk/", "ru/"], args.runs) or {}).items():
        perf = [r["performance"] for r in s["runs"]]
        best = [r["best_practices"] for r in s["runs"]]
        tbt = [round(r["tbt_ms"]) for r in s["runs"]]
        print(f"/{path}: performance {s['performance']} (runs {perf}), best practices {s['best_practices']} "
              f"(runs {best}), blocking ms {tbt}, CLS max {s['cls']:.3f}")  # fmt: skip
        for r in s["runs"]:
            if r["lost"]:
                print(f"  lost: {', '.join(r['lost'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
