"""Issue 17: the build cache (generator/build_cache.py) and the palette preview pictures.

The cache may only ever save time: a build with it cold, warm, or deleted
half-way through writes the same bytes, and a damaged entry is a miss.
"""

from __future__ import annotations

import io
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, copy_content, real_data
from PIL import Image

from generator.build_cache import BuildCache, code_version, digest
from generator.publish import preview_images


def test_entries_round_trip_and_a_damaged_one_is_a_miss(tmp_path):
    cache = BuildCache(tmp_path / "c")
    key = digest("picture", "of", "Taraz")
    assert cache.get("og", key) is None
    cache.put("og", key, b"\x89PNG bytes")
    assert cache.get("og", key) == b"\x89PNG bytes"
    assert cache.fetch("og", key, lambda: pytest.fail("made again although cached")) == b"\x89PNG bytes"
    (entry,) = (tmp_path / "c" / "og").rglob(key)
    entry.write_bytes(entry.read_bytes()[:-5])  # a partial write, as a crash would leave
    assert cache.get("og", key) is None
    entry.write_bytes(b"")
    assert cache.get("og", key) is None
    assert cache.fetch("og", key, lambda: b"made") == b"made" and cache.get("og", key) == b"made"
    assert not list((tmp_path / "c").rglob(".tmp-*")), "no temporary file is left behind"


def test_keys_tell_their_parts_apart(tmp_path):
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("x = 1\n")
    b.write_text("y = 2\n")
    before = code_version([a, b])
    b.write_text("y = 3\n")
    assert code_version([a, b]) != before, "an edit to the renderer's code is a new key"


def test_a_missing_or_unwritable_folder_only_costs_time(tmp_path):
    off = BuildCache(None)
    off.put("og", "k", b"x")
    assert off.get("og", "k") is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = BuildCache(blocked / "cache")
    cache.put("og", digest("k"), b"x")  # cannot be written: no error
    assert cache.get("og", digest("k")) is None


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _delete_half(cache: Path, seed: int) -> int:
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    doomed = random.Random(seed).sample(entries, len(entries) // 2)
    for p in doomed:
        p.unlink()
    return len(doomed)


def test_preview_pictures_are_the_same_cold_warm_and_half_deleted(tmp_path):
    data = real_data()
    cache_dir = tmp_path / "cache"
    trees = []
    for run in range(3):
        cache = BuildCache(cache_dir)
        preview_images.write_images(data, str(tmp_path / f"out{run}"), cache)
        trees.append(_tree(tmp_path / f"out{run}"))
        pictures = len(data.cities) + 1
        if run == 0:
            assert cache.misses == pictures and cache.hits == 0
        elif run == 1:
            assert cache.hits == pictures and cache.misses == 0, "a warm cache draws nothing"
            assert _delete_half(cache_dir, 17) == pictures // 2
    assert trees[0] == trees[1] == trees[2]
    uncached = tmp_path / "uncached"
    preview_images.write_images(data, str(uncached))
    assert _tree(uncached) == trees[0]


def test_palette_pictures_look_the_same_as_the_drawing(tmp_path):
    """Encoded with 256 colours (png_palette.py), each picture stays what was drawn to the eye:
    flat colours exact, under one level in 255 on average, edges within a few levels."""
    data = real_data()
    preview_images.write_images(data, str(tmp_path))
    painter = preview_images.MapPainter(data)
    flat = {preview_images.PAPER, preview_images.LAND, preview_images.BORDER}
    for city_id in [*(c["id"] for c in data.cities), None]:
        drawn = painter.city(city_id) if city_id else painter.site()
        png = (tmp_path / preview_images.og_image_path(city_id)).read_bytes()
        with Image.open(io.BytesIO(png)) as img:
            assert img.mode == "P" and img.size == preview_images.OG_SIZE
            written = np.asarray(img.convert("RGB"), dtype=int)
        want = np.asarray(drawn, dtype=int)
        diff = np.abs(written - want).max(axis=-1)
        assert diff.mean() < 1.0, city_id
        assert np.percentile(diff, 99.9) <= 16, city_id
        exact = np.isin(want.reshape(-1, 3).dot([65536, 256, 1]), [r * 65536 + g * 256 + b for r, g, b in flat])
        assert (diff.reshape(-1)[exact] == 0).all(), f"{city_id}: a flat colour changed"


def _build(content: Path, output: Path, cache: Path) -> None:
    """One in-process Pelican run, as `make html` runs it, with its own cache folder."""
    from pelican import get_instance, parse_arguments

    options = [str(content), "-o", str(output), "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings"]
    pelican, _settings = get_instance(parse_arguments([*options, "-e", f'BUILD_CACHE_DIR="{cache}"']))
    pelican.run()


def test_site_is_byte_identical_cold_warm_and_half_deleted(tmp_path):
    content = copy_content(tmp_path)
    cache = tmp_path / "cache"
    _build(content, tmp_path / "cold", cache)
    entries = sum(1 for p in cache.rglob("*") if p.is_file())
    assert entries > len(real_data().cities), "the build filled its cache"
    _build(content, tmp_path / "warm", cache)
    _delete_half(cache, 3)
    _build(content, tmp_path / "half", cache)
    cold = _tree(tmp_path / "cold")
    assert cold == _tree(tmp_path / "warm")
    assert cold == _tree(tmp_path / "half")
    kinds = ("pages", "markdown", "copycheck")
    before = {kind: _entries(cache, kind) for kind in kinds}
    assert len(before["pages"]) >= 2 * len(real_data().cities), "story pages are kept"
    story = content / "stories" / "kk" / "almaty.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nБір жаңа абзац.\n", encoding="utf-8")
    _build(content, tmp_path / "edited", cache)
    _build(content, tmp_path / "fresh", tmp_path / "fresh-cache")
    assert _tree(tmp_path / "edited") == _tree(tmp_path / "fresh"), "an edit is never hidden by the cache"
    made = {kind: len(set(_entries(cache, kind)) - set(before[kind])) for kind in kinds}
    # The story's page and its translation's (which links it) are made again; no other page.
    assert made == {"pages": 2, "markdown": 1, "copycheck": 1}


def test_cache_folder_is_ignored_by_git_and_cleaned():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".cache/og/ab/abcdef"], cwd=ROOT, capture_output=True
    )
    assert ignored.returncode == 0, ".cache/ is not ignored by git"
    clean = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert " .cache " in clean.stdout, "make clean does not delete .cache/"


# -- what a warm build re-uses besides pictures: Markdown, the copy check, the dataset, pages


def _entries(cache: Path, kind: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((cache / kind).rglob("*")) if p.is_file()}


def _settings(cache: Path) -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"), override={"BUILD_CACHE_DIR": str(cache)})


def _read_markdown(path: Path, cache: Path):
    """A fresh reader of a fresh run's settings (no in-process memo): only the build cache is shared."""
    from generator.source_memo import RememberingMarkdownReader

    content, meta = RememberingMarkdownReader(_settings(cache)).read(str(path))
    return content, {k: str(v) for k, v in meta.items()}


def test_markdown_is_converted_once_and_its_metadata_processed_every_time(tmp_path, monkeypatch):
    import generator.source_memo as source_memo

    story = tmp_path / "almaty.md"
    story.write_bytes((ROOT / "content" / "stories" / "kk" / "almaty.md").read_bytes())
    cache = tmp_path / "cache"
    cold = _read_markdown(story, cache)
    (key,) = _entries(cache, "markdown")
    with monkeypatch.context() as m:
        m.setattr(source_memo, "Markdown", lambda **_: pytest.fail("converted again although cached"))
        assert _read_markdown(story, cache) == cold
    (entry,) = (cache / "markdown").rglob(key)
    entry.write_bytes(entry.read_bytes()[:100])  # a partial entry is ignored and rewritten
    assert _read_markdown(story, cache) == cold
    assert BuildCache(cache).get("markdown", key) is not None
    story.write_text(story.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    edited = _read_markdown(story, cache)
    assert edited[0] != cold[0] and "A new paragraph." in edited[0]
    assert set(_entries(cache, "markdown")) > {key}, "the edited file has its own entry; the old one is kept"


def test_a_markdown_warning_is_given_again_from_the_cache(tmp_path, caplog):
    text = "Title: X\nSlug: one\nSlug: two\nDate: 2026-01-01\n\nText.\n"
    for run in ("cold", "warm"):  # two names: Pelican's log filter drops a message it has shown
        story = tmp_path / f"{run}.md"
        story.write_text(text, encoding="utf-8")
        caplog.clear()
        assert _read_markdown(story, tmp_path / "cache")[1]["slug"] == "one"
        assert any(f"Duplicate definition of `slug` for {story}" in r.getMessage() for r in caplog.records), run
    assert len(_entries(tmp_path / "cache", "markdown")) == 1, "the second file was read from the cache"


def test_the_copy_checks_verdict_is_kept_and_replayed(tmp_path, monkeypatch):
    from generator.checks import sources
    from generator.data import fingerprint as fp

    sentence = "мастера древнего города показали ковры и керамику на большой ярмарке"
    archive, content = tmp_path / "archive", tmp_path / "content"
    archive.mkdir()
    (archive / "a.txt").write_text(f"Вступление. {sentence}. Конец.", encoding="utf-8")
    (content / "stories").mkdir(parents=True)
    (content / "data").mkdir()
    (content / sources.FINGERPRINT).write_text(fp.dump(fp.fingerprint_of(archive)), encoding="utf-8")
    copied, own = content / "stories" / "copied.md", content / "stories" / "own.md"
    copied.write_text(f"Title: X\n\nНачало.\n{sentence}!\n", encoding="utf-8")
    own.write_text("Title: Y\n\nСвоими словами.\n", encoding="utf-8")
    articles, cache = fp.load(content / sources.FINGERPRINT), BuildCache(tmp_path / "cache")
    cold = sources.copy_problems(content, articles, None, cache)
    assert len(cold) == 1 and cold[0].startswith("content/stories/copied.md: line 4: 10 words in a row")
    before = _entries(tmp_path / "cache", sources.COPY)
    with monkeypatch.context() as m:
        m.setattr(sources, "repeated_runs", lambda *_: pytest.fail("compared again although cached"))
        assert sources.copy_problems(content, articles, None, cache) == cold, "the same line, every build"
    own.write_text("Title: Y\n\nДругими словами.\n", encoding="utf-8")
    assert sources.copy_problems(content, articles, None, cache) == cold
    after = _entries(tmp_path / "cache", sources.COPY)
    assert len(after) == 3 and set(before) < set(after), "only the changed file was compared again"
    for entry in (tmp_path / "cache" / sources.COPY).rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"damaged")
    assert sources.copy_problems(content, articles, None, cache) == cold
    remade = {k for k, v in _entries(tmp_path / "cache", sources.COPY).items() if v == after[k]}
    assert len(remade) == 2, "the two files' damaged entries are made again (the old text's is not read)"


def test_the_dataset_is_kept_only_when_valid(tmp_path, monkeypatch):
    from generator.checks import preflight
    from generator.errors import ContentError

    content, cache = copy_content(tmp_path), BuildCache(tmp_path / "cache")
    data = preflight._dataset(content, {}, cache)
    with monkeypatch.context() as m:
        m.setattr(preflight, "load_dataset", lambda _: pytest.fail("loaded again although cached"))
        assert preflight._dataset(content, {}, cache) == data
    cities = content / "data" / "cities.yaml"
    cities.write_text(cities.read_text(encoding="utf-8").replace("lat:", "latitude:", 1), encoding="utf-8")
    for _run in ("cold", "warm"):  # the same failure both times: nothing was kept
        with pytest.raises(ContentError, match=r"cities\.yaml"):
            preflight._dataset(content, {}, cache)
    assert len(_entries(tmp_path / "cache", preflight.DATASET)) == 1, "a broken dataset is never kept"


def test_templates_are_compiled_once_per_source_and_options(tmp_path):
    from jinja2 import DictLoader, Environment

    from generator.compiled_templates import KIND, CompiledTemplates

    source = {"t.html": "{% if x %}\n  <b>{{ x }}</b>\n{% endif %}\n"}
    trim = {"trim_blocks": True, "lstrip_blocks": True}

    def render(cached: bool, x: str, **options) -> str:
        env = Environment(loader=DictLoader(source), autoescape=True, **options)
        if cached:  # a new build each time: only the disk cache is shared
            env.bytecode_cache = CompiledTemplates(BuildCache(tmp_path / "cache"))
        return env.get_template("t.html").render(x=x)

    assert render(True, "<i>", **trim) == render(False, "<i>", **trim) == "  <b>&lt;i&gt;</b>\n"
    env = Environment(loader=DictLoader(source), autoescape=True, **trim)
    env.bytecode_cache = CompiledTemplates(BuildCache(tmp_path / "cache"))
    env.compile = lambda *a, **k: pytest.fail("compiled again although cached")
    assert env.get_template("t.html").render(x="<i>") == "  <b>&lt;i&gt;</b>\n"
    # Other options compile other code: never the trimmed template's.
    assert render(True, "y") == render(False, "y") != render(False, "y", **trim)
    assert len(_entries(tmp_path / "cache", KIND)) == 2
    for entry in (tmp_path / "cache" / KIND).rglob("*"):
        entry.is_file() and entry.write_bytes(entry.read_bytes()[:-40])  # partial: a miss, made again
    assert render(True, "z", **trim) == render(False, "z", **trim)
    source["t.html"] = "{{ x }}!"
    assert render(True, "z", **trim) == "z!"
