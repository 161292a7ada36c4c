"""What a page's <head> tells crawlers and link previews, beyond its title.

Templates get `social()` (everything `_head_social.html` prints: Open Graph,
Twitter card, feed links, JSON-LD from jsonld.py) and `x_default(meta)` (the
hreflang x-default link). URLs are site-relative here; the template puts
`{{ SITEURL }}/` before them.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from ..content.pages import PageMeta, this_page
from ..content.site_text import site_description
from ..editions import EDITION, edition_path
from ..i18n import Translator, translators
from . import jsonld, preview_images
from .feeds import feed_path

LOCALES = {"kk": "kk_KZ", EDITION: "kk_KZ", "ru": "ru_RU"}  # Open Graph wants language_TERRITORY


def _t(context: dict, lang: str) -> Translator:
    return translators(context)[lang]


def is_home(meta: PageMeta) -> bool:
    return all(url == f"{edition_path(code)}/" for code, url in meta.alternates.items())


def x_default(meta: PageMeta, default_lang: str = "kk") -> str:
    """The page for readers of neither language: the chooser for the home pages,
    otherwise the default language's version. Either way it lists the same
    alternates back, so every hreflang pair is reciprocal."""
    if is_home(meta):
        return ""
    return meta.alternates.get(default_lang, meta.url)


@pass_context
def x_default_for_page(ctx: Context, meta: PageMeta) -> str:
    """The template global `x_default(meta)`."""
    return x_default(meta, ctx["DEFAULT_LANG"])


@dataclass
class Feed:
    lang: str
    path: str
    title: str


@dataclass
class PageHead:
    """Open Graph, Twitter card, feed links and JSON-LD of one page (URLs relative to SITEURL)."""

    lang: str
    site_name: str
    title: str
    description: str
    kind: str  # og:type
    url: str
    image: str
    image_alt: str
    locale: str
    locale_alternates: list[str]
    feeds: list[Feed]
    published: str | None = None
    modified: str | None = None
    structured: Markup | None = None


def _feed(context: dict, lang: str) -> Feed:
    t = _t(context, lang)
    return Feed(lang, feed_path(lang), t.gettext("Stories (Atom feed)"))


@pass_context
def page_head(ctx: Context) -> PageHead:
    """The template global `social()`: the PageHead of the page being rendered;
    the root chooser (no PageMeta) is bilingual."""
    # Pelican puts the settings in every template's context, so ctx serves as them.
    langs = list(ctx["LANGUAGES"])
    siteurl = ctx["SITEURL"]
    meta = this_page(ctx).meta
    if meta is None:
        return _root_head(ctx, langs)
    lang = meta.lang
    t = _t(ctx, lang)
    article = ctx.get("article")
    page = ctx.get("page")
    city_id = article.city["id"] if article is not None and hasattr(article, "city") else None
    if city_id:
        city_name = article.city["name"][lang]
        alt = t.gettext("Map of Kazakhstan with %(city)s marked", city=city_name)
    else:
        alt = t.gettext("Map of Kazakhstan with its craft cities marked")
    result = PageHead(
        lang=lang,
        site_name=t.gettext("Craft Cities of Kazakhstan"),
        title=meta.title,
        description=meta.description,
        kind=meta.kind,
        url=meta.url,
        image=preview_images.og_image_path(city_id),
        image_alt=alt,
        locale=LOCALES.get(lang, lang),
        locale_alternates=sorted(
            {LOCALES.get(code, code) for code in meta.alternates} - {LOCALES.get(lang, lang)}
        ),
        feeds=[_feed(ctx, lang)],
    )
    if city_id:
        result.published = article.date.isoformat()
        result.modified = article.last_change.isoformat()  # a correction's date included
        result.structured = jsonld.json_ld(jsonld.news_article(article, siteurl, t))
    elif page is not None and page.slug == jsonld.DATASET_PAGE and ctx.get("craft") is not None:
        data = jsonld.dataset(page, ctx["craft"], siteurl, ctx["LANGUAGES"], t)
        result.structured = jsonld.json_ld(data)
    return result


def _root_head(ctx: Context, langs: list[str]) -> PageHead:
    """The language chooser at the site root speaks both languages."""
    ts = [_t(ctx, code) for code in langs]
    names = " · ".join(t.gettext("Craft Cities of Kazakhstan") for t in ts)
    description = " ".join(site_description(ctx["craft"], t) for t in ts)
    lang = this_page(ctx).lang
    return PageHead(
        lang=lang,
        site_name=names,
        title=names,
        description=description,
        kind="website",
        url="",
        image=preview_images.og_image_path(None),
        image_alt=" · ".join(t.gettext("Map of Kazakhstan with its craft cities marked") for t in ts),
        locale=LOCALES.get(lang, lang),
        locale_alternates=[LOCALES.get(code, code) for code in langs if code != lang],
        feeds=[_feed(ctx, code) for code in langs],
    )
