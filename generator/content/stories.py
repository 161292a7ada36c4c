"""Stories and pages after Pelican reads them: tied to the data, their figures and footnotes rendered."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup
from pelican.contents import Article, Content, Page

from ..data.model import Dataset
from ..errors import ContentError, problem
from ..i18n import TRANSLATORS, Translators
from ..run_memo import remember
from .citations import Citations
from .corrections import last_change
from .markers import Cite, read_markers, render_markers
from .pages import PageMeta, alternate_urls
from .story_view import story_view
from .versions import check_markers, check_translations, display_path


def all_versions(objects: list[Content], translations: list[Content]) -> list[Content]:
    return sorted([*objects, *translations], key=lambda o: (o.lang, o.slug))


def enrich_stories(
    articles: list[Article],
    data: Dataset,
    settings: dict,
    translators: Translators,
    env: Environment,
    run: dict | None = None,
) -> None:
    """Tie each story to its city, number its footnotes, render its figures and citations, set its PageMeta.

    Sets `article.city` (City), `article.story` (StoryView), `article.citations`
    (Citations), `article.meta` (PageMeta), `article.corrections` (its corrections and
    updates, newest first) and `article.last_change` (the datetime of its latest change).
    A story's view and rendered text are kept in the run's memo (`run`, run_memo.py),
    which a devserver carries over while the data, theme and code stay the same: keyed
    by the file and the text Markdown made, they are made again only for a story that
    changed.
    """
    problems = check_translations(articles, settings, "story") + check_markers(articles, data, settings)
    cites = {lang: _cite(env, lang, translators) for lang in settings["LANGUAGES"]}
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
        where = display_path(article, settings)
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
        article.city = data.city_by_id[article.slug]
        found, article.story, article._content = remember(
            run or {},
            ("story", where, article.lang, article._content),
            lambda: _story(article, where, data, translators, cites[article.lang]),  # noqa: B023
        )
        problems += found
        article.citations = article.story.citations
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
        article.corrections = data.corrections_for(article.slug)
        article.last_change = last_change(article, article.corrections)


def _story(article: Article, where: str, data: Dataset, translators: Translators, cite: Cite) -> tuple:
    """(problems with its markers, its StoryView, its text with figures and footnotes rendered)."""
    markers, found = read_markers(article._content, data, where)
    story = story_view(article.city, article.lang, [m.cites for m in markers], data, where)
    text = render_markers(article._content, markers, article.lang, translators[article.lang], story.citations, cite)
    return found, story, text


def enrich_pages(
    pages: list[Page], data: Dataset, settings: dict, translators: Translators, env: Environment
) -> None:
    """Pages (about, methodology) may cite sources and quote figures like stories.

    Sets `page.citations` (Citations, numbered in the text's order), `page.template` and `page.meta`.
    """
    problems = check_translations(pages, settings, "page") + check_markers(pages, data, settings)
    cites = {lang: _cite(env, lang, translators) for lang in settings["LANGUAGES"]}
    for page in pages:
        if page.lang not in settings["LANGUAGES"]:
            continue  # already reported by check_translations
        where = display_path(page, settings)
        markers, found = read_markers(page._content, data, where)
        problems += found
        page.citations = Citations.numbered(where, (m.cites for m in markers), data.source_by_id)
        t = translators[page.lang]
        page._content = render_markers(page._content, markers, page.lang, t, page.citations, cites[page.lang])
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


def _cite(env: Environment, lang: str, translators: Translators) -> Cite:
    """The `cite` macro of _macros.html, speaking `lang`: the one place a footnote's markup is written."""
    return env.get_template("_macros.html").make_module({"lang": lang, TRANSLATORS: translators}).cite


def _plain(html: str) -> str:
    """A summary's text without markup, for meta descriptions."""
    return Markup(html or "").striptags()
