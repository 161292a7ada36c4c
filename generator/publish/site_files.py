"""The files that are not pages: preview images and icons, feeds, robots.txt, .nojekyll, 404.html.

(sitemap.xml is written last, from every page written: sitemap.py.)
"""

from __future__ import annotations

import os

from pelican.generators import Generator
from pelican.writers import Writer

from .. import urls
from ..build_cache import build_cache
from ..editions import EDITION, with_edition
from ..i18n import Translator, translators
from ..translit import to_latin
from . import feeds, preview_images, sitemap

NOT_FOUND = "404.html"


def _write_text(output_path: str, name: str, text: str) -> None:
    path = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)


def robots_txt(siteurl: str) -> str:
    # Crawlers read robots.txt only at a host's root: under a project sub-path
    # this file is a pointer to the sitemap for tools, not a crawl rule.
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.join(siteurl, sitemap.SITEMAP)}\n"


IMAGES_MEMO = "CRAFT_PREVIEW_FILES"


class SiteFilesGenerator(Generator):
    """Writes the files that are not pages: og images, icons, feeds, robots.txt, .nojekyll, 404."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Every run, `make regenerate`'s too, makes its generators anew: a new run, a new sitemap.
        sitemap.start(self.context, self.settings)

    def generate_context(self) -> None:
        pass

    def _t(self, lang: str) -> Translator:
        return translators(self.context)[lang]

    def not_found_texts(self) -> dict[str, dict[str, str]]:
        texts = {}
        for lang in self.settings["LANGUAGES"]:
            t = self._t(lang)
            texts[lang] = {
                "title": t.gettext("Page not found"),
                "explain": t.gettext(
                    "There is no page at this address. It may have moved, or the address may be mistyped."
                ),
                "home": t.gettext("Home page"),
                "stories": t.gettext("Stories"),
                "data": t.gettext("Data and method"),
            }
            if EDITION in with_edition({lang: ""}):
                texts[EDITION] = {key: to_latin(text) for key, text in texts[lang].items()}
        return texts

    def generate_output(self, writer: Writer) -> None:
        siteurl = self.settings["SITEURL"]
        data = self.context["craft"]
        memo = self.settings.setdefault(IMAGES_MEMO, {})  # make devserver: pictures left as written
        preview_images.write_images(data, self.output_path, build_cache(self.settings), memo)
        feeds.write_feeds(
            self.context["stories_by_lang"], self.settings, self.output_path, translators(self.context)
        )
        _write_text(self.output_path, "robots.txt", robots_txt(siteurl))
        # GitHub Pages: serve the files as they are (no Jekyll), for `make github`'s branch too.
        _write_text(self.output_path, ".nojekyll", "")
        # GitHub serves 404.html for a missing URL at any depth, so in the
        # published build (absolute SITEURL) its links are absolute. The
        # development build has no address to be absolute to: there it links
        # relatively like every other page, which works at /404.html under any
        # sub-path (development servers do not serve it for missing URLs).
        writer.write_file(
            NOT_FOUND,
            self.get_template("404"),
            self.context,
            relative_urls=not siteurl,
            texts=self.not_found_texts(),
            sitemap=False,
        )


def generators(pelican: object) -> type[Generator]:
    """For Pelican's get_generators signal (generator/__init__.py's handler table)."""
    return SiteFilesGenerator
