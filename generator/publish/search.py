"""Search, the site's side: the search page per language and the marks that tell Pagefind
what to index. generator/publish/search_index.py runs Pagefind over the finished site.

Only pages marked with `search_attrs()` are indexed: stories, Markdown pages (the data
page among them) and the story list. Russian uses Pagefind's own stemming; Kazakh has
none, so on Kazakh pages the query goes through theme/static/js/kk-query.js.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from pelican.generators import Generator
from pelican.writers import Writer

from ..content.pages import PageMeta
from ..i18n import Translator, translators

BUNDLE = "pagefind"  # Pagefind's folder in the site
NORMALISED = ("kk",)  # languages without a Pagefind stemmer, searched through kk-query.js


def words_file(lang: str) -> str:
    return f"words-{lang}.json"


def search_attrs(title: str, section: str) -> Markup:
    """Attributes for the element holding a page's indexable text: Pagefind indexes it and
    shows `title` and `section` with each result (taken from attributes, so any text is safe)."""
    return Markup(
        'data-pagefind-body data-pagefind-meta="title[data-search-title], section[data-search-section]" '
        f'data-search-title="{escape(title)}" data-search-section="{escape(section)}"'
    )


def ui_texts(t: Translator) -> dict[str, str]:
    """What search.js says, in the page's language (placeholders filled in by the script)."""
    return {
        "found": t.gettext("Results found: %(num)s.", num="%(num)s"),
        "first": t.gettext("The first %(shown)s are shown.", shown="%(shown)s"),
        "nothing": t.gettext("Nothing found for “%(query)s”.", query="%(query)s"),
        "failed": t.gettext("Search could not be loaded. Please try again later."),
    }


class SearchPageGenerator(Generator):
    """Writes /{lang}/search/: the search form, and every story and page for readers without JavaScript."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Writer) -> None:
        langs = self.settings["LANGUAGES"]
        articles = self.context.get("articles", [])
        pages = self.context.get("pages", [])
        urls = {code: f"{code}/search/" for code in langs}
        for lang in langs:
            t = translators(self.context)[lang]
            meta = PageMeta(
                lang,
                urls[lang],
                t.gettext("Search"),
                t.gettext("Search the stories and pages of the site."),
                urls,
            )
            in_lang = [
                a for a in (*articles, *(tr for a in articles for tr in a.translations)) if a.lang == lang
            ]
            listed_pages = [
                p for p in (*pages, *(tr for p in pages for tr in p.translations)) if p.lang == lang
            ]
            writer.write_file(
                f"{lang}/search/index.html",
                self.get_template("search"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                meta=meta,
                lang=lang,
                search_stories=sorted(in_lang, key=lambda a: a.title),
                search_pages=sorted(listed_pages, key=lambda p: p.title),
                search_texts=ui_texts(t),
                search_words=words_file(lang) if lang in NORMALISED else "",
                search_bundle=BUNDLE,
            )


def generators(pelican) -> type[Generator]:
    return SearchPageGenerator
