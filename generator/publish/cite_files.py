"""Issue 16, "Cite this": the dataset as BibTeX and CSL-JSON, one pair per language, under data/.

They describe the dataset rather than hold it, so they are listed on the data
page beside the downloads but are not resources of datapackage.json nor
distributions of the JSON-LD Dataset. Title, publisher, address and date are
the ones the data page's own citation shows (content/cite.py). The development
build does not know its address: its files leave the URL out rather than give
one that leads nowhere.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .. import urls
from ..content.cite import Citation, changed, citation, published_siteurl, shown_date
from ..content.site_text import dataset_description
from ..i18n import Translator, translators
from .downloads import DOWNLOAD_DIR, LICENSE
from .jsonld import DATASET_PAGE

# biblatex/babel language names.
BIB_LANGUAGES = {"kk": "kazakh", "ru": "russian"}
_BIB_SPECIAL = re.compile(r"([\\{}$&%#_^~])")
_BIB_REPLACE = {"\\": r"\textbackslash{}", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def cite_files(lang: str) -> list[str]:
    """The citation files of `lang` under data/, as the data page lists them."""
    return [f"craft-cities.{lang}.bib", f"craft-cities.{lang}.csl.json"]


@dataclass(frozen=True)
class DatasetCitation:
    lang: str
    title: str
    publisher: str
    description: str
    date: dt.date
    url: str  # "" in a development build


def dataset_citation(
    t: Translator, description: str, date: dt.date, siteurl: str, page_path: str
) -> DatasetCitation:
    return DatasetCitation(
        t.lang,
        t.gettext("Craft Cities of Kazakhstan: the dataset"),
        t.gettext("Craft Cities of Kazakhstan"),
        description,
        date,
        urls.join(siteurl, page_path) if siteurl else "",
    )


def bib_escape(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX's special characters escaped, so braces stay balanced."""
    return _BIB_SPECIAL.sub(lambda m: _BIB_REPLACE.get(m.group(1), "\\" + m.group(1)), text)


def bibtex(c: DatasetCitation) -> str:
    fields = [
        # Double braces: a corporate author and a title kept exactly as written.
        ("author", "{" + bib_escape(c.publisher) + "}"),
        ("title", "{" + bib_escape(c.title) + "}"),
        ("publisher", bib_escape(c.publisher)),
        ("year", str(c.date.year)),
        ("month", str(c.date.month)),
        ("date", c.date.isoformat()),
        ("language", BIB_LANGUAGES.get(c.lang, c.lang)),
        ("note", bib_escape(f"{LICENSE['title']}, {LICENSE['path']}")),
    ]
    if c.url:
        fields.insert(5, ("url", bib_escape(c.url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{craft-cities-of-kazakhstan-{c.lang},\n{body}\n}}\n"


def csl_json(c: DatasetCitation) -> list[dict]:
    """One CSL-JSON item (https://github.com/citation-style-language/schema, csl-data.json)."""
    item: dict = {
        "id": f"craft-cities-of-kazakhstan-{c.lang}",
        "type": "dataset",
        "title": c.title,
        "publisher": c.publisher,
        "author": [{"literal": c.publisher}],
        "abstract": c.description,
        "issued": {"date-parts": [[c.date.year, c.date.month, c.date.day]]},
        "language": c.lang,
        "license": LICENSE["path"],
    }
    if c.url:
        item["URL"] = c.url
    return [item]


def write_cite_files(output_path: str, citations: list[DatasetCitation]) -> None:
    folder = os.path.join(output_path, DOWNLOAD_DIR)
    os.makedirs(folder, exist_ok=True)
    for c in citations:
        bib_name, csl_name = cite_files(c.lang)
        texts = {bib_name: bibtex(c), csl_name: json.dumps(csl_json(c), ensure_ascii=False, indent=2) + "\n"}
        for name, text in texts.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fp:
                fp.write(text)


def data_pages(context: dict) -> dict[str, object]:
    """lang -> the data page (the one offering the downloads), in each language that has it."""
    pages = [*context.get("pages", []), *(t for p in context.get("pages", []) for t in p.translations)]
    return {p.lang: p for p in pages if p.slug == DATASET_PAGE}


def dataset_citations(context: dict, settings: dict) -> list[DatasetCitation]:
    """The dataset's citation in each language with a data page (none without a dated story)."""
    date = context.get("dataset_date")
    if date is None:
        return []
    siteurl = published_siteurl(settings["SITEURL"], settings["RELATIVE_URLS"])
    out = []
    for lang, page in sorted(data_pages(context).items()):
        t = translators(context)[lang]
        out.append(dataset_citation(t, dataset_description(context["craft"], t), date, siteurl, page.url))
    return out


def page_citation(context: Mapping, t: Translator) -> Citation | None:
    """The citation a story or the data page shows (template global `how_to_cite`); None elsewhere."""
    siteurl = published_siteurl(context["SITEURL"], context["RELATIVE_URLS"])
    article, page = context.get("article"), context.get("page")
    if article is not None and getattr(article, "city", None) is not None:
        date = shown_date(article.date, changed(article))
        return citation(article.title, article.url, date, siteurl, t)
    if page is not None and page.slug == DATASET_PAGE and context.get("dataset_date") is not None:
        title = t.gettext("Craft Cities of Kazakhstan: the dataset")
        found = citation(title, page.url, context["dataset_date"], siteurl, t)
        return replace(found, files=tuple(cite_files(page.lang)))
    return None
