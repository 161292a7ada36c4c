"""Issue 17's figures side by side: the home page's weight, Lighthouse, the build's cost.

`devserver_at_scale` times what an editor waits for under `make devserver` at
the largest N (a story edited, `pelican.run()` again in the same process, as
bench/inprocess.py does for the real site); `table` prints every figure of the
issue with its target, from the results the other sections measured. Lighthouse
is measured by the home map's part of the issue: its results go under
results["lighthouse"] ({"performance": [scores...], "best_practices": [...]},
runs of the home page, mobile); until then the row says it was not measured.
"""

from __future__ import annotations

from pathlib import Path

from . import timing

HOME_BUDGET_SCALE = 80_000  # bytes gzipped at N = 1,000
HOME_BUDGET_REAL = 60_000  # bytes gzipped with today's three cities
MAX_RATIO = 2.0
MAX_REBUILD = 3.0
MAX_REAL_COLD = 2.0


def devserver_at_scale(tmp: Path, n: int, repeat: int, out) -> dict:
    """Regenerate-mode rebuilds after editing one synthetic story, with the warm cache of the N build."""
    folder = tmp / f"n{n}"
    story = sorted((folder / "content" / "stories" / "kk").glob("bench-*.md"))[0]
    r = timing.in_process(
        folder / "content", folder / "regen", "--edit", str(story), "--times", str(repeat), cache=folder / "cache-0"
    )
    result = {
        "n": n,
        "edited": f"stories/kk/{story.name}",
        "first": r["full"],
        "rebuilds": r["rebuilds"],
        "cpu": min(x["cpu"] for x in r["rebuilds"]),
        "wall": min(x["wall"] for x in r["rebuilds"]),
    }
    out(f"3b. An editor's rebuild under make devserver at N = {n}")
    out(
        f"  after editing {result['edited']}: {result['cpu']:.2f} s CPU, {result['wall']:.2f} s wall "
        f"(best of {len(r['rebuilds'])}; the first run of the process took {r['full']['cpu']:.2f} s CPU)"
    )
    out()
    return result


def _verdict(value: float | None, limit: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "not measured"
    ok = value >= limit if higher_is_better else value <= limit
    return "PASS" if ok else "FAIL"


def _home_gzip(pages: dict) -> float | None:
    homes = [v["gzipped"] for k, v in pages.items() if k.count("/") == 1 and k.endswith("/")]
    return max(homes) if homes else None


def table(results: dict, out) -> list[list[str]]:
    """The issue's figures, each with its target and verdict; printed and returned."""
    scale = results.get("scale", {})
    big = max((n for n in scale if isinstance(n, int)), default=None)
    s = scale.get(big, {}) if big else {}
    real = results.get("real", {})
    home_real = _home_gzip(results.get("weight", {}))
    home_big = _home_gzip(results.get("map", {}))
    lighthouse = results.get("lighthouse") or {}
    perf, practices = lighthouse.get("performance"), lighthouse.get("best_practices")
    dev = results.get("devserver") or {}
    rows = [
        ["home page gzip, real cities (worst language)", f"{home_real / 1000:.1f} KB" if home_real else "-",
         "<= 60 KB", _verdict(home_real, HOME_BUDGET_REAL)],
        [f"home page gzip, N = {big}", f"{home_big / 1000:.1f} KB" if home_big else "-", "<= 80 KB",
         _verdict(home_big, HOME_BUDGET_SCALE)],
        ["Lighthouse mobile performance, home (every run)", ", ".join(map(str, perf)) if perf else "-", "100",
         _verdict(min(perf) if perf else None, 100, higher_is_better=True)],
        ["Lighthouse best practices, home", ", ".join(map(str, practices)) if practices else "-", "100",
         _verdict(min(practices) if practices else None, 100, higher_is_better=True)],
        [f"build CPU / plain Pelican, N = {big}, cold cache", f"{s['ratio']:.2f}" if s else "-", "<= 2.0",
         _verdict(s.get("ratio"), MAX_RATIO)],
        [f"build CPU / plain Pelican, N = {big}, warm cache", f"{s['ratio_warm']:.2f}" if s else "-", "<= 2.0",
         _verdict(s.get("ratio_warm"), MAX_RATIO)],
        [f"devserver rebuild after one story edit, N = {dev.get('n', big)}",
         f"{dev['wall']:.2f} s wall ({dev['cpu']:.2f} CPU)" if dev else "-", "<= 3 s", _verdict(dev.get("wall"), MAX_REBUILD)],
        ["cold build of the real site, CPU", f"{real['full_cpu']:.2f} s" if real else "-", "<= 2 s",
         _verdict(real.get("full_cpu"), MAX_REAL_COLD)],
    ]  # fmt: skip
    out("Issue 17: every figure side by side")
    out.table(["figure", "measured", "target", "result"], rows)
    if not lighthouse:
        out("  Lighthouse: not measured in this run (the home map's part of issue 17 adds it to the bench)")
    out()
    return rows
