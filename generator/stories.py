"""Checks and enrichment of the Markdown stories and pages after Pelican reads them."""

from __future__ import annotations

import datetime as dt
import glob
import os
import re

from markupsafe import Markup

from .citations import Citations, render_markers
from .errors import ContentError, problem
from .i18n import Translator
from .model import Dataset
from .pages import PageMeta, alternate_urls
from .story_checks import marker_problems, parity_problems


def _display(obj, settings) -> str:
    return os.path.join("content", os.path.relpath(obj.source_path, settings["PATH"]))


_HEADER = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")
_LINK = re.compile(r"\{(?:filename|attach|static)\}([^)\s\"'#?]+)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")


def check_source_files(settings: dict, folder: str, kind: str) -> None:
    """Check each Markdown file before Pelican reads it.

    Pelican reports an unreadable file or a bad date as "Could not process"
    with a traceback; editors get the file and the field from here instead.
    """
    root = settings["PATH"]
    problems = []
    for path in sorted(glob.glob(os.path.join(root, folder, "**", "*.md"), recursive=True)):
        display = os.path.join("content", os.path.relpath(path, root))
        try:
            with open(path, encoding="utf-8") as fp:
                text = fp.read()
        except UnicodeDecodeError as exc:
            problems.append(
                problem(display, None, None, f"is not UTF-8 text (byte {exc.start}): save it as UTF-8")
            )
            continue
        header = {}
        for line in text.splitlines():
            match = _HEADER.match(line)
            if not match:
                break
            header[match.group(1).lower()] = match.group(2).strip()
        if not header.get("title"):
            problems.append(
                problem(display, None, "title", "is missing: the file must start with 'Title: ...'")
            )
        if kind == "story":
            date = header.get("date")
            if not date:
                problems.append(problem(display, None, "date", "is missing: add 'Date: YYYY-MM-DD'"))
            elif not _DATE.match(date) or not _real_date(date[:10]):
                problems.append(
                    problem(display, None, "date", f"'{date}' is not a real date written YYYY-MM-DD")
                )
        for target in _LINK.findall(text):
            base = root if target.startswith("/") else os.path.dirname(path)
            if not os.path.exists(os.path.join(base, target.lstrip("/"))):
                problems.append(
                    problem(
                        display, None, "link", f"{{filename}}{target} points to a file that does not exist"
                    )
                )
    if problems:
        raise ContentError(problems)


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
                have = next(iter(versions.values()))
                problems.append(
                    problem(
                        _display(have, settings),
                        None,
                        "translation",
                        f"this {kind} has no {lang} version: add content/{kind}s/{lang}/{slug}.md",
                    )
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


def enrich_stories(articles: list, data: Dataset, settings: dict, catalog_dir: str) -> None:
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
        t = Translator(catalog_dir, article.lang)
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
        blocks = [
            *(c for d in data.disputes_for(city_id) for c in d["claims"]),
            *article.city["statuses"],
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


def enrich_pages(pages: list, data: Dataset, settings: dict, catalog_dir: str) -> None:
    """Pages (about, methodology) may cite sources and quote figures like stories."""
    problems = check_translations(pages, settings, "page") + check_markers(pages, data, settings)
    for page in pages:
        if page.lang not in settings["LANGUAGES"]:
            continue  # already reported by check_translations
        page.citations = Citations()
        t = Translator(catalog_dir, page.lang)
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
