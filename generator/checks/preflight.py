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

from ..build_cache import BuildCache, build_cache, digest, library_versions, package_version
from ..data.model import DATA_DIR, Dataset, load_dataset
from ..errors import ContentError
from ..i18n import catalog_dir
from .catalogs import catalog_problems
from .corrections import correction_problems
from .headers import header_problems
from .sources import check_against_sources

MEMO = "CRAFT_CHECK_MEMO"  # in the settings: what a long-running Pelican (make devserver) keeps
DATASET = "dataset"  # the build cache's folder for loaded datasets


def _dataset(content: Path, memo: dict, cache: BuildCache) -> Dataset:
    """load_dataset, or a fresh copy of a dataset loaded from the same data files by the same
    code: the last run's (make devserver) or an earlier build's (the build cache). Only a
    valid dataset is kept, so a mistake in the data is found again by every build."""
    files = sorted(p for p in (content / DATA_DIR).rglob("*") if p.is_file())
    key = digest(
        package_version(), library_versions("jsonschema", "pyyaml"),
        *(p.relative_to(content).as_posix() for p in files), *(p.read_bytes() for p in files),
    )  # fmt: skip
    if memo.get("data_key") != key:
        made = cache.get(DATASET, key)
        if made is None:
            made = pickle.dumps(load_dataset(content))
            cache.put(DATASET, key, made)
        memo.update(data_key=key, data=made)
    return pickle.loads(memo["data"])  # a copy: a run may add to its dataset


def check_content(settings: dict[str, Any]) -> Dataset:
    """The validated dataset, or a ContentError listing every problem found.

    A long-running Pelican keeps what it can in its settings (MEMO): the dataset
    while no data file changes, and each file's comparison with the sources
    while the file is the same, so a devserver rebuild checks only what changed;
    the build cache keeps both between builds, keyed the same way.
    """
    problems: list[str] = []
    data = None
    memo = settings.setdefault(MEMO, {})
    cache = build_cache(settings)
    try:
        data = _dataset(Path(settings["PATH"]), memo, cache)
    except ContentError as exc:
        problems += exc.problems
    problems += header_problems(settings, memo.setdefault("headers", {}))
    problems += catalog_problems(Path(catalog_dir(settings)), settings["LANGUAGES"])
    if data is not None:
        problems += correction_problems(settings, data, memo.setdefault("dates", {}))
        archive = settings.get("SOURCES_ARCHIVE")
        try:
            check_against_sources(
                Path(settings["PATH"]), data, Path(archive) if archive else None, memo.setdefault("copy", {}), cache
            )
        except ContentError as exc:
            problems += exc.problems
    if problems or data is None:
        raise ContentError(problems)
    return data
