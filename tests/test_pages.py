"""Every page in Chromium, every view a reader has of it (issues 5, 6, 15 and 16).

The published build, as readers get it under /REPO/ (the 404 page at a missing
address), in four views (checks/walk.py): with scripts, in the dark scheme, at
320 px and without scripts. With scripts: no script or console error, nothing
asked of a host but 127.0.0.1 except map tiles, every file the page loads (by
markup, style or script) found under the sub-path, axe-core's WCAG 2.2 A/AA
rules and a keyboard walk. In the dark: axe again, the charts' and maps'
painted colours, and the live map with a popup open. At 320 px: no sideways
scrolling (WCAG 1.4.10), tap targets of 24 px or spaced (WCAG 2.5.8), axe.
Without scripts: axe and the keyboard walk over the static fallbacks. The
development build (`make html`): the runtime check, and no page but the search
page loading search code before a reader searches.

Each page is opened once per view. The pages are dealt into SHARDS shards, a
test class each (`TestShard1`...), so that `--dist loadscope` gives whole
shards to the two workers, which share the walk; every check is a test of
each shard. A shard's walk is made once per run, by the first worker to ask.
"""

from __future__ import annotations

import pytest
from checks import walk
from checks.dark import scripted
from checks.pages import reader_urls, report, site_pages
from conftest import CONTENT, shared

SHARDS = 4
SEARCH_CODE = ("/pagefind/", "/theme/js/search.js", "/theme/js/kk-query.js")
LANGS = sorted(p.name for p in (CONTENT / "stories").iterdir() if p.is_dir())


def share(pages: list, shard: int) -> list:
    """The pages one shard walks: every SHARDS-th, so each gets home pages, stories and embeds."""
    return pages[shard::SHARDS]


def _none(found: dict[str, list[str]], what: str) -> None:
    assert found, "no page was checked"
    failing = {page: problems for page, problems in found.items() if problems}
    assert not failing, f"{what}:\n" + report(failing)


def _live_map_pages(site, pages: list[str]) -> set[str]:
    """The pages built with the live map (the home pages): its box and a script to start it."""

    def has_map(page: str) -> bool:
        path = site / page / "index.html" if page.endswith("/") or not page else site / page
        return 'class="craft-map"' in path.read_text(encoding="utf-8") and scripted(site, page)

    return {page for page in pages if has_map(page)}


def test_the_shards_deal_out_every_page_once():
    pages = [f"page-{n}" for n in range(23)]
    dealt = [share(pages, k) for k in range(SHARDS)]
    assert sorted(p for part in dealt for p in part) == sorted(pages)
    assert all(dealt), "a shard with nothing to walk"


def test_some_pages_have_a_live_map(published_site):
    assert _live_map_pages(published_site.root, site_pages(published_site.root)), "no page has the live map"


# Class-scoped: made once for each shard's class, from its `shard`.


@pytest.fixture(scope="class")
def pages(request, published_site) -> list[str]:
    return share(site_pages(published_site.root), request.cls.shard)


@pytest.fixture(scope="class")
def views(request, tmp_path_factory, browser, published_site) -> walk.Found:
    """What the published walk found on this shard's pages."""
    shard = request.cls.shard
    urls = share(reader_urls(published_site), shard)
    return shared(tmp_path_factory, f"pages-{shard}", lambda _: walk.published(browser, published_site, urls))[1]


@pytest.fixture(scope="class")
def development(request, tmp_path_factory, browser, served_site) -> walk.Found:
    shard = request.cls.shard
    urls = share([(page, served_site.url(page)) for page in site_pages(served_site.root)], shard)
    return shared(tmp_path_factory, f"development-pages-{shard}", lambda _: walk.development(browser, urls))[1]


@pytest.mark.browser
class _Shard:
    """Every check, over the pages of shard `shard` (0-based); subclassed once per shard below."""

    shard = 0

    # -- with scripts ---------------------------------------------------------------------------

    def test_axe_finds_no_wcag_violation(self, views):
        _none(views["axe"], "axe-core, with scripts")

    def test_keyboard_reaches_every_control_with_visible_focus(self, views):
        _none(views["keyboard"], "keyboard, with scripts")

    def test_published_pages_run_cleanly_and_stay_on_127_0_0_1(self, views):
        _none(views["runtime"], "runtime problems in the published build")

    def test_every_published_page_loads_all_its_files_under_the_sub_path(self, published_site, pages, views):
        """What a crawl cannot see: files that scripts and styles load (map data, images, fonts)."""
        assert set(views["files"]) == set(pages), "a page was not opened"
        for page, (final,) in views["final url"].items():
            assert final.startswith(published_site.base), (page, final)
        _none(views["files"], "files that failed under the sub-path")

    # -- in the dark ----------------------------------------------------------------------------

    def test_axe_finds_no_wcag_violation_in_the_dark(self, views):
        assert any(page.endswith("(no JS)") for page in views["axe, dark"]), "none seen dark without scripts"
        _none(views["axe, dark"], "axe-core, dark scheme")

    def test_live_map_popup_labels_and_controls_are_readable_in_the_dark(self, published_site, pages, views):
        found = views["popup, dark"]
        assert set(found) == _live_map_pages(published_site.root, pages), "a live map was not checked dark"
        assert not {page: p for page, p in found.items() if p}, "dark map, popup open:\n" + report(found)

    def test_charts_and_maps_are_painted_with_enough_contrast_in_the_dark(self, views):
        _none(views["paint, dark"], "dark charts and maps")

    # -- at 320 px ------------------------------------------------------------------------------

    def test_no_page_scrolls_sideways(self, views):
        _none(views["overflow, narrow"], "sideways scrolling at 320 px")

    def test_tap_targets_are_big_enough_or_spaced(self, views):
        _none(views["targets, narrow"], "small tap targets at 320 px")

    def test_axe_finds_no_wcag_violation_when_narrow(self, views):
        _none(views["axe, narrow"], "axe-core at 320 px")

    # -- without scripts ------------------------------------------------------------------------

    def test_axe_finds_no_wcag_violation_without_scripts(self, views):
        _none(views["axe, no scripts"], "axe-core, without scripts")

    def test_keyboard_reaches_every_control_with_visible_focus_without_scripts(self, views):
        _none(views["keyboard, no scripts"], "keyboard, without scripts")

    # -- the development build ------------------------------------------------------------------

    def test_development_pages_run_cleanly_and_stay_on_127_0_0_1(self, development):
        _none(development["runtime"], "runtime problems in the development build")

    def test_no_page_loads_search_code_before_the_reader_searches(self, served_site, development):
        # one search page per edition of the site (kk, ru, and the Latin Kazakh one)
        search_pages = {f"{p.parent.parent.name}/search/" for p in served_site.root.glob("*/search/index.html")}
        assert {f"{lang}/search/" for lang in LANGS} <= search_pages, "no search page was built"
        loaded = {
            page: [p for p in paths if any(code in p for code in SEARCH_CODE)]
            for page, paths in development["requested"].items()
        }
        offenders = {page: got for page, got in loaded.items() if got and page not in search_pages}
        assert not offenders, f"pages that load search code on their own: {offenders}"
        for page in search_pages & set(loaded):  # its own small script, but nothing of Pagefind until a query
            assert any(p.endswith("/theme/js/search.js") for p in loaded[page]), loaded[page]
            assert not any("/pagefind/" in p for p in loaded[page]), loaded[page]


class TestShard1(_Shard):
    shard = 0


class TestShard2(_Shard):
    shard = 1


class TestShard3(_Shard):
    shard = 2


class TestShard4(_Shard):
    shard = 3


def test_every_shard_has_its_class():
    shards = sorted(cls.shard for cls in _Shard.__subclasses__())
    assert shards == list(range(SHARDS)), f"shard classes {shards} for {SHARDS} shards"
