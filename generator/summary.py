"""The one-screen summary printed at the end of every build.

Each run has its own BuildSummary, kept on the Pelican instance (in its settings,
from `get_generators` to `finalized`) and in the run's context, where the
`content_written` handler finds it. It counts warnings as a handler on Pelican's
logger, attached only while its run is under way.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter

from .content.pages import this_page

# The key of the running build's summary in a Pelican instance's settings and its run's context.
SUMMARY = "CRAFT_BUILD_SUMMARY"


class BuildSummary(logging.Handler):
    """Counts warnings and pages per language while Pelican runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.started = time.perf_counter()
        self.warnings = 0
        self.pages: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings += 1

    def page_written(self, path: str, context: dict) -> None:
        """Count a page in its language; the root chooser and 404 are in none."""
        page = this_page(context)
        if page.meta is not None:
            self.pages[page.lang] += 1

    def text(self, languages: list[str], output_path: str) -> str:
        total = sum(len(files) for _root, _dirs, files in os.walk(output_path))
        per_lang = ", ".join(f"{lang}: {self.pages[lang]}" for lang in languages)
        seconds = time.perf_counter() - self.started
        return (
            "Craft Cities build summary\n"
            f"  pages per language  {per_lang}\n"
            f"  other files         {total - sum(self.pages.values())} (assets, data, feeds)\n"
            f"  warnings            {self.warnings}\n"
            f"  time                {seconds:.2f} s"
        )


def start_summary(settings: dict) -> BuildSummary:
    """A fresh summary for the run starting now, in place of any earlier one."""
    end_summary(settings)  # a run that failed never reached `finalized`
    summary = settings[SUMMARY] = BuildSummary()
    logging.getLogger("pelican").addHandler(summary)
    return summary


def end_summary(settings: dict) -> BuildSummary | None:
    """Stop the running summary counting warnings, and hand it over to be printed."""
    summary = settings.pop(SUMMARY, None)
    if summary is not None:
        logging.getLogger("pelican").removeHandler(summary)
    return summary
