"""Tests of the tests: each checker in tests/checks/ catches the problem it exists for.

tests/fixtures/broken_pages/ holds small pages that each break one check
(good.html breaks none), served from a scratch copy under /REPO/ like the
site. Every checker must report the planted problem, and nothing on the good
page, so a checker that silently passes everything fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from checks.axe import axe_violations
from checks.browser import open_as_seen, open_page
from checks.files import differences, hashes
from checks.keyboard import keyboard_problems
from checks.links import crawl, unreached
from checks.mobile import NARROW, overflow_problems, target_problems
from checks.runtime import is_tile, runtime_problems
from checks.vnu import vnu_errors
from conftest import serve

FIXTURES = Path(__file__).parent / "fixtures" / "broken_pages"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(FIXTURES, root)
    served, server = serve(root)
    yield served
    server.shutdown()


def _ids(problems: list[str]) -> set[str]:
    return {p.split(" ", 1)[0] for p in problems}


# -- axe-core -------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    "page, rule",
    [("missing-alt.html", "image-alt"), ("low-contrast.html", "color-contrast"),
     ("small-targets.html", "target-size")],
)  # fmt: skip
def test_axe_reports_the_planted_violation(browser, broken, page, rule):
    with open_page(browser, broken.url(page)) as opened:
        assert rule in _ids(axe_violations(opened.page))


@pytest.mark.browser
def test_axe_passes_the_good_page(browser, broken):
    for width in (1280, NARROW):
        with open_page(browser, broken.url("good.html"), width=width) as opened:
            assert axe_violations(opened.page) == []


# -- keyboard -------------------------------------------------------------------


@pytest.mark.browser
def test_keyboard_walk_reports_hidden_focus_and_unreachable_links(browser, broken):
    with open_page(browser, broken.url("no-focus.html")) as opened:
        problems = keyboard_problems(opened.page)
    assert any(p.startswith("focus not visible") and "hides its focus" in p for p in problems), problems
    assert any(p.startswith("not reachable by Tab") and "cannot reach" in p for p in problems), problems
    assert not any("A good link" in p for p in problems), problems


@pytest.mark.browser
def test_keyboard_walk_passes_the_good_page(browser, broken):
    with open_page(browser, broken.url("good.html")) as opened:
        assert keyboard_problems(opened.page) == []


# -- mobile ---------------------------------------------------------------------


@pytest.mark.browser
def test_overflow_check_reports_a_wide_element(browser, broken):
    with open_page(browser, broken.url("wide.html"), width=NARROW) as opened:
        problems = overflow_problems(opened.page)
    assert len(problems) == 1 and "#wide-box" in problems[0], problems


@pytest.mark.browser
def test_target_check_reports_small_crowded_targets(browser, broken):
    with open_page(browser, broken.url("small-targets.html"), width=NARROW) as opened:
        problems = target_problems(opened.page)
    assert any('"One"' in p for p in problems) and any('"Two"' in p for p in problems), problems


@pytest.mark.browser
def test_mobile_checks_pass_the_good_page(browser, broken):
    # good.html has a small link inside a sentence and a small button with room
    # around it: both WCAG 2.5.8 exceptions.
    with open_page(browser, broken.url("good.html"), width=NARROW) as opened:
        assert overflow_problems(opened.page) == []
        assert target_problems(opened.page) == []


# -- runtime --------------------------------------------------------------------


@pytest.mark.browser
def test_runtime_check_reports_console_and_script_errors(visit, broken):
    seen = visit(broken.url("console-error.html"))
    problems = runtime_problems(seen.console_errors, seen.page_errors, seen.blocked)
    assert any("console error" in p and "boom from the fixture" in p for p in problems), problems
    assert any("script error" in p and "kaboom from the fixture" in p for p in problems), problems


@pytest.mark.browser
def test_runtime_check_reports_offsite_requests_but_not_tiles(visit, broken):
    seen = visit(broken.url("offsite.html"))
    seen.page.wait_for_load_state("networkidle")
    problems = runtime_problems(seen.console_errors, seen.page_errors, seen.blocked)
    assert "request to another host: https://tracker.example.com/pixel.gif" in problems, problems
    assert not any("openstreetmap" in p for p in problems), problems


@pytest.mark.browser
def test_runtime_check_lets_map_tiles_through(visit, broken):
    seen = visit(broken.url("tiles-only.html"))
    seen.page.wait_for_load_state("networkidle")
    assert len(seen.blocked) == 2, seen.blocked  # the tiles were asked for, and aborted
    assert runtime_problems(seen.console_errors, seen.page_errors, seen.blocked) == []


def test_tile_pattern():
    assert is_tile("https://tile.openstreetmap.org/3/4/2.png")
    assert is_tile("https://a.basemaps.cartocdn.com/light_all/12/2817/1536@2x.png")
    assert not is_tile("http://tile.openstreetmap.org/3/4/2.png")  # not over https
    assert not is_tile("https://cdn.example.com/leaflet/1.9.3/leaflet.js")
    assert not is_tile("https://fonts.example.com/css2/400/700/1.css")


# -- links ----------------------------------------------------------------------


def test_link_crawl_reports_each_broken_link_and_nothing_else(broken):
    result = crawl(broken.url())
    found = "\n".join(result.problems)
    expected = [
        "missing.html answers 404",
        "other.html has no id 'nowhere'",
        "dead-links.html has no id 'nowhere-here'",
        f"{broken.base.split('/REPO/')[0]}/pixel.svg answers 404",  # root-absolute: escapes /REPO/
        "loads from another host: https://cdn.example.com/theme.css",
    ]
    for text in expected:
        assert text in found, f"{text!r} not reported:\n{found}"
    assert len(result.problems) == len(expected), found
    assert unreached(broken, result.pages) == ["orphan.html"]


# -- Nu HTML Checker ------------------------------------------------------------


def test_vnu_reports_invalid_pages_only(broken):
    root = broken.root
    errors = vnu_errors(sorted(root.glob("*.html")))
    invalid = " ".join(errors.get(root / "invalid.html", []))
    assert "Duplicate ID" in invalid and "Stray end tag" in invalid, errors
    assert "alt" in " ".join(errors.get(root / "missing-alt.html", [])), errors
    assert set(errors) == {root / "invalid.html", root / "missing-alt.html"}, errors


# -- comparing builds -----------------------------------------------------------


def test_folder_comparison_sees_one_changed_byte_and_an_extra_file(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(FIXTURES, a)
    shutil.copytree(FIXTURES, b)
    assert differences(a, b) == [] and hashes(a) == hashes(b)
    page = b / "good.html"
    page.write_bytes(page.read_bytes().replace(b"Good page", b"Good Page", 1))
    (b / "extra.txt").write_text("x")
    found = differences(a, b)
    assert any(f.startswith("good.html differs") for f in found), found
    assert any(f.endswith(": extra.txt") for f in found), found
    assert hashes(a) != hashes(b)


@pytest.mark.browser
def test_pages_that_redirect_by_script_are_checked_without_scripts(browser, tmp_path):
    page = (FIXTURES / "other.html").read_text(encoding="utf-8")
    script = '<script>location.replace("other.html")</script>'
    (tmp_path / "redirects.html").write_text(page.replace("</main>", "</main>" + script), encoding="utf-8")
    (tmp_path / "other.html").write_text(page.replace("Other page", "Landing page"), encoding="utf-8")
    served, server = serve(tmp_path)
    try:
        with open_page(browser, served.url("redirects.html")) as opened:
            assert opened.page.url == served.url("other.html")  # the script does redirect
        with open_as_seen(browser, served.url("redirects.html")) as opened:
            assert opened.page.url == served.url("redirects.html")
            assert opened.page.evaluate("() => document.title") == "Other page"
    finally:
        server.shutdown()


# -- the page walk (checks/walk.py, used by test_pages.py) ------------------------------------

DARK_ONLY = "<style>@media (prefers-color-scheme: dark) { body, main, p { background: #000; color: #111; } }</style>"
ALT_BY_SCRIPT = '<img id="late" src="pixel.svg"><script>document.getElementById("late").alt = "Grey"</script>'


@pytest.mark.browser
def test_the_page_walk_puts_each_planted_problem_in_its_view(browser, tmp_path):
    """Each view of the walk sees what only it can: a planted problem shows where it belongs,
    and the good page shows nothing in any view."""
    from checks import walk

    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    good = (FIXTURES / "good.html").read_text(encoding="utf-8")
    (site / "dark-only.html").write_text(good.replace("</head>", DARK_ONLY + "</head>"), encoding="utf-8")
    (site / "alt-by-script.html").write_text(good.replace("</main>", ALT_BY_SCRIPT + "</main>"), encoding="utf-8")
    served, server = serve(site)
    names = ["good.html", "console-error.html", "offsite.html", "dead-links.html", "no-focus.html",
             "wide.html", "small-targets.html", "dark-only.html", "alt-by-script.html"]  # fmt: skip
    try:
        found = walk.published(browser, served, [(name, served.url(name)) for name in names])
    finally:
        server.shutdown()
    flagged = {view: sorted(page for page, problems in pages.items() if problems) for view, pages in found.items()}
    assert "console error" in " ".join(found["runtime"]["console-error.html"])
    assert "request to another host" in " ".join(found["runtime"]["offsite.html"])
    assert found["files"]["dead-links.html"] == [f"404 {served.base.split('/REPO/')[0]}/pixel.svg"]
    assert "no-focus.html" in flagged["keyboard"] and "no-focus.html" in flagged["keyboard, no scripts"]
    assert flagged["overflow, narrow"] == ["wide.html"]
    assert "small-targets.html" in flagged["targets, narrow"]
    assert flagged["axe, dark"] == ["dark-only.html"], "the dark view must see the dark scheme, and only it"
    assert "dark-only.html" not in flagged["axe"]
    assert "alt-by-script.html" in flagged["axe, no scripts"], "the view without scripts must not run them"
    assert "alt-by-script.html" not in flagged["axe"], found["axe"]["alt-by-script.html"]
    for view, pages in found.items():
        if view != "final url":
            assert pages.get("good.html") in ([], None), f"{view}: {pages.get('good.html')}"
