"""Checks and enrichment of the Markdown stories and pages after Pelican reads them."""

from __future__ import annotations

import os

from markupsafe import Markup

from ..checks.stories import marker_problems, parity_problems
from ..data.model import Dataset
from ..errors import ContentError, problem
from ..i18n import Translators
from .citations import Citations, render_markers
from .pages import PageMeta, alternate_urls


def _display(obj, settings) -> str:
    return os.path.join("content", os.path.relpath(obj.source_path, settings["PATH"]))


def all_versions(objects: list, translations: list) -> list:
    return sorted([*objects, *translations], key=lambda o: (o.lang, o.slug))


def check_translations(objects: list, settings: dict, kind: str) -> list[str]:
    """Every story and page exists in every language, with a known language."""
    langs = settings["LANGUAGES"]
    problems = []
    by_slug: dict[str, dict[str, object]] = {}
    for obj in objects:
        if obj.lang not in langs:
            problems.append(
                problem(
                    _display(obj, settings),
                    None,
                    "lang",
                    f"unknown language '{obj.lang}'; expected one of {', '.join(langs)}",
                )
            )
            continue
        by_slug.setdefault(obj.slug, {})[obj.lang] = obj
    for slug, versions in sorted(by_slug.items()):
        for lang in langs:
            if lang not in versions:
                have = _display(next(iter(versions.values())), settings)
                # The missing file sits where the existing one does, in the language's folder.
                folder, name = os.path.split(have)
                wanted = os.path.join(os.path.dirname(folder), lang, slug + os.path.splitext(name)[1])
                problems.append(
                    problem(have, None, "translation", f"this {kind} has no {lang} version: add {wanted}")
                )
    return problems


def check_markers(objects: list, data: Dataset, settings: dict) -> list[str]:
    """Language versions give the same figures and sources; no footnote is printed twice."""
    problems: list[str] = []
    by_slug: dict[str, dict[str, tuple[str, str]]] = {}
    for obj in objects:
        if obj.lang in settings["LANGUAGES"]:
            by_slug.setdefault(obj.slug, {})[obj.lang] = (_display(obj, settings), obj._content)
    for slug in sorted(by_slug):
        versions = dict(sorted(by_slug[slug].items(), key=lambda kv: settings["LANGUAGES"].index(kv[0])))
        for display, text in versions.values():
            problems += marker_problems(text, display, data)
        problems += parity_problems(versions, data)
    return problems


def enrich_stories(articles: list, data: Dataset, settings: dict, translators: Translators) -> None:
    """Tie each story to its city, render its figures and citations, set its PageMeta."""
    problems = check_translations(articles, settings, "story") + check_markers(articles, data, settings)
    slugs = {a.slug for a in articles}
    written = {(a.slug, a.lang) for a in articles}  # a set: cities x stories grows quadratically
    for city in data.cities:
        for lang in settings["LANGUAGES"]:
            if (city["id"], lang) not in written:
                problems.append(
                    problem(
                        "content/data/cities.yaml",
                        f"city '{city['id']}'",
                        "id",
                        f"has no {lang} story: add content/stories/{lang}/{city['id']}.md",
                    )
                )
    for article in articles:
        where = _display(article, settings)
        if article.lang not in settings["LANGUAGES"]:
            continue  # already reported by check_translations
        if article.slug not in data.city_by_id:
            problems.append(
                problem(
                    where,
                    None,
                    "slug",
                    f"names unknown city '{article.slug}'; the file name must be a city id from content/data/cities.yaml ({', '.join(sorted(data.city_by_id))})",
                )
            )
            continue
        if article.slug not in slugs:
            continue
        t = translators[article.lang]
        article.city = data.city_by_id[article.slug]
        article.citations = Citations()
        # Number sources in the order the page shows them: key figures first,
        # then the narrative, then the data blocks below it.
        for fig in article.city["figures"]:
            _number_all(article.citations, fig["sources"], data)
        article._content, found = render_markers(
            article._content, article.lang, data, t, where, article.citations
        )
        problems += found
        city_id = article.slug
        # A status cites its award, then each report's wording, then its date's reports
        # (article.html), so the head's JSON-LD lists every source the page shows.
        statuses = [
            {"sources": [*st["sources"], *(s for w in st.get("wordings", []) for s in w["sources"]),
                         *st.get("date_sources", [])]}
            for st in article.city["statuses"]
        ]  # fmt: skip
        blocks = [
            *(c for d in data.disputes_for(city_id) for c in d["claims"]),
            *statuses,
            *data.events_for(city_id),
            *article.city["crafts"],
        ]
        for block in blocks:
            _number_all(article.citations, block["sources"], data)
    if problems:
        raise ContentError(problems)
    for article in articles:
        article.meta = PageMeta(
            article.lang,
            article.url,
            article.title,
            _plain(article.summary),
            alternate_urls(article, settings["LANGUAGES"]),
            kind="article",
        )


def enrich_pages(pages: list, data: Dataset, settings: dict, translators: Translators) -> None:
    """Pages (about, methodology) may cite sources and quote figures like stories."""
    problems = check_translations(pages, settings, "page") + check_markers(pages, data, settings)
    for page in pages:
        if page.lang not in settings["LANGUAGES"]:
            continue  # already reported by check_translations
        page.citations = Citations()
        t = translators[page.lang]
        page._content, found = render_markers(
            page._content, page.lang, data, t, _display(page, settings), page.citations
        )
        problems += found
    if problems:
        raise ContentError(problems)
    templates = settings.get("SLUG_TEMPLATES", {})
    for page in pages:
        page.template = templates.get(page.slug, page.template)
        page.meta = PageMeta(
            page.lang,
            page.url,
            page.title,
            _plain(getattr(page, "summary", "")),
            alternate_urls(page, settings["LANGUAGES"]),
        )


def _number_all(citations: Citations, source_ids: list[str], data: Dataset) -> None:
    for sid in source_ids:
        citations.number(data.source_by_id[sid])


def _plain(html: str) -> str:
    """A summary's text without markup, for meta descriptions."""
    return Markup(html or "").striptags()
