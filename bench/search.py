"""Search (issue 15): index time and size per language, the search page's weight before the
first query, and the time from a query to its first results in headless Chromium.

The builds the bench makes run Pelican alone, so the index is made here, with the same
function `make html` calls (generator.publish.search_index.index_site), and timed.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import time
from pathlib import Path

from generator.publish.search import BUNDLE, NORMALISED, words_file
from generator.publish.search_index import index_site

from . import ROOT, browser
from .weight import KB, gzip_size, page_weight

CONTENT = ROOT / "content"
PAGE_BUDGET = 60 * KB  # the search page before the first query, gzipped
FIRST_RESULTS_MS = 300  # from pressing Search to the results on screen


def langs() -> list[str]:
    return sorted(p.name for p in (CONTENT / "stories").iterdir() if p.is_dir())


def index_sizes(bundle: Path, lang: str) -> dict:
    """Bytes a reader of `lang` can be sent: its index, fragments, metadata, wasm and word list.

    Pagefind's .pf_* files are gzipped already; the others are counted gzipped as served.
    """
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = entry["languages"][lang]
    files = [
        *(bundle / "index").glob(f"{lang}_*"),
        *(bundle / "fragment").glob(f"{lang}_*"),
        bundle / f"pagefind.{info['hash']}.pf_meta",
        bundle / f"wasm.{info['wasm'] or 'unknown'}.pagefind",
    ]
    if lang in NORMALISED:
        files.append(bundle / words_file(lang))
    sized = {"pages": info["page_count"], "index": 0, "fragments": 0, "other": 0, "fragment_files": 0}
    for f in files:
        data = f.read_bytes()
        size = len(data) if f.suffix.startswith(".pf_") or f.suffix == ".pagefind" else gzip_size(data)
        key = "index" if f.parent.name == "index" else "fragments" if f.parent.name == "fragment" else "other"
        sized[key] += size
        sized["fragment_files"] += f.parent.name == "fragment"
    sized["total"] = sized["index"] + sized["fragments"] + sized["other"]
    return sized


def index_figures(output: Path, repeat: int) -> dict:
    """Time to index the whole site (best of `repeat`) and each language alone, and the sizes."""
    result: dict = {"all": None, "langs": {}}
    times = []
    for _ in range(repeat):
        shutil.rmtree(output / BUNDLE, ignore_errors=True)
        started = time.perf_counter()
        index_site(output, langs())
        times.append(time.perf_counter() - started)
    result["all"] = min(times)
    for lang in langs():
        result["langs"][lang] = index_sizes(output / BUNDLE, lang)
        # One language alone: Pagefind over that language's folder only, into a scratch folder.
        scratch = output.parent / f"search-{lang}"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(output / lang, scratch / lang)
        alone = []
        for _ in range(repeat):
            shutil.rmtree(scratch / BUNDLE, ignore_errors=True)
            started = time.perf_counter()
            index_site(scratch, [lang])
            alone.append(time.perf_counter() - started)
        result["langs"][lang]["seconds"] = min(alone)
        shutil.rmtree(scratch, ignore_errors=True)
    return result


def first_query(lang: str) -> str:
    """A query made from the content: the first title word of the first story, inflected in Kazakh."""
    story = sorted((CONTENT / "stories" / lang).glob("*.md"))[0]
    title = re.search(r"^Title:\s*(.+)$", story.read_text(encoding="utf-8"), re.M).group(1)
    word = next(w for w in re.findall(r"[^\W\d_]+", title) if len(w) >= 5)
    return word + ("ға" if lang == "kk" else "")


TIMED = """q => new Promise(done => {
  const started = performance.now();
  document.addEventListener("search:done", () => done({
    ms: performance.now() - started,
    results: document.querySelectorAll("#search-results .search-result").length,
  }), {once: true});
  document.getElementById("search-q").value = q;
  document.getElementById("search-form").requestSubmit();
})"""


def time_to_results(output: Path, repeat: int) -> dict:
    """Per language: the first query on a freshly opened search page (Pagefind, its wasm, the
    index and the word list all load then) and a second query once loaded; best of `repeat`."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(browser._Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    found: dict = {}
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.ARGS)
            for lang in langs():
                query = first_query(lang)
                cold, typed, warm, results = [], [], [], 0
                for _ in range(repeat):
                    context = chromium.new_context()
                    page = context.new_page()
                    page.goto(f"{origin}/{lang}/search/", wait_until="networkidle")
                    first = page.evaluate(TIMED, query)  # nothing loaded yet: the worst case
                    second = page.evaluate(TIMED, query[:-1] if lang == "kk" else query + "е")
                    cold.append(first["ms"])
                    warm.append(second["ms"])
                    results = first["results"]
                    context.close()
                    # As a reader: into the field (loading starts), type at 10 keys a second, Search.
                    context = chromium.new_context()
                    page = context.new_page()
                    page.goto(f"{origin}/{lang}/search/", wait_until="networkidle")
                    page.focus("#search-q")
                    page.keyboard.type(query, delay=100)
                    typed.append(page.evaluate(TIMED, query)["ms"])
                    context.close()
                found[lang] = {"query": query, "cold_ms": min(cold), "typed_ms": min(typed), "warm_ms": min(warm),
                               "results": results}  # fmt: skip
            chromium.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def page_before_query(output: Path) -> dict:
    """Every file the search page loads before the reader types, as Chromium requested them."""
    pages = [f"{lang}/search/" for lang in langs()]
    seen = browser.requested_files(output, pages)
    out = {}
    for page in pages:
        named = {f.path for f in page_weight(output, page).files}
        w = page_weight(
            output, page, css_used=seen[page].files, script_loaded=sorted(seen[page].files - named)
        )
        out[page] = {"raw": w.raw, "gzipped": w.gzipped, "files": [f.__dict__ for f in w.files]}
    return out


def kb(n: float) -> str:
    return f"{n / KB:.1f}"


def report(real: Path, largest: Path | None, n: int | None, repeat: int, use_browser: bool, out) -> dict:
    result: dict = {"real": index_figures(real, repeat)}
    if largest is not None:
        result["scale"] = index_figures(largest, 1)
        result["scale_n"] = n
    out("6. Search (Pagefind 1.5.2): index time and size per language")
    rows = []
    for name, figures in (("real site", result["real"]), (f"N = {n}", result.get("scale"))):
        if figures is None:
            continue
        for lang, f in figures["langs"].items():
            rows.append([name, lang, f["pages"], f"{f['seconds']:.2f}", f["fragment_files"],
                         kb(f["index"]), kb(f["fragments"]), kb(f["other"]), kb(f["total"])])  # fmt: skip
        rows.append([name, "all", sum(f["pages"] for f in figures["langs"].values()), f"{figures['all']:.2f}",
                     "", "", "", "", ""])  # fmt: skip
    out.table(["site", "lang", "pages", "index s", "fragments", "index KB", "fragments KB", "meta+wasm+words KB",
               "total KB"], rows)  # fmt: skip
    out(
        "  index s: wall time of generator.publish.search_index.index_site (Pagefind plus the word list), best of runs;"
    )
    out("  sizes gzipped as sent (.pf_* files are gzip already). A query fetches the index chunks it needs,")
    out("  the wasm, the metadata and one fragment per result shown, not all of them.")
    if use_browser:
        result["page"] = page_before_query(real)
        result["timing"] = time_to_results(real, repeat)
        rows = []
        for lang in langs():
            page = result["page"][f"{lang}/search/"]
            t = result["timing"][lang]
            rows.append([f"/{lang}/search/", kb(page["raw"]), kb(page["gzipped"]), kb(PAGE_BUDGET),
                         "PASS" if page["gzipped"] <= PAGE_BUDGET else "FAIL", t["query"], t["results"],
                         f"{t['cold_ms']:.0f}", f"{t['typed_ms']:.0f}", f"{t['warm_ms']:.0f}",
                         "PASS" if t["cold_ms"] <= FIRST_RESULTS_MS else "FAIL"])  # fmt: skip
        out(
            "  the search page before the first query, and the time to first results (headless Chromium, 127.0.0.1):"
        )
        out.table(["page", "raw KB", "gzip KB", "budget", "result", "query", "results", "cold ms", "typed ms", "next ms",
                   f"<= {FIRST_RESULTS_MS} ms"], rows)  # fmt: skip
        out(
            "  from pressing Search to the results on screen. cold: a fresh page, the query set by script, so"
        )
        out(
            "  Pagefind, its wasm, the index and the word list all load then (the budget applies to this case);"
        )
        out(
            "  typed: focus, type at 10 keys/s, press Search (loading starts on focus); next: a second query."
        )
        result["pass"] = all(
            result["page"][f"{lang}/search/"]["gzipped"] <= PAGE_BUDGET
            and result["timing"][lang]["cold_ms"] <= FIRST_RESULTS_MS
            for lang in langs()
        )
    out()
    return result
