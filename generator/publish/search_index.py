"""Search, the index: `python -m generator.publish.search_index SITE`, run by `make html` on the
finished site before it replaces output/.

Pagefind (PyPI `pagefind[bin]`, pinned) indexes the built HTML, one index per `<html lang>`,
into SITE/pagefind/. Then this module makes that bundle byte-identical from build to build
and writes, for each language searched through theme/static/js/kk-query.js, the list of
every word of that language's index, read from Pagefind's own index so that the two agree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from .search import BUNDLE, NORMALISED, words_file

# Left out of the index (and so of excerpts): citation marks, the story's locator map and
# the charts, whose text repeats the figures and reads as noise in an excerpt.
EXCLUDE = ("sup.cite", ".story-map", ".chart")
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters, as kk-query.js's words()
_FRAGMENT_MAGIC = b"pagefind_dcd"


class SearchIndexError(Exception):
    """The site could not be indexed; the message says why in one line."""


def fragments(bundle: Path, lang: str) -> list[dict]:
    """The pages Pagefind indexed in `lang`, as it stored them (url, content, meta).

    A fragment is gzip of b"pagefind_dcd" + JSON (Pagefind 1.5.2, pinned in
    requirements.txt; tests/test_search_index.py notices if that changes).
    """
    out = []
    for path in sorted((bundle / "fragment").glob(f"{lang}_*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(_FRAGMENT_MAGIC):
            raise SearchIndexError(f"{path}: not a Pagefind 1.5 fragment; was Pagefind upgraded?")
        out.append(json.loads(data[len(_FRAGMENT_MAGIC) :]))
    return out


def vocabulary(pages: list[dict]) -> list[str]:
    """Every word of the indexed text and titles, lower case, sorted (deterministic)."""
    counts: Counter[str] = Counter()
    for page in pages:
        text = f"{page.get('meta', {}).get('title', '')} {page['content']}"
        counts.update(_WORD.findall(text.lower()))
    return sorted(counts)


def make_entry_deterministic(bundle: Path) -> None:
    """Pagefind writes the languages of pagefind-entry.json in hash-map order, which changes
    from run to run (the only difference between two runs: measured on 1.5.2). Sort them."""
    path = bundle / "pagefind-entry.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def index_site(site: Path, langs: list[str]) -> dict[str, int]:
    """Run Pagefind over `site`, write the word lists, and check every language got an index.

    Returns pages indexed per language. Raises SearchIndexError with one clear line.
    """
    site = Path(site)
    bundle = site / BUNDLE
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--quiet",
               "--exclude-selectors", ", ".join(EXCLUDE)]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"Pagefind failed on {site}: {detail[-1] if detail else 'no message'}")
    make_entry_deterministic(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    missing = [lang for lang in langs if lang not in entry["languages"]]
    if missing:
        raise SearchIndexError(
            f"no search index for {', '.join(missing)}: no page in that language is marked for search"
        )
    for lang in NORMALISED:
        if lang in langs:
            words = vocabulary(fragments(bundle, lang))
            text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
            (bundle / words_file(lang)).write_text(text, encoding="utf-8")
    return {lang: entry["languages"][lang]["page_count"] for lang in langs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.publish.search_index", description=__doc__.splitlines()[0]
    )
    parser.add_argument("site", type=Path, help="the built site (make html passes output.partial)")
    parser.add_argument(
        "--langs", default="kk ru", help="languages that must each get an index (make's LANGS)"
    )
    opts = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        pages = index_site(opts.site, opts.langs.replace(",", " ").split())
    except SearchIndexError as exc:
        print(f"ERROR: search index: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {lang}" for lang, n in pages.items())
    print(f"Search index: {counts} pages in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
