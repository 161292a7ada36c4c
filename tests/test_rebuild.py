"""Issue 17: an editor's rebuild under `make devserver` (one Pelican instance, `run()` again).

Whatever a rebuild saves (Markdown remembered per file, generator/source_memo.py;
pictures and Latin pages from the build cache), it must write exactly what a
fresh `make html` of the same files writes: a changed title reaches the story,
the home page, the story index, the feed and the Latin edition.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, copy_content

from generator.translit import to_latin


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _instance(content: Path, output: Path, cache: Path):
    from pelican import get_instance, parse_arguments

    options = [str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings"]
    pelican, _settings = get_instance(parse_arguments([*options, "-e", f'BUILD_CACHE_DIR="{cache}"']))
    return pelican


def test_rebuild_after_an_edit_writes_what_a_fresh_build_writes(tmp_path):
    content = copy_content(tmp_path)
    cache = tmp_path / "cache"
    story = sorted((content / "stories" / "kk").glob("*.md"))[0]
    text = story.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0].removeprefix("Title: ")
    new_title = "Жаңа тақырып өзгертілді"

    served = tmp_path / "served"
    devserver = _instance(content, served, cache)
    devserver.run()
    other = sorted((content / "stories" / "kk").glob("*.md"))[-1].stem
    untouched = [served / "ru" / other / "index.html", *sorted((served / "ru" / "embed").glob("*/index.html"))]
    stamps = [p.stat().st_mtime_ns for p in untouched]
    story.write_text(text + "\nРедактор қосқан жаңа абзац.\n", encoding="utf-8")
    devserver.run()  # what `pelican -r` does on a save
    # Pages that cannot show a change to the story's text are not rendered again (publish/rebuild.py)...
    assert [p.stat().st_mtime_ns for p in untouched] == stamps
    assert "Редактор қосқан жаңа абзац." in (served / "kk" / story.stem / "index.html").read_text(encoding="utf-8")
    # ...and the site is what a fresh build of the same files writes.
    fresh = tmp_path / "fresh"
    _instance(content, fresh, tmp_path / "fresh-cache").run()
    assert _tree(served) == _tree(fresh), "the rebuild differs from a fresh build of the same files"
    # A new title (a header, which other pages show) reaches every page that shows it.
    story.write_text(
        text.replace(f"Title: {title}", f"Title: {new_title}", 1) + "\nРедактор қосқан жаңа абзац.\n",
        encoding="utf-8",
    )
    devserver.run()
    page = (served / "kk" / story.stem / "index.html").read_text(encoding="utf-8")
    assert new_title in page and "Редактор қосқан жаңа абзац." in page
    for listing in ("kk/stories/index.html", "kk/feed.xml"):  # the home page lists cities, not titles
        written = (served / listing).read_text(encoding="utf-8")
        assert new_title in written and title not in written, f"{listing} shows a stale title"
    assert to_latin(new_title) in (served / "kk-latn" / story.stem / "index.html").read_text(encoding="utf-8")


def test_latin_edition_keeps_nothing_of_a_page_removed_from_kk(tmp_path):
    from generator.build_cache import BuildCache
    from generator.publish.latin import write_edition

    page = '<!doctype html><html lang="kk"><head><title>Тараз</title></head><body><p>Қала</p></body></html>\n'
    for slug in ("taraz", "almaty"):
        (tmp_path / "kk" / slug).mkdir(parents=True)
        (tmp_path / "kk" / slug / "index.html").write_text(page, encoding="utf-8")
    cache = BuildCache(tmp_path / "cache")
    write_edition(str(tmp_path), "", cache)
    kept = tmp_path / "kk-latn" / "taraz" / "index.html"
    first = kept.read_bytes()
    assert to_latin("Қала") in first.decode("utf-8")
    (tmp_path / "kk" / "almaty" / "index.html").unlink()
    (tmp_path / "kk" / "almaty").rmdir()
    write_edition(str(tmp_path), "", cache)
    assert not (tmp_path / "kk-latn" / "almaty").exists(), "a removed page's twin and its folder are gone"
    assert kept.read_bytes() == first and cache.hits == 1
