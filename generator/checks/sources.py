"""Checks of the data and the texts against the source articles, through their fingerprint.

Run by every `make html`, so an editor learns in seconds that a figure is not
in the source it cites, that a story repeats a source word for word, or that
the fingerprint is older than the article archive.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..build_cache import BuildCache, digest, package_version
from ..data.fingerprint import RUN, Article, fingerprint_of, load, numbers, run_hash, words
from ..data.model import Dataset
from ..errors import ContentError, problem

FINGERPRINT = "data/fingerprint.json"
REFRESH = "run `make fingerprint` and commit content/data/fingerprint.json"


def load_fingerprint(content: Path, archive: Path | None) -> dict[str, Article]:
    """The committed fingerprint, refused when the archive beside the repository has changed since."""
    display = f"content/{FINGERPRINT}"
    path = content / FINGERPRINT
    if not path.is_file():
        raise ContentError([problem(display, None, None, f"is missing: {REFRESH} (needs the article archive)")])
    try:
        articles = load(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise ContentError([problem(display, None, None, f"is not a fingerprint file ({exc}): {REFRESH}")]) from None
    if archive is not None and archive.is_dir():
        fresh = fingerprint_of(archive)["articles"]
        changed = sorted(
            set(fresh) ^ set(articles)
            | {name for name in fresh.keys() & articles.keys() if fresh[name]["sha256"] != articles[name].sha256}
        )
        if changed:
            raise ContentError(
                [problem(display, None, None, f"is out of date with the archive {archive} ({', '.join(changed)} "
                         f"added, changed or removed): {REFRESH}")]
            )  # fmt: skip
    return articles


def data_problems(data: Dataset, articles: dict[str, Article], archive: Path | None) -> list[str]:
    """Every source names an archived article; every figure and date occurs in a source it cites."""
    out: list[str] = []
    here = archive is not None and archive.is_dir()
    for i, src in enumerate(data.sources):
        where = f"sources[{i}] (id '{src['id']}')"
        if here and not (archive / src["file"]).is_file():
            out.append(problem("content/data/sources.yaml", where, "file",
                               f"'{src['file']}' is not in the article archive {archive}"))  # fmt: skip
        elif src["file"] not in articles:
            out.append(problem("content/data/sources.yaml", where, "file",
                               f"'{src['file']}' is not in content/{FINGERPRINT}: {REFRESH}"))  # fmt: skip

    def cited(ids: list[str]) -> list[Article]:
        files = [data.source_by_id[s]["file"] for s in ids if s in data.source_by_id]
        return [articles[f] for f in files if f in articles]

    def date_problem(display: str, where: str, fld: str, date: str | None, ids: list[str]) -> None:
        found = cited(ids)
        if date and found and not any(a.dates.states(date) for a in found):
            out.append(problem(display, where, fld,
                               f"'{date}' is not a date that {_names(ids)} give(s); "
                               "give the date as precisely as a cited source states it"))  # fmt: skip

    cities = "content/data/cities.yaml"
    for i, city in enumerate(data.cities):
        where = f"cities[{i}] (id '{city['id']}')"
        for j, fig in enumerate(city["figures"]):
            found = cited(fig["sources"])
            if found and not fig.get("counted") and not any(_same_number(fig["value"], a.numbers) for a in found):
                out.append(problem(cities, where, f"figures[{j}].value",
                                   f"{fig['value']} does not occur in {_names(fig['sources'])}; "
                                   "give the number the source states"))  # fmt: skip
            for lang, text in sorted(fig.get("written", {}).items()):
                if not _same_number(fig["value"], {n for n in numbers(text, lang)}):
                    out.append(problem(cities, where, f"figures[{j}].written.{lang}",
                                       f"'{text}' does not say {fig['value']}; write the value the figure has"))  # fmt: skip
        for j, status in enumerate(city["statuses"]):
            date_problem(cities, where, f"statuses[{j}].date", status["date"],
                         status.get("date_sources") or status["sources"])  # fmt: skip
    for i, event in enumerate(data.events):
        date_problem("content/data/timeline.yaml", f"events[{i}] (id '{event['id']}')", "date",
                     event["date"], event["sources"])  # fmt: skip
    return out


def _names(ids: list[str]) -> str:
    return "source " + ", ".join(f"'{s}'" for s in ids) if len(ids) == 1 else "sources " + ", ".join(
        f"'{s}'" for s in ids
    )


def _same_number(value: float, stated: set[float]) -> bool:
    return any(abs(value - n) <= 1e-9 * max(1.0, abs(n)) for n in stated)


# -- own words -------------------------------------------------------------------

_HEADLINE = re.compile(r"^\s*-?\s*headline:\s")


def run_owners(articles: dict[str, Article]) -> dict[str, str]:
    """Each run hash -> the article file it comes from."""
    return {h: a.file for a in articles.values() for h in a.runs}


def repeated_runs(text: str, owner: dict[str, str]) -> list[tuple[int, int, str]]:
    """(first line, number of words, article file) of each run of RUN+ words an article has too."""
    ws: list[tuple[str, int]] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if _HEADLINE.match(line):  # a headline quoted as citation metadata is a citation, not prose
            continue
        ws += [(w, lineno) for w in words(line)]
    runs: list[tuple[int, int, str]] = []
    start = end = None
    src = ""
    for i in range(len(ws) - RUN + 1):
        h = run_hash(w for w, _ in ws[i : i + RUN])
        if h not in owner:
            continue
        if start is not None and i <= end:
            end = i + RUN
            continue
        if start is not None:
            runs.append((ws[start][1], end - start, src))
        start, end, src = i, i + RUN, owner[h]
    if start is not None:
        runs.append((ws[start][1], end - start, src))
    return runs


COPY = "copycheck"  # the build cache's folder: each file's repeated runs (a verdict, replayed)


def _runs(text: str, owner: dict[str, str], key: str, cache: BuildCache) -> list[tuple[int, int, str]]:
    """repeated_runs, or what it found for the same text, articles and code in an earlier build.
    The verdict is kept, problems included, so a cached file fails the build with the same line."""
    body = cache.get(COPY, key)
    if body is not None:
        return [tuple(run) for run in json.loads(body)]
    runs = repeated_runs(text, owner)
    cache.put(COPY, key, json.dumps(runs).encode())
    return runs


def copy_problems(
    content: Path, articles: dict[str, Article], memo: dict | None = None, cache: BuildCache | None = None
) -> list[str]:
    """Stories, pages and data files that repeat a run of words of a source article.

    `memo` (a long-running Pelican's, make devserver's) keeps each file's runs by its
    text, for the same articles: a rebuild looks again only at the files that changed.
    `cache` (the build cache) keeps them between builds, keyed by the file's name and
    text, the articles' runs and the package's code.
    """
    out = []
    owner = run_owners(articles)
    memo = memo if memo is not None else {}
    cache = cache if cache is not None else BuildCache(None)
    owners_key = digest(package_version(), *sorted(f"{h} {f}" for h, f in owner.items()))
    if memo.get("owners") != owners_key:
        memo.clear()
        memo.update(owners=owners_key, files={})
    for path in sorted(content.rglob("*")):
        if path.suffix not in {".md", ".yaml", ".yml"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the header and data checks report unreadable files
        display = f"content/{path.relative_to(content).as_posix()}"
        text_key = digest(display, text)
        known = memo["files"].get(display)
        if known is None or known[0] != text_key:
            known = memo["files"][display] = (text_key, _runs(text, owner, digest(owners_key, text_key), cache))
        for line, count, src in known[1]:
            out.append(problem(display, f"line {line}", None,
                               f"{count} words in a row as in the source article {src}; "
                               "say it in your own words"))  # fmt: skip
    return out


def check_against_sources(
    content: Path, data: Dataset, archive: Path | None, memo: dict | None = None, cache: BuildCache | None = None
) -> None:
    """Raise one ContentError listing every problem found against the sources."""
    articles = load_fingerprint(content, archive)
    problems = data_problems(data, articles, archive) + copy_problems(content, articles, memo, cache)
    if problems:
        raise ContentError(problems)
