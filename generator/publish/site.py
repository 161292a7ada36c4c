"""The Pelican generator for everything that is not a Markdown story or page:
the root language chooser, home pages and story indexes per language."""

from __future__ import annotations

from pelican.generators import Generator
from pelican.writers import Writer

from ..content.cite import newest_date
from ..content.corrections import corrections_page
from ..content.home import home_view
from ..content.pages import PageMeta
from ..content.site_text import site_description
from ..editions import EDITION, SOURCE, edition_path
from ..i18n import Translator, translators
from ..maps.assets import copy_map_assets
from ..run_memo import remember
from ..translit import to_latin
from .cite_files import data_pages, dataset_citations, write_cite_files
from .downloads import DOWNLOADS, download_files, write_downloads


class CraftCitiesGenerator(Generator):
    """Writes the site's own pages from content/data, which the plugin loads and
    checks into `context["craft"]` before any generator reads content (preflight.py)."""

    def generate_context(self) -> None:
        langs = self.settings["LANGUAGES"]
        articles = self.context["articles"]
        stories = {
            lang: sorted(
                (a for a in [*articles, *(t for a in articles for t in a.translations)] if a.lang == lang),
                key=lambda a: a.city["name"][lang],
            )
            for lang in langs
        }
        self.context["stories_by_lang"] = stories
        self.context["downloads"] = DOWNLOADS
        # Issue 16, "Cite this": the dataset's date is the newest one the site shows.
        self.context["dataset_date"] = newest_date(
            [*(s for lang in langs for s in stories[lang]), *data_pages(self.context).values()]
        )

    def _t(self, lang: str) -> Translator:
        return translators(self.context)[lang]

    def _write(self, writer: Writer, save_as: str, template: str, meta: PageMeta | None, **kwargs) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            meta=meta,
            lang=meta.lang if meta else None,
            **kwargs,
        )

    def generate_output(self, writer: Writer) -> None:
        langs = self.settings["LANGUAGES"]
        # Made from the data alone: a devserver's run memo keeps them while the site is the same.
        files = remember(self.context, ("downloads",), lambda: download_files(self.context["craft"]))
        write_downloads(files, self.output_path)
        write_cite_files(self.output_path, dataset_citations(self.context, self.settings))
        copy_map_assets(self.output_path)
        choices = [
            {
                "lang": lang,
                "language": self.settings["LANGUAGE_NAMES"][lang],
                "sitename": self._t(lang).gettext("Craft Cities of Kazakhstan"),
                "description": site_description(self.context["craft"], self._t(lang)),
            }
            for lang in langs
        ]
        # The Latin edition, right after Cyrillic Kazakh: its texts are the kk ones in Latin.
        for i, choice in enumerate(list(choices)):
            if choice["lang"] == SOURCE:
                latin = {key: to_latin(value) for key, value in choice.items() if key != "lang"}
                choices.insert(i + 1, {**latin, "lang": EDITION, "language": self.settings["LANGUAGE_NAMES"][EDITION]})
        for choice in choices:
            choice["path"] = edition_path(choice["lang"])
        self._write(writer, "index.html", "root", None, choices=choices)
        for lang in langs:
            t = self._t(lang)
            home = {code: f"{code}/" for code in langs}
            self._write(
                writer,
                f"{lang}/index.html",
                "home",
                PageMeta(
                    lang,
                    home[lang],
                    t.gettext("Craft Cities of Kazakhstan"),
                    site_description(self.context["craft"], t),
                    home,
                ),
                stories=self.context["stories_by_lang"][lang],
                home=home_view(self.context["craft"], self.context["stories_by_lang"][lang], t),
            )
            index = {code: f"{code}/stories/" for code in langs}
            self._write(
                writer,
                f"{lang}/stories/index.html",
                "stories",
                PageMeta(
                    lang,
                    index[lang],
                    t.gettext("Stories"),
                    t.gettext(
                        "One story for each craft city, written from the news reports and cited to them."
                    ),
                    index,
                ),
                stories=self.context["stories_by_lang"][lang],
            )
            # Issue 16, part 1: the corrections page, listed in the sitemap through its meta.
            fixes = {code: f"{code}/corrections/" for code in langs}
            listed = corrections_page(self.context["craft"], self.context["stories_by_lang"][lang], lang)
            self._write(
                writer,
                f"{lang}/corrections/index.html",
                "corrections",
                PageMeta(
                    lang,
                    fixes[lang],
                    t.gettext("Corrections and updates"),
                    t.gettext(
                        "Every correction and update made to the stories after they were published, newest first."
                    ),
                    fixes,
                ),
                corrections=listed,
            )
