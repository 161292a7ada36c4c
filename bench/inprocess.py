"""Run Pelican inside this process, as `make regenerate`/`make devserver` do, timing or profiling it.

    python -m bench.inprocess CONTENT OUTPUT SETTINGS [--edit STORY --times K] [--profile DIR]

Prints one JSON line. With --edit, after a first full run the story file is
changed (a paragraph appended, as an editor saving it) and the same Pelican
instance runs again, K times: exactly what Pelican's regenerate mode does on
a change (pelican/__init__.py autoreload: `pelican.run()` again; it re-reads
every file, since the project turns the content cache off). With --profile,
one run is profiled with pyinstrument and written to DIR as text and HTML.
Warnings are fatal, as in `make html`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pelican import get_instance, parse_arguments
from pelican.log import init as init_logging

from . import ROOT


def _pelican(content: str, output: str, settings: str, cache: str | None = None):
    extra = ["-e", f"BUILD_CACHE_DIR={json.dumps(cache)}"] if cache else []
    args = parse_arguments([content, "-o", output, "-s", settings, "--fatal", "warnings", *extra])
    init_logging(level=args.verbosity, fatal=args.fatal, name="pelican")
    pelican, _settings = get_instance(args)
    return pelican


def _timed(pelican) -> dict:
    cpu, start = time.process_time(), time.perf_counter()
    pelican.run()
    return {"wall": time.perf_counter() - start, "cpu": time.process_time() - cpu}


def project_hot_spots(frame, total: float, root: Path = ROOT, limit: int = 25) -> list[dict]:
    """Inclusive time of each function in the project's own code (generator/, theme/), largest first.

    A function is counted once per call path (recursion is not double counted).
    """
    spent: dict[tuple[str, str], float] = {}

    def walk(node, on_stack: frozenset) -> None:
        key = None
        path = node.file_path or ""
        if path.startswith(str(root)) and not path.startswith((str(root / ".venv"), str(root / "bench"))):
            key = (str(Path(path).relative_to(root)), node.function)
        if key and key not in on_stack:
            spent[key] = spent.get(key, 0.0) + node.time
            on_stack = on_stack | {key}
        for child in node.children:
            walk(child, on_stack)

    walk(frame, frozenset())
    ranked = sorted(spent.items(), key=lambda kv: -kv[1])[:limit]
    return [{"file": f, "function": fn, "seconds": s, "share": s / total} for (f, fn), s in ranked]


def self_time_by_function(frame, total: float, limit: int = 15) -> list[dict]:
    """Self time (time in the function itself, not its callees) of any function, largest first."""
    spent: dict[tuple[str, str], float] = {}

    def walk(node) -> None:
        if not node.is_synthetic:  # "[self]" and group frames repeat their children's time
            key = (node.file_path_short or node.file_path or "?", node.function)
            spent[key] = spent.get(key, 0.0) + node.total_self_time
        for child in node.children:
            walk(child)

    walk(frame)
    ranked = sorted(spent.items(), key=lambda kv: -kv[1])[:limit]
    return [{"file": f, "function": fn, "seconds": s, "share": s / total} for (f, fn), s in ranked]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess")
    parser.add_argument("content")
    parser.add_argument("output")
    parser.add_argument("settings")
    parser.add_argument("--edit", help="story file to change between runs")
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--profile", help="folder for the pyinstrument profile")
    parser.add_argument("--name", default="build", help="file name stem of the profile")
    parser.add_argument("--cache", help="build cache folder (BUILD_CACHE_DIR) instead of the repository's")
    opts = parser.parse_args(argv)

    pelican = _pelican(opts.content, opts.output, opts.settings, opts.cache)
    result: dict = {}
    if opts.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.005)  # 5 ms: plenty for a build of minutes, and quick to render
        profiler.start()
        pelican.run()
        session = profiler.stop()
        folder = Path(opts.profile)
        folder.mkdir(parents=True, exist_ok=True)
        text, html = folder / f"{opts.name}.txt", folder / f"{opts.name}.html"
        text.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
        html.write_text(profiler.output_html(), encoding="utf-8")
        root = session.root_frame()
        total = session.duration
        result = {
            "seconds": total,
            "text": str(text),
            "html": str(html),
            "project": project_hot_spots(root, total),
            "self": self_time_by_function(root, total),
        }
    else:
        result["full"] = _timed(pelican)
    if opts.edit:
        story = Path(opts.edit)
        original = story.read_text(encoding="utf-8")
        rebuilds = []
        try:
            for k in range(opts.times):
                story.write_text(original + f"\n\nEdit {k + 1} made by the benchmark.\n", encoding="utf-8")
                rebuilds.append(_timed(pelican))
        finally:
            story.write_text(original, encoding="utf-8")
        result["rebuilds"] = rebuilds
    print(json.dumps(result))


if __name__ == "__main__":
    main()
