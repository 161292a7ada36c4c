"""Footnotes are numbered once, in Python, and templates only read the numbers.

- On every built page with a source list, footnote numbers first appear in
  reading order (1, 2, 3, ...), footnote n links to the n-th listed source, and
  every listed source is cited on the page: moving a section of article.html
  without moving its line in story_citation_order() fails here.
- A template section that cites a source the page did not number stops the
  build, naming the story and the source, instead of printing a wrong number.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_content, html_pages
from extend import extend_content
from lxml import html as lhtml
from pelican import Pelican
from pelican.settings import read_settings

from generator.content.citations import UnnumberedSource


def test_footnotes_run_in_reading_order_and_match_the_source_list(built):
    checked = 0
    for path in html_pages(built.root):
        doc = lhtml.fromstring(path.read_bytes())
        listed = [li.get("id") for li in doc.xpath("//section[@class='sources']/ol/li")]
        if not listed:
            continue
        checked += 1
        where = path.relative_to(built.root)
        seen: list[int] = []
        for a in doc.xpath("//sup[@class='cite']/a"):
            n = int(a.xpath("string(text()[last()])").strip())
            assert a.get("href") == f"#{listed[n - 1]}", f"{where}: footnote {n} links to {a.get('href')}"
            if n not in seen:
                assert n == len(seen) + 1, f"{where}: footnote {n} comes before footnote {len(seen) + 1}"
                seen.append(n)
        assert len(seen) == len(listed), f"{where}: sources listed but never cited: {listed[len(seen) :]}"
    assert checked >= len(built.data.cities) * 2, "no story page with a source list was checked"


def test_a_template_citing_a_source_the_page_did_not_number_stops_the_build(tmp_path, monkeypatch):
    # The extension's source is cited by its new city alone, so every other story leaves it unnumbered.
    content = copy_content(tmp_path)
    ext = extend_content(content, tmp_path / "archive")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    crafts = '<h2 id="crafts-title">{{ _("Crafts") }}</h2>'
    text = article.read_text(encoding="utf-8")
    assert crafts in text
    article.write_text(
        text.replace(crafts, crafts + f'{{{{ cite(["{ext.source}"], citations) }}}}'), encoding="utf-8"
    )

    monkeypatch.chdir(ROOT)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "THEME": str(theme),
            "SOURCES_ARCHIVE": str(tmp_path / "no-archive"),
        },
    )
    with pytest.raises(UnnumberedSource) as failure:
        Pelican(settings).run()
    message = str(failure.value)
    assert f"'{ext.source}'" in message
    assert message.startswith(str(Path("content") / "stories")), message
