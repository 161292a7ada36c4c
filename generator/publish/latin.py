"""The Kazakh edition in the Latin alphabet (2021): /kk-latn/, made from the built /kk/ pages.

Editors write Kazakh once, in Cyrillic. When Pelican has written every page
(`finalized`), each file under kk/ is copied to kk-latn/ through latin_text.py.
One template per page type still serves everything: a page type added later
(by any generator that writes under kk/) gets its Latin twin with no change here.
"""

from __future__ import annotations

import os
import shutil

# edition_path and name_lang are template globals installed from this module (generator/__init__.py).
from ..build_cache import BuildCache, digest, package_version
from ..editions import DIR, EDITION, SOURCE, edition_path, edition_url, name_lang
from .latin_text import feed_to_latin, page_to_latin

__all__ = ["edition_path", "name_lang", "svg_to_latin", "write_edition"]


def svg_to_latin(text: str, page: str, siteurl: str) -> str:
    """A standalone SVG of the kk pages as its kk-latn twin: its text in Latin, marked kk-Latn."""
    return page_to_latin(text, page, siteurl).replace(f'xml:lang="{SOURCE}"', f'xml:lang="{EDITION}"', 1)


def _latin(name: str, text: str, rel: str, siteurl: str) -> str:
    if name.endswith(".html"):
        return page_to_latin(text, rel, siteurl)
    if name.endswith(".svg"):  # a graphic's own file (graphic_files.py): its text
        return svg_to_latin(text, rel, siteurl)
    return feed_to_latin(text, rel, siteurl)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def write_edition(output_path: str, siteurl: str, cache: BuildCache | None = None, memo: dict | None = None) -> None:
    """Write kk-latn/ from kk/ in a built site.

    Each file's Latin twin is a function of its bytes, its path, SITEURL and the
    code: kept in the build cache under a hash of those, so a rebuild
    transliterates only the pages that changed. `memo` (a long-running Pelican's,
    make devserver's) remembers each pair of files as this process last left them
    (size and time stamp): a pair neither run nor editor has touched since is
    left alone without being read.
    """
    cache = cache or BuildCache(None)
    code = package_version()
    memo = memo if memo is not None else {}
    if memo.get("code") != (code, output_path, siteurl):
        memo.clear()
        memo.update(code=(code, output_path, siteurl), files={})
    known: dict[str, tuple] = memo["files"]
    source = os.path.join(output_path, SOURCE)
    target = os.path.join(output_path, DIR)
    written: set[str] = set()
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            src = os.path.join(folder, name)
            rel = os.path.relpath(src, output_path).replace(os.sep, "/")
            out_rel = edition_url(rel)
            dst = os.path.join(output_path, *out_rel.split("/"))
            written.add(dst)
            stamps = (_stamp(src), _stamp(dst))
            if known.get(src) == stamps and None not in stamps:
                continue
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if not name.endswith((".html", ".svg", ".xml")):
                shutil.copyfile(src, dst)
                known[src] = (_stamp(src), _stamp(dst))
                continue
            with open(src, "rb") as fp:
                data = fp.read()
            key = digest(code, rel, siteurl, data)
            body = cache.get("latin", key)
            if body is None:
                # Read as text files are (universal newlines), written with "\n".
                text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
                body = _latin(name, text, rel, siteurl).encode("utf-8")
                cache.put("latin", key, body)
            _write_if_changed(dst, body)
            known[src] = (_stamp(src), _stamp(dst))
    _remove_others(target, written)


def _write_if_changed(path: str, body: bytes) -> None:
    """A devserver rebuild leaves the twins of unchanged pages as they are (same bytes either way)."""
    try:
        with open(path, "rb") as fp:
            if fp.read() == body:
                return
    except OSError:
        pass
    with open(path, "wb") as fp:
        fp.write(body)


def _remove_others(target: str, written: set[str]) -> None:
    """Nothing of an earlier run survives a page removed from kk/."""
    for folder, _dirs, files in os.walk(target, topdown=False):
        for name in files:
            if os.path.join(folder, name) not in written:
                os.remove(os.path.join(folder, name))
        if not os.listdir(folder):
            os.rmdir(folder)
