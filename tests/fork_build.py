"""`make html`'s two steps (Pelican, then the search index) without a new interpreter per build.

Importing Pelican, the plugin and their libraries takes about 1.6 s of CPU, most
of a small build. So each test process starts one build server (this file, run
as a script): a single-threaded process that imports them once and forks a
child per build, which starts clean, with nothing left of an earlier build,
and costs only its own work. For the sites tests read; what `make html` itself
does (the swap of output/, its messages and exit code, a new interpreter's hash
seed) is tested through `make` (conftest.build, build_ok(make=True)).
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _indexed_languages() -> str:
    """make's LANGS and EDITIONS: the languages `make html` indexes for search."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = dict(re.findall(r"^(LANGS|EDITIONS) := (.*)$", makefile, flags=re.M))
    return f"{found['LANGS']} {found['EDITIONS']}"


def _child(args: list[str], env: dict[str, str], log: str) -> None:
    """In the forked child: what `make html` runs, its output to `log`; exits with its code."""
    os.environ.update(env)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    from pelican import main as pelican

    from generator.publish import search_index

    code = 0
    try:
        pelican(args)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    if code == 0:
        code = search_index.main([args[2], "--langs", _indexed_languages()])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def serve() -> None:
    """The server: one JSON request per line on stdin, one exit code per line on stdout."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import pelican  # noqa: F401  (imported once, here, for every child)

    import generator.publish.search_index  # noqa: F401

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request["args"], request["env"], request["log"])
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


@functools.cache
def _server() -> tuple[subprocess.Popen, threading.Lock]:
    process = subprocess.Popen(
        [sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    return process, threading.Lock()


def build(content: Path, output: Path, conf: Path, env: dict[str, str]) -> tuple[int, str]:
    """(exit code, what the build printed) of Pelican and the search index over `content`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    log = output.parent / f".{output.name}.log"
    args = [str(content), "-o", str(output), "-s", str(conf), "--fatal", "warnings"]
    process, lock = _server()
    with lock:
        process.stdin.write(json.dumps({"args": args, "env": env, "log": str(log)}) + "\n")
        process.stdin.flush()
        answer = process.stdout.readline()
    assert answer, f"the build server stopped (exit code {process.poll()})"
    return int(answer), log.read_text(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    serve()
