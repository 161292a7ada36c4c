"""Markdown converted once: kept per process (`make devserver`) and between builds (the build cache).

Pelican's regenerate mode (`pelican -r`) runs the whole build again in the same
process on every save, reading every story afresh: at 1,000 cities, 2,000
Markdown files for one changed paragraph. Pelican's own content cache would
keep them on disk between processes too, but it does not notice a change to the
Markdown settings and pickles the settings. So two layers of our own:

- within a process, a memo on the Pelican instance (its settings, which every
  run of it shares), keyed by the file's bytes: a changed file is read again
  whatever its time stamp says;
- between builds, the build cache (build_cache.py) keeps what Markdown made of
  a file (the HTML, the raw `Meta` and the HTML of each formatted field), keyed
  by the file's bytes, the Markdown settings and the versions of Python-Markdown,
  Pelican and this package. Pelican's metadata processing (dates, tags,
  authors: objects that carry the settings) runs on the cached `Meta` every
  time, through Pelican's own code, so its warnings and errors are the same
  whether the entry was found or made.
"""

from __future__ import annotations

import hashlib
import json

from pelican.readers import Markdown, MarkdownReader, pelican_open

from .build_cache import build_cache, digest, library_versions, package_version

KEY = "CRAFT_MARKDOWN_READ"  # in the settings: path -> (sha256 of the bytes, (content, metadata))
KIND = "markdown"  # the build cache's folder for converted Markdown


class _Recorder:
    """Markdown as Pelican's `_parse_metadata` uses it, noting what each formatted field became."""

    def __init__(self, md: Markdown | None, converted: dict[str, str]) -> None:
        self.md, self.converted = md, converted
        self.preprocessors = self  # `_parse_metadata` deregisters the meta preprocessor

    def deregister(self, name: str) -> None:
        if self.md is not None:
            self.md.preprocessors.deregister(name)

    def reset(self) -> None:
        if self.md is not None:
            self.md.reset()

    def convert(self, text: str) -> str:
        if text not in self.converted:  # a miss (a cached entry holds every field it needs)
            self.converted[text] = self.md.convert(text)
        return self.converted[text]


class RememberingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, its result kept for the same bytes at the same path."""

    def _cache_key(self, data: bytes) -> str:
        if not hasattr(self, "_key_prefix"):
            conf = json.dumps([self.settings["MARKDOWN"], self.settings["FORMATTED_FIELDS"]], sort_keys=True, default=repr)
            self._key_prefix = digest(conf, library_versions("markdown", "pelican"), package_version())
        return digest(self._key_prefix, data)

    def _convert(self, source_path: str, data: bytes):
        """(content, metadata), the Markdown part from the build cache when it has it."""
        cache = build_cache(self.settings)
        key = self._cache_key(data)
        entry = cache.get(KIND, key)
        known = json.loads(entry) if entry is not None else None
        self._source_path = source_path
        if known is None:
            self._md = Markdown(**self.settings["MARKDOWN"])
            with pelican_open(source_path) as text:
                content = self._md.convert(text)
            meta = getattr(self._md, "Meta", None)
            converted: dict[str, str] = {}
            self._md = _Recorder(self._md, converted)
            metadata = self._parse_metadata(meta) if meta is not None else {}
            # Stored only once the whole file is read: a file Pelican refuses is read again next build.
            cache.put(KIND, key, json.dumps({"content": content, "meta": meta, "converted": converted}).encode())
            return content, metadata
        self._md = _Recorder(None, known["converted"])
        meta = known["meta"]
        return known["content"], (self._parse_metadata(meta) if meta is not None else {})

    def read(self, source_path):
        with open(source_path, "rb") as fp:
            data = fp.read()
        stamp = hashlib.sha256(data).digest()
        memo = self.settings.setdefault(KEY, {})
        known = memo.get(source_path)
        if known is None or known[0] != stamp:
            known = memo[source_path] = (stamp, self._convert(source_path, data))
        content, metadata = known[1]
        # A fresh dict (and lists) per read: Pelican and the plugin may change what they get.
        return content, {k: list(v) if isinstance(v, list) else v for k, v in metadata.items()}


def use_remembering_reader(readers) -> None:
    """readers_init: read Markdown through the memo (every extension Pelican reads as Markdown)."""
    for ext, cls in list(readers.reader_classes.items()):
        if cls is MarkdownReader:
            readers.reader_classes[ext] = RememberingMarkdownReader
