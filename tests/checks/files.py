"""Comparing built folders file by file."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path


def hashes(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file (and "dir" for every folder)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    """How two folders differ: files only in one, and the first changed lines of each changed file."""
    one, two = _files(a), _files(b)
    out = [f"only in {a}: {f}" for f in sorted(one.keys() - two.keys())]
    out += [f"only in {b}: {f}" for f in sorted(two.keys() - one.keys())]
    for name in sorted(one.keys() & two.keys()):
        if one[name] != two[name]:
            try:
                diff = difflib.unified_diff(
                    one[name].decode().splitlines(), two[name].decode().splitlines(), lineterm="", n=0
                )
                out.append(f"{name} differs:\n    " + "\n    ".join(list(diff)[2:8]))
            except UnicodeDecodeError:
                out.append(f"{name} differs (binary)")
    return out
