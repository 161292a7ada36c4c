"""Markdown read once per process: `make devserver` re-reads only the files that changed.

Pelican's regenerate mode (`pelican -r`) runs the whole build again in the same
process on every save, reading every story afresh: at 1,000 cities, 2,000
Markdown files for one changed paragraph. Pelican's own content cache would
keep them on disk between processes too, but it does not notice a change to the
Markdown settings and pickles the settings; this memo lives on the Pelican
instance (its settings, which every run of it shares) and is keyed by the
file's bytes, so `make html`, a fresh process, always reads everything, and a
changed file is read again whatever its time stamp says.
"""

from __future__ import annotations

import hashlib

from pelican.readers import MarkdownReader

KEY = "CRAFT_MARKDOWN_READ"  # in the settings: path -> (sha256 of the bytes, (content, metadata))


class RememberingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, its result kept for the same bytes at the same path."""

    def read(self, source_path):
        with open(source_path, "rb") as fp:
            stamp = hashlib.sha256(fp.read()).digest()
        memo = self.settings.setdefault(KEY, {})
        known = memo.get(source_path)
        if known is None or known[0] != stamp:
            known = memo[source_path] = (stamp, super().read(source_path))
        content, metadata = known[1]
        # A fresh dict (and lists) per read: Pelican and the plugin may change what they get.
        return content, {k: list(v) if isinstance(v, list) else v for k, v in metadata.items()}


def use_remembering_reader(readers) -> None:
    """readers_init: read Markdown through the memo (every extension Pelican reads as Markdown)."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[ext] = RememberingMarkdownReader
