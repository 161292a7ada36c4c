"""The Nu HTML Checker (vnu.jar from node_modules), run once over many files in one JVM."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "java"


def vnu_errors(files: list[Path]) -> dict[Path, list[str]]:
    """file -> its HTML errors ("line N: message"); files without errors are left out."""
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci` (make test does)"
    assert files, "no files to check"
    # --no-langdetect: the language guess only ever gives warnings, which
    # --errors-only drops anyway; skipping it saves time.
    result = subprocess.run(
        [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    # The report goes to stderr; exit status 1 just means "errors found".
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        raise AssertionError(f"vnu.jar did not report (exit {result.returncode}):\n{result.stderr}") from None
    by_path = {Path(f).resolve(): Path(f) for f in files}
    out: dict[Path, list[str]] = {}
    for m in report["messages"]:
        if m.get("type") == "info":
            continue
        # vnu names files as URLs, e.g. "file:/tmp/site/kk/index.html".
        reported = Path(unquote(urlsplit(m.get("url", "")).path)).resolve()
        path = by_path.get(reported, reported)
        extract = " ".join(m.get("extract", "").split())
        out.setdefault(path, []).append(f"line {m.get('lastLine', '?')}: {m['message']} [{extract[:120]}]")
    if result.returncode not in (0, 1) or (result.returncode == 1 and not out):
        raise AssertionError(f"vnu.jar failed (exit {result.returncode}):\n{result.stderr}")
    return out
