"""Being found and shared: social previews, schema.org JSON-LD, sitemap, robots.txt, 404.

Templates get `social()` (everything `_head_social.html` prints) and
`x_default(meta)`. A Pelican generator writes the og images, feeds,
robots.txt, .nojekyll and 404.html; the sitemap is written last, from every
page Pelican actually wrote, so it cannot miss or invent a page.

URLs are `{SITEURL}/{path}` as everywhere in the theme: absolute in the
published build (publishconf.py), relative in the development build.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican.generators import Generator

from ..content.pages import PageMeta, this_page
from ..content.site_text import dataset_description, site_description
from ..i18n import Translator, translators
from ..translit import to_latin
from . import feeds, social
from .downloads import DOWNLOAD_DIR, DOWNLOADS, LICENSE
from .latin import EDITION, edition_path, edition_url, with_edition

LOCALES = {"kk": "kk_KZ", EDITION: "kk_KZ", "ru": "ru_RU"}  # Open Graph wants language_TERRITORY
DATASET_PAGE = "methodology"  # the page that offers the downloads
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"


def _t(context: dict, lang: str) -> Translator:
    return translators(context)[lang]


def join_url(siteurl: str, path: str) -> str:
    """`{SITEURL}/{path}` as the templates write it."""
    return f"{siteurl}/{path}"


def is_home(meta: PageMeta) -> bool:
    return all(url == f"{edition_path(code)}/" for code, url in meta.alternates.items())


def x_default(meta: PageMeta, default_lang: str = "kk") -> str:
    """The page for readers of neither language: the chooser for the home pages,
    otherwise the default language's version. Either way it lists the same
    alternates back, so every hreflang pair is reciprocal."""
    if is_home(meta):
        return ""
    return meta.alternates.get(default_lang, meta.url)


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json">: no content can end the script.

    json.dumps escapes quotes and backslashes; <, > and & become \\u escapes,
    which JSON parsers read back as the same characters.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --- schema.org -------------------------------------------------------------


def _organisation(t: Translator, siteurl: str, lang: str) -> dict:
    return {
        "@type": "Organization",
        "name": t.gettext("Craft Cities of Kazakhstan"),
        "url": join_url(siteurl, f"{lang}/"),
    }


def source_work(source: dict, lang: str) -> dict:
    """A news report as the data knows it: fields it does not give are left out, never guessed."""
    work: dict = {"@type": "NewsArticle", "inLanguage": source["language"]}
    if source.get("headline"):
        work["headline"] = source["headline"]
    if source.get("outlet"):
        work["publisher"] = {"@type": "Organization", "name": source["outlet"][lang]}
    if source.get("author"):
        work["author"] = {"@type": "Person", "name": source["author"]}
    if source.get("published"):
        work["datePublished"] = source["published"]
    if source.get("url"):
        work["url"] = source["url"]
    if source.get("covers"):
        work["description"] = source["covers"][lang]
    return work


def news_article(article, siteurl: str, settings: dict) -> dict:
    lang = article.lang
    t = _t(settings, lang)
    url = join_url(siteurl, article.url)
    city = article.city
    org = _organisation(t, siteurl, lang)
    modified = getattr(article, "modified", None) or article.date
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.meta.description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": lang,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": org,
        "publisher": {
            **org,
            "logo": {"@type": "ImageObject", "url": join_url(siteurl, social.TOUCH_ICON)},
        },
        "image": [join_url(siteurl, social.og_image_path(city["id"]))],
        "about": {
            "@type": "Place",
            "name": city["name"][lang],
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": city["coordinates"]["lat"],
                "longitude": city["coordinates"]["lon"],
            },
        },
        "isAccessibleForFree": True,
        "citation": [source_work(s, lang) for s in article.citations.sources],
    }


def _media_type(name: str) -> str:
    return "text/csv" if name.endswith(".csv") else "application/json"


def dataset(page, data, siteurl: str, settings: dict) -> dict:
    lang = page.lang
    t = _t(settings, lang)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": t.gettext("Craft Cities of Kazakhstan: the dataset"),
        "description": dataset_description(data, t),
        "url": join_url(siteurl, page.url),
        "license": LICENSE["path"],
        "inLanguage": list(settings["LANGUAGES"]),  # every table carries both languages
        "isAccessibleForFree": True,
        "creator": _organisation(t, siteurl, lang),
        "spatialCoverage": {"@type": "Place", "name": t.gettext("Kazakhstan")},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": _media_type(name),
                "contentUrl": join_url(siteurl, f"{DOWNLOAD_DIR}/{name}"),
            }
            for name in DOWNLOADS
        ],
        "isBasedOn": [source_work(s, lang) for s in data.sources],
    }


# --- what _head_social.html prints -----------------------------------------


@dataclass
class Feed:
    lang: str
    path: str
    title: str


@dataclass
class Social:
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


def feed_path(lang: str) -> str:
    return f"{lang}/{feeds.FEED_NAME}"


def _feed(settings: dict, lang: str) -> Feed:
    t = _t(settings, lang)
    return Feed(lang, feed_path(lang), t.gettext("Stories (Atom feed)"))


@pass_context
def social_for_page(ctx: Context) -> Social:
    """The Social of the page being rendered; the root chooser (no PageMeta) is bilingual."""
    # Pelican puts the settings in every template's context, so ctx serves as them.
    langs = list(ctx["LANGUAGES"])
    siteurl = ctx["SITEURL"]
    meta = this_page(ctx).meta
    if meta is None:
        return _root_social(ctx, langs)
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
    result = Social(
        lang=lang,
        site_name=t.gettext("Craft Cities of Kazakhstan"),
        title=meta.title,
        description=meta.description,
        kind=meta.kind,
        url=meta.url,
        image=social.og_image_path(city_id),
        image_alt=alt,
        locale=LOCALES.get(lang, lang),
        locale_alternates=sorted(
            {LOCALES.get(code, code) for code in meta.alternates} - {LOCALES.get(lang, lang)}
        ),
        feeds=[_feed(ctx, lang)],
    )
    if city_id:
        result.published = article.date.isoformat()
        result.modified = (getattr(article, "modified", None) or article.date).isoformat()
        result.structured = json_ld(news_article(article, siteurl, ctx))
    elif page is not None and page.slug == DATASET_PAGE and ctx.get("craft") is not None:
        result.structured = json_ld(dataset(page, ctx["craft"], siteurl, ctx))
    return result


def _root_social(ctx: Context, langs: list[str]) -> Social:
    """The language chooser at the site root speaks both languages."""
    ts = [_t(ctx, code) for code in langs]
    names = " · ".join(t.gettext("Craft Cities of Kazakhstan") for t in ts)
    description = " ".join(site_description(ctx["craft"], t) for t in ts)
    lang = this_page(ctx).lang
    return Social(
        lang=lang,
        site_name=names,
        title=names,
        description=description,
        kind="website",
        url="",
        image=social.og_image_path(None),
        image_alt=" · ".join(t.gettext("Map of Kazakhstan with its craft cities marked") for t in ts),
        locale=LOCALES.get(lang, lang),
        locale_alternates=[LOCALES.get(code, code) for code in langs if code != lang],
        feeds=[_feed(ctx, code) for code in langs],
    )


# --- sitemap ----------------------------------------------------------------


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
            lastmod = (getattr(article, "modified", None) or article.date).isoformat()
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
            lines.append(f"    <loc>{xml_escape(join_url(siteurl, entry.url))}</loc>")
            if entry.lastmod:
                lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
            links = [*entry.alternates.items(), ("x-default", entry.x_default)]
            for code, href in links:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(join_url(siteurl, href))}/>'
                )
            lines.append("  </url>")
        lines.append("</urlset>")
        return "\n".join(lines) + "\n"


_sitemap = Sitemap()


def page_written(path: str, context: dict) -> None:
    _sitemap.page_written(context)


def write_sitemap(pelican) -> None:
    _write_text(pelican.output_path, SITEMAP, _sitemap.xml(pelican.settings["SITEURL"]))


def _write_text(output_path: str, name: str, text: str) -> None:
    path = os.path.join(output_path, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)


def robots_txt(siteurl: str) -> str:
    # Crawlers read robots.txt only at a host's root: under a project sub-path
    # this file is a pointer to the sitemap for tools, not a crawl rule.
    return f"User-agent: *\nAllow: /\n\nSitemap: {join_url(siteurl, SITEMAP)}\n"


class SeoGenerator(Generator):
    """Writes the files that are not pages: og images, icons, feeds, robots.txt, .nojekyll, 404."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A new run (also under `make regenerate`) starts an empty sitemap.
        global _sitemap
        _sitemap = Sitemap()

    def generate_context(self) -> None:
        pass

    def not_found_texts(self) -> dict[str, dict[str, str]]:
        texts = {}
        for lang in self.settings["LANGUAGES"]:
            t = _t(self.context, lang)
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

    def generate_output(self, writer) -> None:
        siteurl = self.settings["SITEURL"]
        data = self.context["craft"]
        social.write_images(data, self.output_path)
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


def generators(pelican) -> type[Generator]:
    return SeoGenerator
