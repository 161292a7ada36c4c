"""A cache of expensive build results (preview pictures, Latin pages), kept between builds.

Each entry is a file named by a hash of exactly what the result depends on:
its inputs and the code that makes it (`code_version`), so a changed input or
renderer is a new name and an old entry is simply never read again. Nothing is
ever looked up by anything else, so the output is the same whether an entry is
found or made, and the folder (BUILD_CACHE_DIR, `.cache/` at the repository's
root; git ignores it and `make clean` deletes it) is safe to delete at any
time, mid-build included.

Entries are written to a temporary file and renamed into place (atomic on one
file system), and carry a SHA-256 of their bytes: a partial or damaged entry is
a miss, never an error, and so is a folder that cannot be written.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

SETTING = "BUILD_CACHE_DIR"
_DIGEST = hashlib.sha256().digest_size


def digest(*parts: bytes | str) -> str:
    """A hex key for these parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def code_version(files: Iterable[str | os.PathLike]) -> str:
    """A hash of source files (a renderer's modules): an edit to any of them is a new key."""
    return digest(*(Path(f).read_bytes() for f in files))


def package_version() -> str:
    """A hash of every module of this package and of Python's version: for results made by
    code that reaches across the package (a change anywhere is a new key; editors change
    content, not code, so their rebuilds still find everything)."""
    here = Path(__file__).resolve().parent
    files = sorted(here.rglob("*.py"))
    return digest(sys.version, *(str(f.relative_to(here)) for f in files), code_version(files))


def library_versions(*names: str) -> str:
    """The installed versions of these distributions, for results their code helps make."""
    return " ".join(f"{name}=={importlib.metadata.version(name)}" for name in names)


class BuildCache:
    """Entries under `folder/<kind>/<key[:2]>/<key>`; a None folder caches nothing."""

    def __init__(self, folder: str | os.PathLike | None) -> None:
        self.folder = Path(folder) if folder else None
        self.hits = self.misses = 0

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        path = self._path(kind, key)
        try:
            data = path.read_bytes() if path else None
        except OSError:
            data = None
        if data is not None and len(data) >= _DIGEST:
            body, check = data[:-_DIGEST], data[-_DIGEST:]
            if hashlib.sha256(body).digest() == check:
                self.hits += 1
                return body
        self.misses += 1
        return None

    def put(self, kind: str, key: str, body: bytes) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fp:
                    fp.write(body + hashlib.sha256(body).digest())
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a cache that cannot be written (deleted mid-build, read-only, full) only costs time

    def fetch(self, kind: str, key: str, make) -> bytes:
        """The entry, or `make()`'s bytes, stored for next time."""
        body = self.get(kind, key)
        if body is None:
            body = make()
            self.put(kind, key, body)
        return body


def build_cache(settings: dict) -> BuildCache:
    """The run's cache, from its settings (None or "" switches caching off)."""
    return BuildCache(settings.get(SETTING))
