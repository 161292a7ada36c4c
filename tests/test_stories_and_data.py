"""Issue 3: the curated data, the stories built from it, and the downloads."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT, build_ok, copy_content
from frictionless import Package
from lxml import html as lhtml

from generator.model import load_dataset

LANGS = ["kk", "ru"]
DATA = load_dataset(CONTENT)
CITY_IDS = [c["id"] for c in DATA.cities]
COPYCHECK = ROOT.parent / "shared" / "tools" / "copycheck.py"


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def story(site: Path, lang: str, city: str):
    return parse(site / lang / city / "index.html")


def test_six_stories_index_and_methodology_build(site):
    for lang in LANGS:
        index = parse(site / lang / "stories/index.html")
        linked = {
            a.get("href").rstrip("/").split("/")[-1] for a in index.xpath("//ul[@class='story-list']//a")
        }
        assert linked == set(CITY_IDS)
        assert (site / lang / "methodology/index.html").is_file()
        for city in CITY_IDS:
            assert story(site, lang, city).xpath("//h1")[0].text_content().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_story_is_reachable_from_the_home_page(site, lang):
    home = parse(site / lang / "index.html")
    hrefs = {a.get("href") for a in home.xpath("//main//a")}
    for city in CITY_IDS:
        assert f"../{lang}/{city}/" in hrefs, f"{lang} home page does not link to {city}"


@pytest.mark.parametrize("city", CITY_IDS)
def test_both_languages_state_the_same_figures_and_sources(site, city):
    facts = {}
    for lang in LANGS:
        doc = story(site, lang, city)
        body = doc.xpath("//div[@class='story-body']")[0]
        facts[lang] = (
            sorted(el.get("data-figure") for el in body.xpath(".//*[@data-figure]")),
            sorted({a.get("href") for a in body.xpath(".//sup[@class='cite']/a")}),
            [li.get("id") for li in doc.xpath("//section[@class='sources']//li")],
        )
    assert facts["kk"][0] == facts["ru"][0], "the stories use different figures"
    assert facts["kk"][1] == facts["ru"][1], "the stories cite different sources"
    assert set(facts["kk"][2]) == set(facts["ru"][2])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("city", CITY_IDS)
def test_every_figure_on_a_story_page_has_a_citation(site, lang, city):
    doc = story(site, lang, city)
    sources = {li.get("id") for li in doc.xpath("//section[@class='sources']//li")}
    cites = doc.xpath("//sup[@class='cite']/a")
    assert cites, "no citations at all"
    for a in cites:
        assert a.get("href")[1:] in sources, f"citation {a.get('href')} has no entry in the sources list"
    for card in doc.xpath("//li[@class='figure-card']"):
        assert card.xpath(".//sup[@class='cite']"), f"key figure {card.get('data-figure')} is not cited"
    # A figure is cited by the next footnote in its paragraph (one footnote per
    # sentence or run of sentences from one source), which names all its sources.
    for fig in doc.xpath("//div[@class='story-body']//span[@class='figure']"):
        block = fig.xpath("ancestor::*[self::p or self::li or self::h2 or self::h3][1]")[0]
        later = [s for s in block.xpath(".//sup[@class='cite']") if _after(s, fig)]
        assert later, f"figure {fig.get('data-figure')} uncited"
        cited = {a.get("href") for a in later[0].xpath("./a")}
        need = {f"#source-{sid}" for sid in DATA.figure_by_id[fig.get("data-figure")]["sources"]}
        assert need <= cited, f"figure {fig.get('data-figure')}: next footnote cites {cited}, not {need}"
    for para in doc.xpath("//div[@class='story-body']//p | //div[@class='story-body']//li"):
        text = para.text_content()
        if re.search(r"\d", "".join(t for t in para.xpath("text()|.//text()[not(ancestor::sup)]"))):
            assert para.xpath(".//sup[@class='cite']"), f"a number without a citation: {text[:120]!r}"


def _after(node, anchor) -> bool:
    """`node` comes after `anchor` in document order."""
    return node in anchor.itersiblings() or any(node in s.iter() for s in anchor.itersiblings())


def test_figures_are_rendered_from_the_data_in_each_language(site):
    from babel.numbers import format_decimal

    for lang in LANGS:
        for city in DATA.cities:
            doc = story(site, lang, city["id"])
            for fig in city["figures"]:
                shown = doc.xpath(f"//li[@data-figure='{fig['id']}']//span[@class='figure-value']")
                text = shown[0].text_content()
                written = fig.get("written", {}).get(lang, "")
                if any(ch.isdigit() for ch in written):
                    assert text == written  # "1,14 млн" as the report rounds it
                else:
                    assert format_decimal(fig["value"], locale=lang) in text
                    if fig.get("qualifier") == "more_than":
                        assert text != format_decimal(fig["value"], locale=lang)
                # In sentences, a figure may be written out ("четыре").
                for span in doc.xpath(f"//div[@class='story-body']//span[@data-figure='{fig['id']}']"):
                    assert (written or format_decimal(fig["value"], locale=lang)) in span.text_content()


def test_disagreeing_reports_are_shown_with_both_sources(site):
    for lang in LANGS:
        doc = story(site, lang, "almaty")
        disputes = doc.xpath("//section[@class='disputes']//div[@class='dispute']")
        assert len(disputes) == len(DATA.disputes_for("almaty")) >= 1
        for block in disputes:
            cited = {a.get("href") for a in block.xpath(".//sup[@class='cite']/a")}
            assert len(cited) >= 2, "a dispute must show at least two sources"


def test_unknowns_are_said_not_invented(site):
    from generator.i18n import Translator

    t = Translator(str(ROOT / "theme" / "translations"), "ru")
    doc = story(site, "ru", "turkestan")
    statuses = doc.xpath("//ul[@class='statuses']")[0].text_content()
    assert t.gettext("The reports do not say when it was awarded.") in statuses
    sources = {li.get("id"): li.text_content() for li in doc.xpath("//section[@class='sources']//li")}
    assert "Веб-адрес не указан" in sources["source-turkestan-kazpravda-ru"]
    assert "дата публикации не указана" in sources["source-turkestan-kazpravda-ru"]


def test_methodology_links_every_download_and_they_exist(site):
    for lang in LANGS:
        page = site / lang / "methodology/index.html"
        links = [a.get("href") for a in parse(page).xpath("//section[@class='downloads']//a")]
        assert any(h.endswith("datapackage.json") for h in links)
        for href in links:
            assert (page.parent / href).resolve().is_file(), href


def test_downloads_hold_the_same_data_as_the_yaml(site):
    dumped = json.loads((site / "data/craft-cities.json").read_text(encoding="utf-8"))
    for name in ("cities", "sources", "claims", "disputes", "events"):
        assert dumped[name] == getattr(DATA, name)
    with (site / "data/figures.csv").open(encoding="utf-8") as fp:
        rows = {row["id"]: row for row in csv.DictReader(fp)}
    assert set(rows) == set(DATA.figure_by_id)
    for fid, fig in DATA.figure_by_id.items():
        assert float(rows[fid]["value"]) == fig["value"]
        assert rows[fid]["sources"].split(";") == fig["sources"]


def test_datapackage_is_valid_frictionless_and_describes_every_file(site):
    descriptor = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["languages"] == LANGS and descriptor["licenses"]
    assert len(descriptor["sources"]) == len(DATA.sources)
    report = Package(str(site / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["title", "message"])
    for resource in descriptor["resources"]:
        path = site / "data" / resource["path"]
        assert path.is_file()
        if resource["format"] == "csv":
            header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_no_passage_of_a_source_is_repeated():
    """copycheck over the project; the only allowed matches are headlines quoted as citations."""
    assert COPYCHECK.is_file(), f"{COPYCHECK} missing: the repository expects shared/ beside it"
    result = subprocess.run([sys.executable, str(COPYCHECK), str(ROOT)], capture_output=True, text=True)
    headlines = [s["headline"].lower() for s in DATA.sources if s["headline"]]
    offending = []
    for line in result.stdout.splitlines():
        m = re.match(r'(.+?): \d+ words as in \S+: "(.*)"$', line)
        if not m:
            continue
        path, words = m.groups()
        quoted_headline = path == "content/data/sources.yaml" and any(
            _same_words(words, h) for h in headlines
        )
        if not quoted_headline:
            offending.append(line)
    assert not offending, "\n".join(offending)


def _same_words(run: str, headline: str) -> bool:
    words = re.findall(r"[^\W_]+", headline.lower().replace("ё", "е"))
    return " ".join(run.split()) in " ".join(words)


def test_a_fourth_city_needs_only_data_and_two_stories(tmp_path):
    content = copy_content(tmp_path)
    cities_file = content / "data/cities.yaml"
    cities = yaml.safe_load(cities_file.read_text(encoding="utf-8"))
    cities["cities"].append(
        {
            "id": "test-city",
            "name": {"kk": "Сынақ қаласы", "ru": "Тестовый город"},
            "coordinates": {"lat": 50.28, "lon": 57.17},
            "region": {"kk": "Ақтөбе облысы", "ru": "Актюбинская область"},
            "statuses": [
                {
                    "name": {"kk": "Сынақ", "ru": "Тест"},
                    "wordings": [{"text": "Test", "sources": ["expert-kz-ru"]}],
                    "awarded_by": {"kk": "Ешкім", "ru": "Никто"},
                    "date": "2024",
                    "date_sources": ["expert-kz-ru"],
                    "sources": ["expert-kz-ru"],
                }
            ],
            "crafts": [],
            "figures": [
                {
                    "id": "test-city-count",
                    "value": 42,
                    "unit": {"kk": "шебер", "ru": "мастера"},
                    "counts": {"kk": "Шеберлер", "ru": "Мастера"},
                    "period": "2024",
                    "sources": ["expert-kz-ru"],
                }
            ],
        }
    )
    cities_file.write_text(yaml.safe_dump(cities, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for lang, title in (("kk", "Сынақ қаласы туралы"), ("ru", "О тестовом городе")):
        (content / "stories" / lang / "test-city.md").write_text(
            f"Title: {title}\nDate: 2026-11-22\nSummary: {title}.\n\n[fig:test-city-count] [cite:expert-kz-ru].\n",
            encoding="utf-8",
        )
    out = build_ok(content, tmp_path / "out")
    for lang in LANGS:
        page = story(out, lang, "test-city")
        assert page.xpath("//*[@data-figure='test-city-count']")
        assert f"../{lang}/test-city/" in {
            a.get("href") for a in parse(out / lang / "index.html").xpath("//main//a")
        }
        assert "test-city" in (out / lang / "stories/index.html").read_text(encoding="utf-8")
    assert "test-city" in (out / "data/cities.csv").read_text(encoding="utf-8")
