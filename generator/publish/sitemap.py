"""sitemap.xml: every page Pelican actually wrote, so it cannot miss or invent a page.

Pages are collected as Pelican writes them (`content_written`) and the file is
written when the build is done (`finalized`), with each page's hreflang cluster.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from pelican import Pelican

from .. import urls
from ..content.pages import this_page
from ..editions import EDITION, edition_url, with_edition
from .head import x_default

SITEMAP = "sitemap.xml"
KEY = "CRAFT_SITEMAP"  # where a run keeps its Sitemap (see start())


@dataclass
class SitemapEntry:
    url: str
    alternates: dict[str, str]
    x_default: str
    lastmod: str | None = None


class Sitemap:
    """Every page Pelican writes with a PageMeta (and the root chooser), in URL order."""

    def __init__(self) -> None:
        self.entries: dict[str, SitemapEntry] = {}

    def page_written(self, context: dict) -> None:
        name = context.get("output_file")
        if not name or not context.get("sitemap", True) or name.startswith("drafts/"):
            return
        meta = this_page(context).meta
        langs = context["LANGUAGES"]
        if meta is None:
            if name == "index.html":
                home = with_edition({code: f"{code}/" for code in langs})
                self.entries[""] = SitemapEntry("", home, "")
            return
        lastmod = None
        article = context.get("article")
        if article is not None and getattr(article, "date", None):
            # The story's latest change, a correction's included (content/corrections.py).
            lastmod = article.last_change.isoformat()
        entry = SitemapEntry(meta.url, dict(meta.alternates), x_default(meta, context["DEFAULT_LANG"]), lastmod)
        self.entries[meta.url] = entry
        twin = meta.alternates.get(EDITION)
        if twin and twin == edition_url(meta.url) and twin != meta.url:
            # The Latin twin is written from this page after the build (latin.py).
            self.entries[twin] = SitemapEntry(twin, entry.alternates, entry.x_default, lastmod)

    def xml(self, siteurl: str) -> str:
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        ]
        for url in sorted(self.entries):
            entry = self.entries[url]
            lines.append("  <url>")
            lines.append(f"    <loc>{xml_escape(urls.join(siteurl, entry.url))}</loc>")
            if entry.lastmod:
                lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
            links = [*entry.alternates.items(), ("x-default", entry.x_default)]
            for code, href in links:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(urls.join(siteurl, href))}/>'
                )
            lines.append("  </url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"


def start(context: dict, settings: dict) -> None:
    """A new, empty sitemap for the run whose generators get `context` and `settings`.

    It is kept in both: the run's context reaches the `content_written` handler,
    the Pelican instance's settings reach the `finalized` one. So two Pelican
    instances in one process, or two runs of one (`make devserver`), never share
    or inherit pages.
    """
    context[KEY] = settings[KEY] = Sitemap()


def page_written(path: str, context: dict) -> None:
    """content_written handler: note the page."""
    context[KEY].page_written(context)


def write(pelican: Pelican) -> None:
    """finalized handler: write sitemap.xml; the run's sitemap ends with it."""
    sitemap = pelican.settings.pop(KEY)
    path = os.path.join(pelican.output_path, SITEMAP)
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(sitemap.xml(pelican.settings["SITEURL"]))
