"""Issue 3: the curated data, the stories built from it, and the downloads."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from conftest import ROOT, real_data
from frictionless import Package
from lxml import html as lhtml

from generator.i18n import Translator

LANGS = ["kk", "ru"]
DATA = real_data()
CITY_IDS = [c["id"] for c in DATA.cities]


def parse(path: Path):
    return lhtml.fromstring(path.read_bytes())


def story(site: Path, lang: str, city: str):
    return parse(site / lang / city / "index.html")


def test_every_city_has_its_stories_in_the_index(built):
    site = built.root
    city_ids = {c["id"] for c in built.data.cities}
    for lang in LANGS:
        index = parse(site / lang / "stories/index.html")
        linked = {
            a.get("href").rstrip("/").split("/")[-1] for a in index.xpath("//ul[@class='story-list']//a")
        }
        assert linked == city_ids
        assert (site / lang / "methodology/index.html").is_file()
        for city in city_ids:
            assert story(site, lang, city).xpath("//h1")[0].text_content().strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_story_is_reachable_from_the_home_page(built, lang):
    home = parse(built.root / lang / "index.html")
    hrefs = {a.get("href") for a in home.xpath("//main//a")}
    for city in built.data.cities:
        assert f"../{lang}/{city['id']}/" in hrefs, f"{lang} home page does not link to {city['id']}"


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


def test_figures_are_rendered_from_the_data_in_each_language(built):
    for lang in LANGS:
        for city in built.data.cities:
            doc = story(built.root, lang, city["id"])
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


def test_disagreeing_reports_are_shown_with_both_sources(built):
    shown = 0
    for city in built.data.cities:
        for lang in LANGS:
            doc = story(built.root, lang, city["id"])
            disputes = doc.xpath("//section[@class='disputes']//div[@class='dispute']")
            assert len(disputes) == len(built.data.disputes_for(city["id"])), city["id"]
            shown += len(disputes)
            for block, dispute in zip(disputes, built.data.disputes_for(city["id"]), strict=True):
                claims = block.xpath(".//li")
                assert len(claims) == len(dispute["claims"]) >= 2, "a dispute shows every claim side by side"
                for li, claim in zip(claims, dispute["claims"], strict=True):
                    cited = {a.get("href") for a in li.xpath(".//sup[@class='cite']/a")}
                    assert cited == {f"#source-{s}" for s in claim["sources"]}, "each claim names its sources"
    assert shown >= len(built.data.disputes) > 0


def test_unknowns_are_said_not_invented(built):
    """A status without a date, a source without an address or date: the page says so, in its language."""
    checked = 0
    for lang in LANGS:
        t = Translator(str(ROOT / "theme/translations"), lang)
        for city in built.data.cities:
            doc = story(built.root, lang, city["id"])
            if any(st["date"] is None for st in city["statuses"]):
                assert t.gettext("The reports do not say when it was awarded.") in doc.xpath("//ul[@class='statuses']")[0].text_content()
                checked += 1
            listed = {li.get("id"): li.text_content() for li in doc.xpath("//section[@class='sources']//li")}
            for sid in (k.removeprefix("source-") for k in listed):
                source = built.data.source_by_id[sid]
                if source["url"] is None:
                    assert t.gettext("No web address is given.") in listed[f"source-{sid}"]
                    checked += 1
                if source["published"] is None:
                    assert t.gettext("publication date not given") in listed[f"source-{sid}"]
                    checked += 1
    assert checked, "nothing unknown in the content to check"


def test_methodology_links_every_download_and_they_exist(site):
    for lang in LANGS:
        page = site / lang / "methodology/index.html"
        links = [a.get("href") for a in parse(page).xpath("//section[@class='downloads']//a")]
        assert any(h.endswith("datapackage.json") for h in links)
        for href in links:
            assert (page.parent / href).resolve().is_file(), href


def test_downloads_hold_the_same_data_as_the_yaml(built):
    site, data = built.root, built.data
    dumped = json.loads((site / "data/craft-cities.json").read_text(encoding="utf-8"))
    for name in ("cities", "sources", "claims", "disputes", "events"):
        assert dumped[name] == getattr(data, name)
    with (site / "data/figures.csv").open(encoding="utf-8") as fp:
        rows = {row["id"]: row for row in csv.DictReader(fp)}
    assert set(rows) == set(data.figure_by_id)
    for fid, fig in data.figure_by_id.items():
        assert float(rows[fid]["value"]) == fig["value"]
        assert rows[fid]["sources"].split(";") == fig["sources"]


def test_datapackage_is_valid_frictionless_and_describes_every_file(built):
    site = built.root
    descriptor = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["languages"] == LANGS and descriptor["licenses"]
    assert len(descriptor["sources"]) == len(built.data.sources)
    report = Package(str(site / "data/datapackage.json")).validate()
    assert report.valid, report.flatten(["title", "message"])
    for resource in descriptor["resources"]:
        path = site / "data" / resource["path"]
        assert path.is_file()
        if resource["format"] == "csv":
            header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_an_editors_additions_reach_every_output(extended_site):
    """The README's way of adding a city, a source, a disagreement and an event needs nothing else."""
    site, ext, data = extended_site.root, extended_site.extension, extended_site.data
    for lang in LANGS:
        page = story(site, lang, ext.city)
        assert page.xpath(f"//*[@data-figure='{ext.figure}']")
        assert page.xpath(f"//section[@class='sources']//li[@id='source-{ext.source}']")
        assert len(page.xpath("//section[@class='disputes']//div[@class='dispute']")) == len(
            data.disputes_for(ext.city)
        )
        assert f"../{lang}/{ext.city}/" in {a.get("href") for a in parse(site / lang / "index.html").xpath("//main//a")}
        footer = parse(site / lang / "index.html").xpath("//footer")[0].text_content()
        assert str(len(data.sources)) in footer, "the footer counts the sources from the data"
    for name, new in (("cities.csv", ext.city), ("sources.csv", ext.source), ("events.csv", ext.event),
                      ("claims.csv", ext.claims[0])):  # fmt: skip
        assert new in (site / "data" / name).read_text(encoding="utf-8"), name
