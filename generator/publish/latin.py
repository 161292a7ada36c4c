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
from ..editions import DIR, EDITION, SOURCE, edition_path, edition_url, name_lang
from .latin_text import feed_to_latin, page_to_latin

__all__ = ["edition_path", "name_lang", "svg_to_latin", "write_edition"]


def svg_to_latin(text: str, page: str, siteurl: str) -> str:
    """A standalone SVG of the kk pages as its kk-latn twin: its text in Latin, marked kk-Latn."""
    return page_to_latin(text, page, siteurl).replace(f'xml:lang="{SOURCE}"', f'xml:lang="{EDITION}"', 1)


def write_edition(output_path: str, siteurl: str) -> None:
    """Write kk-latn/ from kk/ in a built site."""
    source = os.path.join(output_path, SOURCE)
    target = os.path.join(output_path, DIR)
    if os.path.isdir(target):
        shutil.rmtree(target)  # nothing of an earlier run survives a page removed from kk/
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            src = os.path.join(folder, name)
            rel = os.path.relpath(src, output_path).replace(os.sep, "/")
            out_rel = edition_url(rel)
            dst = os.path.join(output_path, *out_rel.split("/"))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if name.endswith(".html"):
                with open(src, encoding="utf-8") as fp:
                    text = page_to_latin(fp.read(), rel, siteurl)
            elif name.endswith(".svg"):  # a graphic's own file (graphic_files.py): its text
                with open(src, encoding="utf-8") as fp:
                    text = svg_to_latin(fp.read(), rel, siteurl)
            elif name.endswith(".xml"):
                with open(src, encoding="utf-8") as fp:
                    text = feed_to_latin(fp.read(), rel, siteurl)
            else:
                shutil.copyfile(src, dst)
                continue
            with open(dst, "w", encoding="utf-8", newline="\n") as fp:
                fp.write(text)
