"""Craft Cities of Kazakhstan: the site's Pelican plugin.

Data flows one way: content/data/*.yaml -> validated Dataset (model.py) ->
template context -> pages. Each module has one job; this one only wires them
to Pelican's signals.
"""

from __future__ import annotations

import functools
import logging
import sys

from jinja2 import pass_context
from pelican import signals
from pelican.utils import wait_for_changes

from . import i18n
from .charts import base as charts
from .checks.preflight import check_content
from .content.citations import figure_filter
from .content.pages import end_sentence, full_stop, page_meta
from .content.stories import all_versions, enrich_pages, enrich_stories
from .data.model import wordings_to_show
from .errors import ContentError
from .maps import page_maps as maps
from .publish import latin, search, seo
from .publish.site import CraftCitiesGenerator, catalog_dir
from .summary import BuildSummary


def _init_env(generator) -> None:
    i18n.install(generator.env, catalog_dir(generator.settings))
    generator.env.globals["page_meta"] = page_meta
    generator.env.filters["end_sentence"] = end_sentence
    generator.env.filters["full_stop"] = full_stop
    generator.env.filters["wordings_to_show"] = pass_context(
        lambda ctx, status: wordings_to_show(status, i18n.page_lang(ctx))
    )
    generator.env.filters["figure"] = figure_filter(catalog_dir(generator.settings))
    maps.install(generator.env, catalog_dir(generator.settings))
    charts.install(generator.env, catalog_dir(generator.settings))
    search.install(generator.env)
    generator.env.globals["name_lang"] = latin.name_lang
    generator.env.globals["edition_path"] = latin.edition_path


# Set in the settings of a Pelican instance whose last run stopped on a ContentError.
_FAILED = "CRAFT_LAST_RUN_FAILED"


def _content_errors_fail_the_run(handler):
    """Remember a failed run: `pelican -r` (make devserver) retries at once after an
    error, so a broken story would rebuild in a loop, using a whole core."""

    @functools.wraps(handler)
    def wrapper(generator) -> None:
        try:
            handler(generator)
        except ContentError:
            generator.settings[_FAILED] = True
            raise

    return wrapper


@_content_errors_fail_the_run
def _check_content(generator) -> None:
    """Check the data and every story and page header before Pelican reads any file.

    Connected to *_generator_init, which fire once per build while the
    generators are made (the *_preread ones fire once per file). Every run,
    regenerate mode included, starts from a new shared context, so each run
    checks again; the first generator made does it for all. Nothing has been
    written yet, so a failed check leaves the last good output/ as it was.
    """
    context, settings = generator.context, generator.settings
    if "craft" in context:
        return
    if settings.pop(_FAILED, False):
        # Only a long-running Pelican (regenerate mode) gets here: the error
        # has been shown; rebuild when the editor next saves a file.
        wait_for_changes("", settings)
        _fresh_summary()  # the rebuild starts now, not when the error was shown
    context["craft"] = check_content(settings)


@_content_errors_fail_the_run
def _stories_read(generator) -> None:
    data = generator.context.get("craft")
    stories = all_versions(generator.articles, generator.translations)
    enrich_stories(stories, data, generator.settings, catalog_dir(generator.settings), generator.env)


@_content_errors_fail_the_run
def _pages_read(generator) -> None:
    pages = all_versions(generator.pages, generator.translations)
    enrich_pages(pages, generator.context["craft"], generator.settings, catalog_dir(generator.settings), generator.env)


def _summary() -> BuildSummary | None:
    """The summary of the run under way: it lives on Pelican's logger, where it counts warnings."""
    return next((h for h in logging.getLogger("pelican").handlers if isinstance(h, BuildSummary)), None)


def _written(path: str, context: dict) -> None:
    summary = _summary()
    if summary:
        summary.page_written(path, context)


def _latin_edition(pelican) -> None:
    """Write /kk-latn/ from the finished /kk/ pages (generator/publish/latin.py)."""
    latin.write_edition(pelican.output_path, pelican.settings["SITEURL"])


def _finished(pelican) -> None:
    summary = _summary()
    if summary:
        logging.getLogger("pelican").removeHandler(summary)
        print(summary.text(pelican.settings["LANGUAGES"], pelican.output_path))


def _fresh_summary() -> None:
    log = logging.getLogger("pelican")
    stale = _summary()
    if stale:  # a run that failed never reached `finalized`
        log.removeHandler(stale)
    log.addHandler(BuildSummary())


def _generators(pelican):
    """Pelican asks for generators at the start of every run (each devserver rebuild too):
    a fresh summary starts here, so each run's counts and time are its own."""
    _fresh_summary()
    return CraftCitiesGenerator


def _content_error(record: logging.LogRecord) -> ContentError | None:
    """The ContentError a log record reports: as its exception (`pelican` stopping on
    it), as an argument (`pelican -r` catching it and waiting for the next save),
    or as the cause of another exception."""
    candidates = list(record.args) if isinstance(record.args, tuple) else []
    if record.exc_info:
        candidates.insert(0, record.exc_info[1])
    for exc in candidates:
        while isinstance(exc, BaseException):
            if isinstance(exc, ContentError):
                return exc
            exc = exc.__cause__ or exc.__context__
    return None


class _EditorFacingErrors(logging.Filter):
    """Print a ContentError as its problems alone, one line each: no exception
    name, no traceback, nothing before the first broken file."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = _content_error(record)
        if error is None:
            return True
        # Written plainly, not through Pelican's log handler, which would put a time
        # and a level before the first line and fold each line into a column.
        print("\n".join(error.problems), file=sys.stderr, flush=True)
        return False


def register() -> None:
    # First among the logger's filters: Pelican's own LimitFilter drops a warning
    # it has printed before, so a mistake repeated under `make devserver` would go unshown.
    logging.getLogger("pelican").filters.insert(0, _EditorFacingErrors())
    signals.content_written.connect(_written)
    signals.finalized.connect(_latin_edition)
    signals.finalized.connect(_finished)
    signals.generator_init.connect(_init_env)
    signals.get_generators.connect(_generators)
    signals.article_generator_init.connect(_check_content)
    signals.page_generator_init.connect(_check_content)
    signals.get_generators.connect(search.generators)
    signals.article_generator_finalized.connect(_stories_read)
    signals.page_generator_finalized.connect(_pages_read)
    seo.register()
