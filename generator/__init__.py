"""Craft Cities of Kazakhstan: the site's Pelican plugin.

Data flows one way: content/data/*.yaml -> validated Dataset (model.py) ->
template context -> pages. Each module has one job; this one only wires them
to Pelican's signals.
"""

from __future__ import annotations

import functools
import logging
import sys

from pelican import signals
from pelican.utils import wait_for_changes

from . import compiled_templates, run_memo, source_memo, template_api
from .build_cache import build_cache
from .checks.preflight import check_content
from .content.stories import all_versions, enrich_pages, enrich_stories
from .errors import ContentError
from .i18n import TRANSLATORS, Translators, translators
from .publish import embeds, graphic_files, latin, rebuild, search, site_files, sitemap
from .publish.site import CraftCitiesGenerator
from .summary import SUMMARY, end_summary, start_summary

# Set in the settings of a Pelican instance whose last run stopped on a ContentError.
_FAILED = "CRAFT_LAST_RUN_FAILED"
_LATIN_MEMO = "CRAFT_LATIN_FILES"


def _content_errors_fail_the_run(handler):
    """Remember a failed run: `pelican -r` (make devserver) retries at once after an
    error, so a broken story would rebuild in a loop, using a whole core."""

    @functools.wraps(handler)
    def wrapper(generator) -> None:
        try:
            handler(generator)
        except ContentError:
            generator.settings[_FAILED] = True
            end_summary(generator.settings)  # this run prints no summary
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
        # The rebuild starts now, not when the error was shown.
        context[SUMMARY] = start_summary(settings)
    context["craft"] = check_content(settings)


@_content_errors_fail_the_run
def _stories_read(generator) -> None:
    data = generator.context.get("craft")
    stories = all_versions(generator.articles, generator.translations)
    enrich_stories(stories, data, generator.settings, translators(generator.context), generator.env, generator.context)


@_content_errors_fail_the_run
def _pages_read(generator) -> None:
    pages = all_versions(generator.pages, generator.translations)
    enrich_pages(pages, generator.context["craft"], generator.settings, translators(generator.context), generator.env)


def _written(path: str, context: dict) -> None:
    summary = context.get(SUMMARY)
    if summary is not None:
        summary.page_written(path, context)


def _latin_edition(pelican) -> None:
    """Write /kk-latn/ from the finished /kk/ pages (generator/publish/latin.py)."""
    settings = pelican.settings
    memo = settings.setdefault(_LATIN_MEMO, {})  # make devserver: pairs of files left as they were
    latin.write_edition(pelican.output_path, settings["SITEURL"], build_cache(settings), memo)


def _finished(pelican) -> None:
    summary = end_summary(pelican.settings)
    if summary is not None:
        print(summary.text(pelican.settings["LANGUAGES"], pelican.output_path))


def _generators(pelican):
    """Pelican asks for generators at the start of every run (each devserver rebuild too):
    a fresh summary starts here, so each run's counts and time are its own."""
    start_summary(pelican.settings)
    return CraftCitiesGenerator


def _start_run(generator) -> None:
    """What a run shares, set up by its first generator. Pelican makes a new context for
    each run (each devserver rebuild too), so nothing is carried over from the last one;
    the summary was made just before, when Pelican asked for the generators."""
    context, settings = generator.context, generator.settings
    if TRANSLATORS not in context:
        context[TRANSLATORS] = Translators(settings)
        context[SUMMARY] = settings.get(SUMMARY)
        run_memo.start(context, rebuild.start(settings))


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


def _show_content_errors_plainly() -> None:
    log = logging.getLogger("pelican")
    # Once per process: Pelican calls register() for every instance it makes (tests, devserver).
    if not any(isinstance(f, _EditorFacingErrors) for f in log.filters):
        # First among the logger's filters: Pelican's own LimitFilter drops a warning it has
        # printed before, so a mistake repeated under `make devserver` would go unshown.
        log.filters.insert(0, _EditorFacingErrors())


# Every signal handler of the package, in one table (as pelican-plugins' i18n_subsites
# keeps its own): modules expose plain functions and only this table connects them.
# Within a signal Pelican calls them in this order, which matters: the summary counts
# the files in output/ before the sitemap is written, and the Latin edition after /kk/.
HANDLERS = (
    (signals.get_generators, _generators),  # a fresh summary, then the site's own pages
    (signals.get_generators, search.generators),
    (signals.get_generators, site_files.generators),
    (signals.get_generators, embeds.generators),  # a page per graphic, for other sites' iframes
    (signals.readers_init, source_memo.use_remembering_reader),  # devserver: re-read changed files only
    (signals.get_writer, rebuild.writer),  # devserver: skip the story and embed pages that are unchanged
    (signals.generator_init, _start_run),
    (signals.generator_init, template_api.install),  # every Jinja global and filter
    (signals.generator_init, compiled_templates.share),  # templates compiled once, for every environment
    (signals.generator_init, graphic_files.start),  # the standalone SVGs the pages draw
    (signals.article_generator_init, _check_content),
    (signals.page_generator_init, _check_content),
    (signals.article_generator_finalized, _stories_read),
    (signals.page_generator_finalized, _pages_read),
    (signals.content_written, _written),
    (signals.content_written, sitemap.page_written),
    (signals.finalized, graphic_files.write),  # under kk/ before the Latin edition copies kk/
    (signals.finalized, _latin_edition),
    (signals.finalized, _finished),
    (signals.finalized, sitemap.write),
)


def register() -> None:
    _show_content_errors_plainly()
    for signal, handler in HANDLERS:
        signal.connect(handler)
