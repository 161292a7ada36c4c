"""Everything about content/ that can be checked before Pelican reads a file.

The data files, every story's and page's header, the interface catalogs and the
data against the source fingerprint are checked together, so one build lists
every problem of all of them; the rest (translations, figure and citation
markers) needs the rendered stories and is checked in stories.py.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from ..build_cache import digest
from ..data.model import DATA_DIR, Dataset, load_dataset
from ..errors import ContentError
from ..i18n import catalog_dir
from .catalogs import catalog_problems
from .corrections import correction_problems
from .headers import header_problems
from .sources import check_against_sources

MEMO = "CRAFT_CHECK_MEMO"  # in the settings: what a long-running Pelican (make devserver) keeps


def _dataset(content: Path, memo: dict) -> Dataset:
    """load_dataset, or (make devserver) a fresh copy of the last run's when no data file changed."""
    files = sorted(p for p in (content / DATA_DIR).rglob("*") if p.is_file())
    key = digest(*(p.relative_to(content).as_posix() for p in files), *(p.read_bytes() for p in files))
    if memo.get("data_key") == key:
        return pickle.loads(memo["data"])  # a copy: a run may add to its dataset
    data = load_dataset(content)
    memo.update(data_key=key, data=pickle.dumps(data))
    return data


def check_content(settings: dict[str, Any]) -> Dataset:
    """The validated dataset, or a ContentError listing every problem found.

    A long-running Pelican keeps what it can in its settings (MEMO): the dataset
    while no data file changes, and each file's comparison with the sources
    while the file is the same, so a devserver rebuild checks only what changed.
    """
    problems: list[str] = []
    data = None
    memo = settings.setdefault(MEMO, {})
    try:
        data = _dataset(Path(settings["PATH"]), memo)
    except ContentError as exc:
        problems += exc.problems
    problems += header_problems(settings)
    problems += catalog_problems(Path(catalog_dir(settings)), settings["LANGUAGES"])
    if data is not None:
        problems += correction_problems(settings, data)
        archive = settings.get("SOURCES_ARCHIVE")
        try:
            check_against_sources(
                Path(settings["PATH"]), data, Path(archive) if archive else None, memo.setdefault("copy", {})
            )
        except ContentError as exc:
            problems += exc.problems
    if problems or data is None:
        raise ContentError(problems)
    return data
