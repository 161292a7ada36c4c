"""Issue 8: the benchmark's helpers (synthetic content, page weight, baseline, regenerate).

These check that the harness measures the right thing; they time nothing.
`make bench` runs the benchmarks themselves.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, build_ok, copy_content
from shapely.geometry import Point, shape

from bench import issue17, timing
from bench.__main__ import Report
from bench.synthetic import city_id, make_content
from bench.weight import css_references, gzip_size, heavy_parts, html_references, page_weight, resolve
from generator.data.model import load_dataset

N = 3


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return make_content(tmp_path_factory.mktemp("bench") / "content", N, CONTENT)


def _words(markdown: str) -> int:
    body = markdown.split("\n\n", 1)[1]  # after the metadata
    return len(re.sub(r"\[(fig|cite):[^\]]*\]|#", " ", body).split())


def test_synthetic_content_extends_a_copy_with_valid_cities(synthetic):
    real = load_dataset(CONTENT)
    data = load_dataset(synthetic)  # schema and cross-checks: raises on any problem
    ids = [c["id"] for c in data.cities]
    assert ids[: len(real.cities)] == [c["id"] for c in real.cities], "the real cities are kept"
    assert ids[len(real.cities) :] == [city_id(i) for i in range(1, N + 1)]
    assert len(set(ids)) == len(ids)
    outline = shape(data.outline["features"][0]["geometry"])
    for city in data.cities[len(real.cities) :]:
        assert outline.contains(Point(city["coordinates"]["lon"], city["coordinates"]["lat"])), city["id"]
        cited = {
            s for block in (*city["statuses"], *city["crafts"], *city["figures"]) for s in block["sources"]
        }
        assert cited <= set(data.source_by_id)
        for lang in ("kk", "ru"):
            text = (synthetic / "stories" / lang / f"{city['id']}.md").read_text(encoding="utf-8")
            assert 330 <= _words(text) <= 480, f"{lang}/{city['id']}: {_words(text)} words"
            for fig in city["figures"]:
                assert f"[fig:{fig['id']}]" in text
            assert "[cite:" in text
    # The real content is only read.
    assert not list((CONTENT / "stories" / "kk").glob("bench-*.md"))


def test_synthetic_content_builds_and_renders_its_markers(synthetic, tmp_path):
    out = build_ok(synthetic, tmp_path / "out")
    for i in range(1, N + 1):
        for lang in ("kk", "ru"):
            page = (out / lang / city_id(i) / "index.html").read_text(encoding="utf-8")
            assert f'data-figure="{city_id(i)}-masters"' in page
            assert "[fig:" not in page and "[cite:" not in page


def test_baseline_is_plain_pelican_on_the_same_markdown(synthetic, tmp_path):
    out = tmp_path / "bare"
    took = timing.build(synthetic, out, conf=timing.BARE_CONF)  # --fatal warnings: raises on any warning
    assert took.cpu > 0, "the CPU time of the build process is counted"
    stories = {p.parent.name for p in out.glob("kk/*/index.html")}
    assert {city_id(i) for i in range(1, N + 1)} <= stories
    page = (out / "kk" / city_id(1) / "index.html").read_text(encoding="utf-8")
    assert "[fig:" in page, "no plugin ran: markers are left as written"
    assert not (out / "data").exists() and not (out / "kk" / "index.html").exists()


def test_regenerate_measurement_rebuilds_and_restores_the_story(tmp_path):
    content = copy_content(tmp_path)
    story = sorted((content / "stories" / "kk").glob("*.md"))[0]
    before = story.read_bytes()
    cache = tmp_path / "cache"
    result = timing.in_process(content, tmp_path / "out", "--edit", str(story), "--times", "1", cache=cache)
    assert len(result["rebuilds"]) == 1 and result["rebuilds"][0]["cpu"] > 0
    assert story.read_bytes() == before
    assert list((cache / "og").rglob("*")), "the build used the bench's own cache folder, not the repository's"
    assert "Edit 1 made by the benchmark." in (tmp_path / "out" / "kk" / story.stem / "index.html").read_text(
        encoding="utf-8"
    )


# -- page weight --------------------------------------------------------------

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../theme/site.css">
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="../touch.png">
<link rel="alternate" hreflang="ru" href="../ru/">
<link rel="canonical" href="https://example.org/kk/">
<script src="https://cdn.example.com/lib.js"></script>
<script defer src="../js/app.js?v=1"></script>
<script>var inline = "url(../not-a-file.png)";</script>
</head><body>
<a href="../about/">About</a>
<img src="../img/a.png" alt=""><img src="../img/a.png" alt="again">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="">
<img src="/img/gone.png" alt="">
<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/><use href="#local"/></svg>
</body></html>
"""
CSS = """@import "more.css";
/* url(commented-out.png) */
.a { background: url("fonts/f.woff2") }
.b { background-image: url(../img/bg.png); }
.c { background: url(data:image/gif;base64,R0lGOD==) }
"""


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    files = {
        "kk/index.html": PAGE,
        "theme/site.css": CSS,
        "theme/more.css": ".m { color: red }",
        "theme/fonts/f.woff2": "F" * 300,
        "favicon.svg": "<svg/>",
        "touch.png": "T" * 5000,
        "js/app.js": "console.log('app');" * 20,
        "img/a.png": "A" * 123,
        "img/bg.png": "B" * 77,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_weight_counts_every_same_origin_file_once(tiny_site):
    w = page_weight(tiny_site, "kk/")
    expected = [
        "kk/index.html",
        "theme/site.css",
        "favicon.svg",
        "js/app.js",
        "img/a.png",
        "theme/more.css",
        "theme/fonts/f.woff2",
        "img/bg.png",
    ]
    assert [f.path for f in w.files] == expected
    assert w.missing == ["img/gone.png"]
    assert w.raw == sum((tiny_site / p).stat().st_size for p in expected)
    assert w.gzipped == sum(gzip_size((tiny_site / p).read_bytes()) for p in expected)
    assert {f.path: f.via for f in w.files}["img/bg.png"] == "css"


def test_weight_keeps_only_the_stylesheet_urls_a_browser_used(tiny_site):
    w = page_weight(tiny_site, "kk/", css_used={"img/bg.png"}, script_loaded=["img/a.png", "touch.png"])
    paths = [f.path for f in w.files]
    assert "img/bg.png" in paths and "theme/fonts/f.woff2" not in paths
    assert "theme/more.css" in paths, "imported stylesheets are followed regardless"
    assert paths.count("img/a.png") == 1 and paths[-1] == "touch.png"


def test_references_and_resolution():
    assert html_references(PAGE.encode())[:3] == [
        "../theme/site.css",
        "../favicon.svg",
        "https://cdn.example.com/lib.js",
    ]
    assert css_references(CSS) == [
        "more.css",
        "fonts/f.woff2",
        "../img/bg.png",
        "data:image/gif;base64,R0lGOD==",
    ]
    assert resolve("kk/index.html", "../theme/a.css") == "theme/a.css"
    assert resolve("kk/index.html", "../") == "index.html"
    assert resolve("kk/almaty/index.html", "/kk/") == "kk/index.html"
    assert resolve("kk/index.html", "https://cdn.example.com/x.js") is None
    assert resolve("kk/index.html", "//cdn.example.com/x.js") is None
    assert resolve("kk/index.html", "data:image/png;base64,xx") is None
    assert resolve("kk/index.html", "#map") is None
    site = "https://user.github.io/REPO"
    assert resolve("kk/index.html", f"{site}/theme/css/site.css", site) == "theme/css/site.css"


def test_bench_results_are_gitignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "/bench-results/" in ignored


def test_bench_command_line_help():
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "--profile" in result.stdout and "--sizes" in result.stdout


def test_heavy_parts_name_the_big_inline_pieces_once():
    rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(400))
    page = f"""<html><body><script>{"var x = 1;" * 800}</script><script src="a.js"></script>
    <div><table class="data">{rows}</table></div><ul id="small"><li>a</li></ul>
    <section><svg class="chart"><g>{"<circle r='1'/>" * 400}</g></svg></section></body></html>"""
    parts = heavy_parts(page.encode(), min_bytes=1000)
    assert sorted(p[0] for p in parts) == ["script", "svg.chart", "table.data"], (
        "small and linked ones left out"
    )
    assert [p[1] for p in parts] == sorted((p[1] for p in parts), reverse=True), "largest first"
    assert all(gz < raw for _label, raw, gz in parts)


def test_issue17_table_puts_every_figure_beside_its_target():
    results = {
        "real": {"full_cpu": 1.5},
        "weight": {"kk/": {"gzipped": 59_000}, "ru/": {"gzipped": 61_000}, "kk/almaty/": {"gzipped": 90_000}},
        "scale": {1000: {"ratio": 2.5, "ratio_warm": 1.9}},
        "map": {"kk/": {"gzipped": 70_000}, "ru/": {"gzipped": 75_000}},
        "devserver": {"n": 1000, "wall": 2.5, "cpu": 2.4},
    }
    out = Report()
    rows = {r[0]: r for r in issue17.table(results, out)}
    assert rows["home page gzip, real cities (worst language)"][1:] == ["61.0 KB", "<= 60 KB", "FAIL"], "the worse home"
    assert rows["home page gzip, N = 1000"][3] == "PASS"
    assert rows["build CPU / plain Pelican, N = 1000, cold cache"][3] == "FAIL"
    assert rows["build CPU / plain Pelican, N = 1000, warm cache"][3] == "PASS"
    assert rows["devserver rebuild after one story edit, N = 1000"][3] == "PASS"
    assert rows["cold build of the real site, CPU"][3] == "PASS"
    assert rows["Lighthouse mobile performance, home (every run)"][3] == "not measured"
    assert any("Lighthouse: not measured" in line for line in out.lines)
    results["lighthouse"] = {"performance": [100, 98], "best_practices": [100]}
    rows = {r[0]: r for r in issue17.table(results, out)}
    assert rows["Lighthouse mobile performance, home (every run)"][1:] == ["100, 98", "100", "FAIL"], "the worst run"
    assert rows["Lighthouse best practices, home"][3] == "PASS"
