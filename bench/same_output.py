"""Does a change leave the built site as it was? Build this tree and a git revision, and compare.

    python -m bench.same_output REV [--keep DIR]

Builds four sites from each (the real content and the real content plus the
tests' extension, tests/extend.py; each with pelicanconf.py and with
publishconf.py under a sub-path), exactly as `make html` does, and lists every
file that differs. Exit 0 when all four are byte-identical. A refactoring (issue
14) proves itself with it: `python -m bench.same_output <commit before>`.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import ROOT

SITEURL = "http://127.0.0.1:8765/REPO"


def build_variants(repo: Path, extended: Path, dest: Path) -> None:
    """The four builds of `repo` into dest/{real,extended}-{dev,pub}; fails loudly on a build error."""
    env = {**os.environ, "COLUMNS": "200", "SOURCES_ARCHIVE": str(dest / "no-archive")}
    for name, content in (("real", repo / "content"), ("extended", extended)):
        for mode, conf in (("dev", "pelicanconf.py"), ("pub", "publishconf.py")):
            run_env = {**env, "SITEURL": SITEURL} if mode == "pub" else env
            subprocess.run(
                ["make", "--no-print-directory", "-s", "html", f"INPUTDIR={content}",
                 f"OUTPUTDIR={dest / f'{name}-{mode}'}", f"CONFFILE={repo / conf}"],
                cwd=repo, env=run_env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip


def differences(a: Path, b: Path) -> list[str]:
    """Paths under a and b that differ, or exist on one side only."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        out.extend(f"{rel}{n} (only before)" for n in cmp.left_only)
        out.extend(f"{rel}{n} (only after)" for n in cmp.right_only)
        # filecmp's shallow compare trusts equal size and mtime; compare the bytes.
        out.extend(
            f"{rel}{n}" for n in cmp.common_files if (Path(cmp.left) / n).read_bytes() != (Path(cmp.right) / n).read_bytes()
        )
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare with (e.g. the commit before a refactoring)")
    parser.add_argument("--keep", type=Path, help="keep the builds here instead of a temporary folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from extend import extend_content  # the README's way of adding a city, a source, a dispute

    work = args.keep or Path(tempfile.mkdtemp(prefix="same-output-"))
    old = work / "old-tree"
    subprocess.run(["git", "worktree", "add", "-q", "--detach", str(old), args.rev], cwd=ROOT, check=True)
    try:
        (old / ".venv").symlink_to(ROOT / ".venv")  # the same installed packages on both sides
        extended = work / "extended" / "content"
        shutil.copytree(ROOT / "content", extended)
        extend_content(extended, work / "extended" / "archive")
        build_variants(old, extended, work / "before")
        build_variants(ROOT, extended, work / "after")
        diffs = [
            f"{variant}/{path}"
            for variant in sorted(p.name for p in (work / "after").iterdir() if p.is_dir())
            for path in differences(work / "before" / variant, work / "after" / variant)
        ]
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    print("\n".join(diffs) if diffs else f"identical: the four builds of {args.rev} and of this tree")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
