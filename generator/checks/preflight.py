"""Everything about content/ that can be checked before Pelican reads a file.

The data files, every story's and page's header, the interface catalogs and the
data against the source fingerprint are checked together, so one build lists
every problem of all of them; the rest (translations, figure and citation
markers) needs the rendered stories and is checked in stories.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.model import Dataset, load_dataset
from ..errors import ContentError
from ..i18n import catalog_dir
from .catalogs import catalog_problems
from .corrections import correction_problems
from .headers import header_problems
from .sources import check_against_sources


def check_content(settings: dict[str, Any]) -> Dataset:
    """The validated dataset, or a ContentError listing every problem found."""
    problems: list[str] = []
    data = None
    try:
        data = load_dataset(settings["PATH"])
    except ContentError as exc:
        problems += exc.problems
    problems += header_problems(settings)
    problems += catalog_problems(Path(catalog_dir(settings)), settings["LANGUAGES"])
    if data is not None:
        problems += correction_problems(settings, data)
        archive = settings.get("SOURCES_ARCHIVE")
        try:
            check_against_sources(Path(settings["PATH"]), data, Path(archive) if archive else None)
        except ContentError as exc:
            problems += exc.problems
    if problems or data is None:
        raise ContentError(problems)
    return data
