"""schema.org JSON-LD: a NewsArticle for each story, a Dataset for the page that offers the downloads.

What the data does not give is left out, never guessed. URLs are `{SITEURL}/{path}`
as everywhere in the theme (generator/urls.py).
"""

from __future__ import annotations

import json

from markupsafe import Markup
from pelican.contents import Article, Page

from .. import urls
from ..content.site_text import dataset_description
from ..data.model import Dataset
from ..data.records import Source, point
from ..i18n import Translator
from . import preview_images
from .downloads import DOWNLOAD_DIR, DOWNLOADS, LICENSE

DATASET_PAGE = "methodology"  # the page that offers the downloads


def dumps(data: dict) -> str:
    """JSON for a <script type="application/ld+json">: no content can end the script.

    json.dumps escapes quotes and backslashes; <, > and & become \\u escapes,
    which JSON parsers read back as the same characters.
    """
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(data: dict) -> Markup:
    """dumps(), marked safe for the template."""
    return Markup(dumps(data))


def _organisation(t: Translator, siteurl: str, lang: str) -> dict:
    return {
        "@type": "Organization",
        "name": t.gettext("Craft Cities of Kazakhstan"),
        "url": urls.join(siteurl, f"{lang}/"),
    }


def source_work(source: Source, lang: str) -> dict:
    """A news report as the data knows it: fields it does not give are left out, never guessed."""
    work: dict = {"@type": "NewsArticle", "inLanguage": source["language"]}
    if source["headline"]:
        work["headline"] = source["headline"]
    if source["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": source["outlet"][lang]}
    if source["author"]:
        work["author"] = {"@type": "Person", "name": source["author"]}
    if source["published"]:
        work["datePublished"] = source["published"]
    if source["url"]:
        work["url"] = source["url"]
    work["description"] = source["covers"][lang]  # required by the schema
    return work


def news_article(article: Article, siteurl: str, t: Translator) -> dict:
    """A story, as enriched by content/stories.py (its city and the sources it cites)."""
    lang = article.lang
    url = urls.join(siteurl, article.url)
    city = article.city
    lon, lat = point(city)
    org = _organisation(t, siteurl, lang)
    modified = article.last_change  # Modified, or a later correction (content/corrections.py)
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
            "logo": {"@type": "ImageObject", "url": urls.join(siteurl, preview_images.TOUCH_ICON)},
        },
        "image": [urls.join(siteurl, preview_images.og_image_path(city["id"]))],
        "about": {
            "@type": "Place",
            "name": city["name"][lang],
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": lat,
                "longitude": lon,
            },
        },
        "isAccessibleForFree": True,
        "citation": [source_work(s, lang) for s in article.citations.sources],
    }


def _media_type(name: str) -> str:
    return "text/csv" if name.endswith(".csv") else "application/json"


def dataset(page: Page, data: Dataset, siteurl: str, languages: list[str], t: Translator) -> dict:
    lang = page.lang
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": t.gettext("Craft Cities of Kazakhstan: the dataset"),
        "description": dataset_description(data, t),
        "url": urls.join(siteurl, page.url),
        "license": LICENSE["path"],
        "inLanguage": list(languages),  # every table carries both languages
        "isAccessibleForFree": True,
        "creator": _organisation(t, siteurl, lang),
        "spatialCoverage": {"@type": "Place", "name": t.gettext("Kazakhstan")},
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": _media_type(name),
                "contentUrl": urls.join(siteurl, f"{DOWNLOAD_DIR}/{name}"),
            }
            for name in DOWNLOADS
        ],
        "isBasedOn": [source_work(s, lang) for s in data.sources],
    }
