"""A rebuild re-renders only the story and embed pages whose inputs changed.

Pelican's regenerate mode runs the whole build again in one process on every
save; at 1,000 cities that is 2,000 story pages and 6,000 embed pages for one
changed paragraph. This writer (Pelican's `get_writer` signal) skips rendering
a story page or an embed page when everything it can show is unchanged since
this Pelican instance last wrote it, and its file is still the one written:

- the *site*: every file under content/ other than the stories' text, every
  story's header (titles, dates and summaries reach other pages), the theme
  and its catalogs, the settings (but the output and cache folders), the
  package's code and the versions of the libraries that render pages;
- the page itself: its story's file and its translations' (a story page), or
  the graphic's id and language (an embed page, drawn from the data alone).

The same holds for the pages made from the site alone (SITE_PAGES: the
language chooser, the home pages, the story indexes and the corrections pages).
Every other page (methodology, search, 404) and file (feeds) is made on every
run, and a skipped page still reaches the sitemap and the summary
(`content_written`). The site's layouts (run_memo.py) are also kept
while the site's hash stays the same.

Between builds (`make html` too) the same key names the page in the build
cache (build_cache.py, folder `pages`): the HTML as written and the standalone
graphic files its rendering registered (graphic_files.py), so a page found
there is written and its graphics registered exactly as rendering would.
Only a page rendered without an error is stored; `tests/test_build_cache.py`
proves the site the same with the cache cold, warm and half deleted, and an
edited story the same as a fresh build's.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from ..build_cache import build_cache, digest, library_versions, package_version
from ..source_memo import KEY as MARKDOWN_READ
from .graphic_files import KEY as GRAPHIC_FILES

KEY = "CRAFT_REBUILD"  # in the settings: {"site": hash, "pages": {name: (key, size, mtime_ns)}, "memo": {...}}
# Pages that show the data, the settings and the stories' headers (titles, dates, summaries),
# never a story's text: the site's hash is everything they depend on.
SITE_PAGES = frozenset({"root.html", "home.html", "stories.html", "corrections.html"})
PAGES = "pages"  # the build cache's folder: a story or embed page and the graphic files it registered
# What renders the pages besides the package's own code; a new version of any is a new key.
LIBRARIES = ("pelican", "jinja2", "markupsafe", "markdown", "babel", "pyyaml", "folium", "branca")
# Settings that never reach a page: a build into another folder or with another cache finds the same pages.
NOT_ON_PAGES = frozenset({"OUTPUT_PATH", "BUILD_CACHE_DIR"})


def _header(data: bytes) -> bytes:
    """A story's metadata block: what Pelican reads before the first blank line."""
    return data.split(b"\n\n", 1)[0]


def site_hash(settings: dict) -> str:
    """A hash of everything a story or embed page may show besides its own story's text."""
    parts: list[bytes | str] = [package_version(), library_versions(*LIBRARIES)]
    parts += sorted(f"{k}={v!r}" for k, v in settings.items() if not k.startswith("CRAFT_") and k not in NOT_ON_PAGES)
    stories = [os.path.join(settings["PATH"], p) for p in settings["ARTICLE_PATHS"]]
    for root in (settings["PATH"], settings["THEME"]):
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                data = Path(path).read_bytes()
                in_stories = any(os.path.commonpath([path, s]) == s for s in stories)
                parts += [path, _header(data) if in_stories and name.endswith(".md") else data]
    return digest(*parts)


def start(settings: dict) -> dict:
    """At the start of a run: the site's hash; the layouts memo (run_memo.py) of the last run
    if the site is the same, else a new one, which this returns."""
    state = settings.setdefault(KEY, {"site": None, "pages": {}, "memo": {}})
    site = site_hash(settings)
    if site != state["site"]:
        state.update(site=site, memo={})
    return state["memo"]


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _file_hash(path: str, read: dict) -> bytes:
    """The SHA-256 of a story file's bytes: as this run's reader found them (source_memo.py), or read now."""
    known = read.get(path)
    return known[0] if known is not None else hashlib.sha256(Path(path).read_bytes()).digest()


def _page_key(site: str, name: str, template, relative_urls: bool, kwargs: dict, read: dict) -> str | None:
    article, embed = kwargs.get("article"), kwargs.get("embed")
    if article is not None:
        sources = [article.source_path, *sorted(t.source_path for t in article.translations)]
        return digest(site, name, template.name, str(relative_urls), *(_file_hash(p, read) for p in sources))
    if embed is not None:
        return digest(site, name, template.name, str(relative_urls), embed.id, embed.lang)
    if template.name in SITE_PAGES:
        return digest(site, name, template.name, str(relative_urls))
    return None


class RebuildWriter(Writer):
    """Pelican's writer, skipping a story or embed page whose inputs and file are unchanged,
    and writing it from the build cache when an earlier build rendered it from the same inputs."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):  # fmt: skip
        state = self.settings.get(KEY)
        read = self.settings.get(MARKDOWN_READ, {})
        key = _page_key(state["site"], name, template, relative_urls, kwargs, read) if state and name else None
        if key is None:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)  # fmt: skip
        path = sanitised_join(self.output_path, name)
        known = state["pages"].get(name)
        if known is not None and known[0] == key and known[1:] == _stamp(path):
            self._written(path, name, context, relative_urls, kwargs)
            return None
        state["pages"].pop(name, None)
        cache, graphics = build_cache(self.settings), context.get(GRAPHIC_FILES)
        entry = cache.get(PAGES, key)
        if entry is not None and graphics is not None:
            page = json.loads(zlib.decompress(entry))
            for gpath, text in sorted(page["graphics"].items()):
                graphics.add(gpath, text)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with self._open_w(path, "utf-8", override=override_output) as fp:
                fp.write(page["html"])
            self._written(path, name, context, relative_urls, kwargs)
        else:
            if graphics is not None:
                graphics.recording = {}
            try:
                super().write_file(name, template, context, relative_urls, paginated, template_name,
                                   override_output, url, **kwargs)  # fmt: skip
                if graphics is not None:
                    with open(path, encoding="utf-8", newline="") as fp:  # the bytes as written
                        page = {"html": fp.read(), "graphics": graphics.recording}
                    cache.put(PAGES, key, zlib.compress(json.dumps(page).encode("utf-8"), 1))
            finally:
                if graphics is not None:
                    graphics.recording = None
        state["pages"][name] = (key, *(_stamp(path) or (None, None)))
        return None

    @staticmethod
    def _written(path: str, name: str, context: dict, relative_urls: bool, kwargs: dict) -> None:
        """What Pelican does after writing a page, for a page not rendered: the same local
        context it would render with goes to the sitemap and the summary (content_written)."""
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
            context["localsiteurl"] = local["localsiteurl"]  # as Pelican's _write_file leaves it
        local["output_file"] = name
        local.update(kwargs)
        signals.content_written.send(path, context=local)


def writer(pelican) -> type[Writer]:
    """For Pelican's get_writer signal (generator/__init__.py's handler table)."""
    return RebuildWriter
