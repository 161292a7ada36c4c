"""Which page is being rendered, and its metadata: language, URL, alternates, title."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pelican.contents import Content

from ..editions import with_edition


@dataclass
class PageMeta:
    """What <head> and the language switcher need to know about one page."""

    lang: str
    url: str  # relative to the site root, e.g. "kk/almaty/"
    title: str
    description: str
    alternates: dict[str, str]  # lang -> url of the same page in that language
    kind: str = "website"  # Open Graph type

    def __post_init__(self) -> None:
        # Every kk page has its twin in the Latin edition (latin.py writes it after the build).
        self.alternates = with_edition(self.alternates)


def alternate_urls(obj: Content, langs: list[str]) -> dict[str, str]:
    """lang -> url for a Pelican article or page and its translations."""
    found = {obj.lang: obj.url, **{t.lang: t.url for t in obj.translations}}
    return with_edition({lang: found[lang] for lang in langs if lang in found})


@dataclass(frozen=True)
class ThisPage:
    """Which page is being written and in which language: the one answer that templates,
    head tags, search marks, the sitemap and the build summary all use."""

    lang: str  # the site's default language for a page in none of them (root chooser, 404)
    meta: PageMeta | None  # None for the pages outside the languages (root chooser, 404)


def this_page(context: Mapping) -> ThisPage:
    """The page a Pelican writer's context (or a template's) is for.

    Its PageMeta is passed as `meta` (the site's own pages) or set on its
    article or page (stories.py); the language is the PageMeta's, else one
    passed as `lang` or its article's, else the site's default.
    """
    meta, lang = context.get("meta"), context.get("lang")
    for key in ("article", "page"):
        obj = context.get(key)
        if obj is not None:
            meta = meta or getattr(obj, "meta", None)
            lang = lang or getattr(obj, "lang", None)
    if meta is not None:
        return ThisPage(meta.lang, meta)
    return ThisPage(lang or context["DEFAULT_LANG"], None)


def end_sentence(text: str) -> str:
    """Close a sentence with a full stop unless it has one ("5 октября 2025 г.")."""
    return text + full_stop(text)


def full_stop(text: str) -> str:
    """The full stop `text` still needs ("" after "5 октября 2025 г."), for markup in between."""
    return "" if str(text).rstrip().endswith((".", "!", "?")) else "."
