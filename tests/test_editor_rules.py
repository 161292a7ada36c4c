"""Rules that matter to editors fail `make html` itself, with one clear line each (issue 11).

- an empty or fuzzy entry in either interface catalog (or one missing from it);
- kk and ru versions of a story that give different figures or cite different sources;
- a `[fig:x]` followed by a `[cite:]` of a source the figure already cites.

The rules are tested in-process on planted mistakes; one real build per kind of
file proves that `make html` stops on them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import CONTENT, ROOT, copy_content, pelican_problems, real_data

from generator.checks.catalogs import catalog_problems
from generator.checks.stories import facts, marker_problems, parity_problems
from generator.data.markers import MARKER

DATA = real_data()
LANGS = ["kk", "ru"]
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _catalogs(tmp_path: Path, pot: str, po: dict[str, str]) -> Path:
    root = tmp_path / "translations"
    root.mkdir()
    (root / "messages.pot").write_text(HEADER + pot, encoding="utf-8")
    for lang, body in po.items():
        folder = root / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "messages.po").write_text(HEADER + body, encoding="utf-8")
    return root


def test_the_real_catalogs_are_complete():
    assert catalog_problems(ROOT / "theme/translations", LANGS) == []


def test_each_catalog_mistake_is_one_line(tmp_path):
    pot = 'msgid "Map"\nmsgstr ""\n\nmsgid "Stories"\nmsgstr ""\n\nmsgid "Data"\nmsgstr ""\n'
    root = _catalogs(
        tmp_path,
        pot,
        {
            "kk": 'msgid "Map"\nmsgstr "Карта"\n\n#, fuzzy\nmsgid "Stories"\nmsgstr "Әңгімелер"\n\nmsgid "Data"\nmsgstr "Деректер"\n',
            "ru": 'msgid "Map"\nmsgstr ""\n\nmsgid "Stories"\nmsgstr "Истории"\n',
        },
    )
    kk = (root / "kk/LC_MESSAGES/messages.po").as_posix()
    ru = (root / "ru/LC_MESSAGES/messages.po").as_posix()
    assert catalog_problems(root, LANGS) == [
        f"{kk}: msgid 'Stories': is fuzzy: check the translation, then remove '#, fuzzy'",
        f"{ru}: msgid 'Map', field 'msgstr': is empty: translate it into ru",
        f"{ru}: msgid 'Data': is in messages.pot but not in this catalog: run `make update-catalogs` and translate it",
    ]


# -- the language versions of a story ---------------------------------------------


def _story_text(lang: str, slug: str) -> str:
    return (CONTENT / "stories" / lang / f"{slug}.md").read_text(encoding="utf-8")


def _a_story_with_markers() -> tuple[str, list[tuple[str, str]]]:
    for city in DATA.cities:
        markers = MARKER.findall(_story_text("kk", city["id"]))
        if any(kind == "cite" for kind, _ in markers) and any(kind == "fig" for kind, _ in markers):
            return city["id"], markers
    raise AssertionError("no story gives a figure and a citation")


def test_the_real_stories_agree_between_languages():
    for city in DATA.cities:
        versions = {lang: (lang, _story_text(lang, city["id"])) for lang in LANGS}
        assert parity_problems(versions, DATA) == [], city["id"]
        assert facts(versions["kk"][1], DATA) == facts(versions["ru"][1], DATA)


def test_a_figure_or_source_only_one_language_gives_is_one_line():
    slug, markers = _a_story_with_markers()
    kk = _story_text("kk", slug)
    fig = next(ref for kind, ref in markers if kind == "fig")
    ru = re.sub(rf"\[fig:{re.escape(fig)}\]", "", _story_text("ru", slug))
    problems = parity_problems({"kk": ("kk.md", kk), "ru": ("ru.md", ru)}, DATA)
    assert problems[0] == (
        f"ru.md, field 'figures': lacks [fig:{fig}] compared with kk.md; "
        "the ru and kk versions must give the same figures"
    )
    extra = next(s for s in DATA.source_by_id if s not in facts(kk, DATA)[1])
    problems = parity_problems({"kk": ("kk.md", kk), "ru": ("ru.md", _story_text("ru", slug) + f" [cite:{extra}]")}, DATA)
    assert problems == [
        f"ru.md, field 'sources': has [cite:{extra}] in addition compared with kk.md; "
        "the ru and kk versions must give the same sources"
    ]


def test_a_figure_cited_twice_is_one_line():
    fig = next(iter(DATA.figure_by_id.values()))
    source = fig["sources"][0]
    text = f"Text [fig:{fig['id']}] [cite:{source}]."
    assert marker_problems(text, "x.md", DATA) == [
        f"x.md: [fig:{fig['id']}] [cite:{source}], field 'citation': the figure already cites '{source}': "
        f"remove the [cite:{source}] after it"
    ]
    other = next(s for s in DATA.source_by_id if s not in fig["sources"])
    assert marker_problems(f"[fig:{fig['id']}] [cite:{other}]", "x.md", DATA) == []


# -- make html stops on them ---------------------------------------------------------


def test_the_build_stops_on_a_story_rule(tmp_path):
    """In-process, through the plugin's handlers (test_bad_input.py shows `make html` stopping)."""
    content = copy_content(tmp_path)
    slug, markers = _a_story_with_markers()
    source = next(ref for kind, ref in markers if kind == "cite")
    ru = content / "stories" / "ru" / f"{slug}.md"
    ru.write_text(ru.read_text(encoding="utf-8").replace(f"[cite:{source}]", ""), encoding="utf-8")
    city = next(c for c in DATA.cities if c["figures"])
    fig = city["figures"][0]
    kk = content / "stories" / "kk" / f"{city['id']}.md"
    kk.write_text(kk.read_text(encoding="utf-8") + f"\n[fig:{fig['id']}] [cite:{fig['sources'][0]}]\n",
                  encoding="utf-8")  # fmt: skip
    text = " ".join(pelican_problems(content, tmp_path / "out"))
    assert f"stories/kk/{city['id']}.md: [fig:{fig['id']}] [cite:{fig['sources'][0]}], field 'citation'" in text
    if source not in facts(ru.read_text(encoding="utf-8"), DATA)[1]:
        assert f"stories/ru/{slug}.md, field 'sources': lacks [cite:{source}]" in text
    assert not (tmp_path / "out").exists()


def test_the_build_stops_on_an_untranslated_string(tmp_path):
    """The preflight the build runs first, in-process, with the theme given as `make html -t` gives it."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    po = theme / "translations/ru/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    msgid, msgstr = re.search(r'\nmsgid "([^"\n]+)"\nmsgstr "([^"\n]+)"\n', text).groups()
    po.write_text(text.replace(f'msgid "{msgid}"\nmsgstr "{msgstr}"', f'msgid "{msgid}"\nmsgstr ""'), encoding="utf-8")
    said = " ".join(pelican_problems(CONTENT, tmp_path / "out", theme=theme))
    assert f"ru/LC_MESSAGES/messages.po: msgid {msgid!r}, field 'msgstr': is empty: translate it into ru" in said
    assert not (tmp_path / "out").exists()
