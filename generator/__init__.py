"""Craft Cities of Kazakhstan: the site's Pelican plugin.

Data flows one way: content/data/*.yaml -> validated Dataset (model.py) ->
template context -> pages. Each module has one job; this one only wires them
to Pelican's signals.
"""

from __future__ import annotations

import logging

from pelican import signals

from . import charts, i18n, maps, search, seo
from .citations import figure_filter
from .errors import ContentError
from .pages import end_sentence, page_meta
from .site import CraftCitiesGenerator, catalog_dir
from .stories import all_versions, check_source_files, enrich_pages, enrich_stories
from .summary import BuildSummary


def _init_env(generator) -> None:
    i18n.install(generator.env, catalog_dir(generator.settings))
    generator.env.globals["page_meta"] = page_meta
    generator.env.filters["end_sentence"] = end_sentence
    generator.env.filters["figure"] = figure_filter(catalog_dir(generator.settings))
    maps.install(generator.env, catalog_dir(generator.settings))
    charts.install(generator.env, catalog_dir(generator.settings))
    search.install(generator.env)


def _first_preread(generator) -> bool:
    """Pelican sends *_generator_preread before reading each file; the checks read all files once.

    (Run on every signal they made a 1,000-city build quadratic: 86% of its time, make bench.)
    A new generator is made on every run, regenerate mode included, so each run checks again.
    """
    if getattr(generator, "_craft_files_checked", False):
        return False
    generator._craft_files_checked = True
    return True


def _stories_preread(generator) -> None:
    if not _first_preread(generator):
        return
    for folder in generator.settings["ARTICLE_PATHS"]:
        check_source_files(generator.settings, folder, "story")


def _pages_preread(generator) -> None:
    if not _first_preread(generator):
        return
    for folder in generator.settings["PAGE_PATHS"]:
        check_source_files(generator.settings, folder, "page")


def _stories_read(generator) -> None:
    data = generator.context.get("craft")
    stories = all_versions(generator.articles, generator.translations)
    enrich_stories(stories, data, generator.settings, catalog_dir(generator.settings))


def _pages_read(generator) -> None:
    pages = all_versions(generator.pages, generator.translations)
    enrich_pages(pages, generator.context["craft"], generator.settings, catalog_dir(generator.settings))


_summary: BuildSummary | None = None


def _started(pelican) -> None:
    global _summary
    _summary = BuildSummary()
    logging.getLogger("pelican").addHandler(_summary)


def _written(path: str, context: dict) -> None:
    if _summary:
        _summary.page_written(path, context)


def _finished(pelican) -> None:
    if _summary:
        logging.getLogger("pelican").removeHandler(_summary)
        print(_summary.text(pelican.settings["LANGUAGES"], pelican.output_path))


def _generators(pelican):
    return CraftCitiesGenerator


class _EditorFacingErrors(logging.Filter):
    """Drop the Python traceback from a ContentError: the message says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], ContentError):
            record.exc_info = None
        return True


def register() -> None:
    logging.getLogger("pelican").addFilter(_EditorFacingErrors())
    signals.initialized.connect(_started)
    signals.content_written.connect(_written)
    signals.finalized.connect(_finished)
    signals.generator_init.connect(_init_env)
    signals.get_generators.connect(_generators)
    signals.get_generators.connect(search.generators)
    signals.article_generator_preread.connect(_stories_preread)
    signals.page_generator_preread.connect(_pages_preread)
    signals.article_generator_finalized.connect(_stories_read)
    signals.page_generator_finalized.connect(_pages_read)
    seo.register()
