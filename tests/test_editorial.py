"""Issue 13: editorial promises that the pages keep, whatever the content says.

- A computed value (a chart's rest of a whole) carries no source footnote and
  is labelled as computed wherever it appears; the checker is shown to catch
  planted mismatches.
- A story's two dates (first published, updated) are the same on the page, in
  the feed and in JSON-LD; the byline names the newest dated report it uses.
- A status's date cites the reports that give it, not every report of the award.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
import yaml
from babel.numbers import format_decimal
from conftest import CONTENT, ROOT, copy_content, real_data
from lxml import html as lhtml

from generator.charts.parts import breakdowns
from generator.data.model import load_dataset
from generator.errors import ContentError
from generator.i18n import Translator, format_partial_date

LANGS = ["kk", "ru"]
DATA = real_data()
CATALOGS = str(ROOT / "theme" / "translations")
COMPUTED = [(c["id"], bd) for c in DATA.cities for bd in breakdowns(c) if bd.remainder is not None]


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def text_of(el) -> str:
    # Pieces joined by spaces: an SVG label's lines are separate <tspan>s.
    return " ".join(" ".join(el.itertext()).split())


# --- computed values -----------------------------------------------------------


def computed_label(bd, lang: str) -> str:
    """The label the page must show next to a computed value, from the catalog and the data."""
    calc = " − ".join(
        format_decimal(v, locale=lang) for v in [bd.whole["value"], *(p["value"] for p in bd.parts)]
    )
    t = Translator(CATALOGS, lang)
    return t.gettext("%(name)s (computed: %(calc)s)", name=bd.whole["remainder"][lang], calc=calc)


def _norm(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def computed_value_problems(doc, bd, lang: str) -> list[str]:
    """Where the computed rest of `bd` is shown without its label, or with a source footnote."""
    value = _norm(format_decimal(bd.remainder, locale=lang))
    label = _norm(computed_label(bd, lang))
    problems = []
    marked = doc.xpath('//*[@data-computed="true"]')
    if not marked:
        problems.append("the computed value is not shown as computed anywhere")
    for el in marked:
        if el.xpath('.//sup[@class="cite"]'):
            problems.append(f"computed {el.tag} carries a source footnote")
        if label not in _norm(text_of(el)) and not el.xpath("ancestor::*[@data-computed]"):
            holder = el.getparent() if el.tag == "rect" else el
            if label not in _norm(text_of(holder)):
                problems.append(f"computed {el.tag} is not labelled {label!r}")
    # Every place the number appears as text: inside a labelled computed row, or in
    # the chart's description, which names it with the same label.
    main = doc.xpath("//main")[0]
    for node in main.xpath(".//text()"):
        if value not in _norm(node):
            continue
        parent = node.getparent()
        if parent.xpath('ancestor-or-self::*[@data-computed="true"]'):
            continue
        if parent.tag.endswith("desc") and label in _norm(text_of(parent)):
            continue
        problems.append(f"{value} appears unlabelled in <{parent.tag}>: {_norm(node)[:80]!r}")
    return problems


def computed_pages(site: Path):
    for city_id, bd in COMPUTED:
        for lang in LANGS:
            yield lang, bd, parse(site / lang / city_id / "index.html")


def test_there_is_a_computed_value_to_check():
    # If the data stops naming a remainder, these tests check nothing: say so.
    assert COMPUTED, "no figure names a computed remainder (cities.yaml `remainder:`)"


def test_computed_values_are_labelled_and_carry_no_footnote(site):
    for lang, bd, doc in computed_pages(site):
        assert computed_value_problems(doc, bd, lang) == [], (lang, bd.whole["id"])


def _plant_footnote(doc) -> None:
    row = doc.xpath('//tr[@data-computed="true"]/th')[0]
    row.append(lhtml.fromstring('<sup class="cite"><a href="#source-x">1</a></sup>'))


def _plant_unlabelled_value(doc, value: str) -> None:
    body = doc.xpath('//div[@class="story-body"]')[0]
    body.append(lhtml.fromstring(f"<p>Туристов было {value}.</p>"))


def _strip_label(doc) -> None:
    th = doc.xpath('//tr[@data-computed="true"]/th')[0]
    for child in list(th):
        th.remove(child)
    th.text = "?"


@pytest.mark.parametrize("plant", ["footnote", "unlabelled value", "no label"])
def test_computed_value_checker_catches_a_planted_mismatch(site, plant):
    lang, bd, doc = next(computed_pages(site))
    doc = copy.deepcopy(doc)
    if plant == "footnote":
        _plant_footnote(doc)
    elif plant == "unlabelled value":
        _plant_unlabelled_value(doc, format_decimal(bd.remainder, locale=lang))
    else:
        _strip_label(doc)
    assert computed_value_problems(doc, bd, lang), f"planted {plant} not caught"


# --- story dates ---------------------------------------------------------------


def _json_ld(doc) -> dict:
    (data,) = [json.loads(s) for s in doc.xpath('//script[@type="application/ld+json"]/text()')]
    return data


def _header(lang: str, slug: str) -> dict[str, str]:
    text = (CONTENT / "stories" / lang / f"{slug}.md").read_text(encoding="utf-8")
    header = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z]+):\s*(.*)$", line)
        if not match:
            break
        header[match.group(1).lower()] = match.group(2)
    return header


@pytest.mark.parametrize("lang", LANGS)
def test_story_dates_mean_the_same_on_the_page_in_the_feed_and_json_ld(published_site, lang):
    root, base = published_site.root, published_site.base
    feed = {e.link: e for e in feedparser.parse((root / lang / "feed.xml").read_bytes()).entries}
    t = Translator(CATALOGS, lang)
    for city in DATA.cities:
        doc = parse(root / lang / city["id"] / "index.html")
        header = _header(lang, city["id"])
        published = header["date"][:10]
        # The latest change: Modified, or a later correction or update (issue 16, part 1).
        fixes = [c["date"] for c in DATA.corrections if c["story"] == city["id"]]
        updated = max([header.get("modified", header["date"])[:10], *fixes])
        byline = doc.xpath('//p[@class="byline"]')[0]
        assert byline.xpath('./time[@class="published"]/@datetime') == [published]
        shown_updated = byline.xpath('./time[@class="updated"]/@datetime')
        assert shown_updated == ([updated] if updated != published else [])
        ld = _json_ld(doc)
        assert ld["datePublished"][:10] == published and ld["dateModified"][:10] == updated
        entry = feed[f"{base}{lang}/{city['id']}/"]
        assert dt.datetime.fromisoformat(entry.published).date().isoformat() == published
        assert dt.datetime.fromisoformat(entry.updated).date().isoformat() == updated
        # The byline says how recent the reports behind the story are.
        cited = [li.get("id").removeprefix("source-") for li in doc.xpath('//section[@class="sources"]//li')]
        dates = [DATA.source_by_id[s]["published"] for s in cited if DATA.source_by_id[s]["published"]]
        if dates:
            expected = t.gettext(
                "The newest dated report it draws on was published on %(date)s.",
                date=format_partial_date(max(dates), lang),
            )
        else:
            expected = t.gettext("None of the reports it draws on gives a publication date.")
        assert _norm(expected) in _norm(text_of(byline))


# --- a status's date and the award have their own sources -----------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_status_date_cites_the_reports_that_give_it(site, lang):
    for city in DATA.cities:
        doc = parse(site / lang / city["id"] / "index.html")
        items = doc.xpath('//ul[@class="statuses"]/li')
        assert len(items) == len(city["statuses"])
        for li, status in zip(items, city["statuses"], strict=True):
            name_cites = li.xpath("./strong/following-sibling::sup[1]/a/@href")
            assert name_cites == [f"#source-{s}" for s in status["sources"]]
            if status["date"] is None:
                assert not li.xpath(".//time")
                continue
            (time,) = li.xpath(".//time")
            assert time.get("datetime") == status["date"]
            date_cites = time.xpath("following-sibling::*[1][self::sup]/a/@href")
            if status["date_sources"] != status["sources"]:
                assert date_cites == [f"#source-{s}" for s in status["date_sources"]]


def _edit_cities(tmp_path: Path, change) -> Path:
    content = copy_content(tmp_path)
    path = content / "data" / "cities.yaml"
    cities = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(cities["cities"])
    path.write_text(yaml.safe_dump(cities, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def _dated(cities: list[dict]) -> dict:
    return next(s for c in cities for s in c["statuses"] if s["date"])


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda cs: _dated(cs).pop("date_sources"), "date_sources"),
        (lambda cs: _dated(cs).update(date_sources=["no-such-source"]), "no-such-source"),
        (lambda cs: _dated(cs).update(awarded_by=None), "awarded_by"),
    ],
    ids=["date-without-sources", "unknown-date-source", "open-award-without-question"],
)
def test_a_status_date_without_its_sources_stops_the_build(tmp_path, change, field):
    content = _edit_cities(tmp_path, change)
    with pytest.raises(ContentError) as err:
        load_dataset(content)
    assert any("cities.yaml" in p and field in p for p in err.value.problems), err.value.problems
