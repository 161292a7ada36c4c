"""Data graphics: drawn from the data, in the page's language, accessible, legible at 320 px.

Expected values come from the YAML files and from Babel directly, never from
the chart code, so a wrong layout or a wrong label fails here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from conftest import CONTENT, build_ok, copy_content, preflight_problems, real_data
from lxml import etree

from generator.data import fingerprint as fp
from generator.data.model import load_dataset

LANGS = ("kk", "ru")
CITIES = tuple(c["id"] for c in real_data().cities)
PAPER = "#fdfcf9"
FONT = 13  # the charts' font size in viewBox units


def load(content: Path, name: str) -> dict:
    return yaml.safe_load((content / "data" / name).read_text(encoding="utf-8"))


def page(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / path / "index.html")).getroot()


def chart(doc, chart_id: str):
    found = doc.xpath(f'//figure[@id="{chart_id}"]')
    assert len(found) == 1, f"expected one #{chart_id}, found {len(found)}"
    return found[0]


def svg(fig):
    (s,) = fig.xpath('.//svg[contains(@class, "chart-svg")]')
    return s


def text_of(el) -> str:
    """Text with whitespace collapsed; SVG lines (<tspan>s) joined by a space."""
    return re.sub(r"[ \t\r\n]+", " ", " ".join(el.itertext())).strip()  # keeps Babel's no-break spaces


def texts(s, group: str) -> list[str]:
    return [text_of(t) for t in s.xpath(f'.//g[@class="{group}"]//text')]


def viewbox(s) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in s.get("viewbox").split())
    return w, h


def babel_date(value: str, lang: str) -> str:
    """The date as Babel writes it, to the precision the data gives."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts), "long", locale=lang)
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=lang)
    return format_skeleton("y", dt.date(parts[0], 1, 1), locale=lang)


def luminance(colour: str) -> float:
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ids(content: Path) -> list[str]:
    return [c["id"] for c in load(content, "cities.yaml")["cities"]]


def wholes(content: Path) -> dict[str, set[str]]:
    """city id -> ids of its figures that other figures are part of."""
    return {
        c["id"]: {f["part_of"] for f in c["figures"] if f.get("part_of")}
        for c in load(content, "cities.yaml")["cities"]
    }


def all_charts(site: Path, content: Path = CONTENT):
    for lang in LANGS:
        for path in [lang, *(f"{lang}/{c}" for c in ids(content))]:
            doc = page(site, path)
            for fig in doc.xpath('//figure[contains(@class, "chart")]'):
                yield path, doc, fig


# -- where the graphics are ---------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_charts_appear_where_the_data_supports_them(built, lang):
    site = built.root
    home = page(site, lang)
    chart(home, "chart-timeline")
    chart(home, "chart-sources-per-city")
    for city_id, expected in wholes(built.content).items():
        doc = page(site, f"{lang}/{city_id}")
        chart(doc, f"chart-timeline-{city_id}")
        drawn = {
            f.get("id").removeprefix("chart-figure-")
            for f in doc.xpath('//figure[contains(@class, "chart-bars")]')
        }
        assert drawn == expected, f"{city_id}: figure charts {drawn}, data has parts of {expected}"
        # the key-figures chart sits in the key-figures section
        for whole in expected:
            assert doc.xpath(
                f'//section[contains(@class, "key-figures")]//figure[@id="chart-figure-{whole}"]'
            )


# -- accessibility of every graphic --------------------------------------------


def test_every_chart_has_name_description_source_and_table(built):
    site = built.root
    count = 0
    for path, doc, fig in all_charts(site, built.content):
        count += 1
        s = svg(fig)
        where = f"{path} #{fig.get('id')}"
        assert s.get("role") == "img", where
        ids = s.get("aria-labelledby", "").split()
        assert len(ids) == 2, f"{where}: aria-labelledby should name the <title> and the <desc>"
        title = doc.xpath(f'//*[@id="{ids[0]}"]')
        desc = doc.xpath(f'//*[@id="{ids[1]}"]')
        assert len(title) == 1 and title[0].tag == "title" and title[0].getparent() is s, where
        assert len(desc) == 1 and desc[0].tag == "desc" and desc[0].getparent() is s, where
        assert text_of(title[0]) and text_of(desc[0]), f"{where}: empty title or description"
        assert text_of(fig.xpath("./figcaption")[0]) == text_of(title[0]), where
        source = fig.xpath('.//p[@class="chart-source"]')
        assert source and text_of(source[0]) and source[0].xpath(".//a"), (
            f"{where}: no source line with a link"
        )
        for a in source[0].xpath(".//a[starts-with(@href, '#')]"):
            assert doc.xpath(f'//*[@id="{a.get("href")[1:]}"]'), (
                f"{where}: source link {a.get('href')} goes nowhere"
            )
        table = fig.xpath(".//details/table")
        assert table and table[0].xpath(".//tbody/tr"), f"{where}: no table of the numbers"
        csv = fig.xpath('.//details//a[contains(@href, "/data/") and contains(@href, ".csv")]')
        assert csv, f"{where}: no CSV download link"
        for a in csv:
            assert (site / "data" / a.get("href").rsplit("/data/", 1)[1]).is_file(), a.get("href")
    # homes: 2 charts; stories: a timeline each, and a chart for each figure that has parts
    per_lang = 2 + sum(1 + len(w) for w in wholes(built.content).values())
    assert count == len(LANGS) * per_lang


def test_chart_ids_are_unique_on_every_page(built):
    site = built.root
    for lang in LANGS:
        for path in [lang, *(f"{lang}/{c}" for c in ids(built.content))]:
            doc = page(site, path)
            used = doc.xpath("//@id")
            for chart_id in {i for i in used if i.startswith("chart-")}:
                assert used.count(chart_id) == 1, f"{path}: id {chart_id} is used {used.count(chart_id)} times"


def test_chart_colours_have_enough_contrast(built):
    """Text 4.5:1 and marks 3:1 against the page; decorative grid lines are exempt."""
    for path, _doc, fig in all_charts(built.root, built.content):
        s = svg(fig)
        for t in s.xpath(".//text"):
            assert contrast(t.get("fill"), PAPER) >= 4.5, f"{path}: text fill {t.get('fill')}"
        for el in s.xpath('.//*[self::rect or self::circle or self::path][not(ancestor::g[@class="grid"])]'):
            colours = [c for c in (el.get("fill"), el.get("stroke")) if c and c not in ("none", PAPER)]
            if not colours:
                colours = [el.getparent().get("stroke")]
            assert max(contrast(c, PAPER) for c in colours) >= 3, f"{path}: mark colours {colours}"


# -- the key-figures chart: numbers drawn = numbers in the data ----------------


def breakdowns(content: Path) -> list[tuple[str, dict, list[dict]]]:
    """(city id, whole figure, its parts) for every figure of the data that has parts."""
    out = []
    for c in load(content, "cities.yaml")["cities"]:
        for whole in c["figures"]:
            parts = [f for f in c["figures"] if f.get("part_of") == whole["id"]]
            if parts:
                out.append((c["id"], whole, parts))
    return out


def check_breakdown(site: Path, content: Path, lang: str) -> None:
    found = breakdowns(content)
    assert found, "the content has no figure with parts to draw"
    for city_id, whole, parts in found:
        check_one_breakdown(site, lang, city_id, whole, parts)


def check_one_breakdown(site: Path, lang: str, city_id: str, total: dict, parts: list[dict]) -> None:
    expected = {total["id"]: total["value"], **{p["id"]: p["value"] for p in parts}}
    if total.get("remainder"):
        expected[f"{total['id']}-remainder"] = total["value"] - sum(p["value"] for p in parts)
    fig = chart(page(site, f"{lang}/{city_id}"), f"chart-figure-{total['id']}")
    s = svg(fig)
    bars = {r.get("data-key"): r for r in s.xpath('.//rect[@class="bar"]')}
    assert set(bars) == set(expected)
    # lengths proportional to the values, from a common zero
    scale = float(bars[total["id"]].get("width")) / total["value"]
    zero = float(bars[total["id"]].get("x"))
    for key, value in expected.items():
        assert float(bars[key].get("x")) == zero
        assert float(bars[key].get("width")) == pytest.approx(value * scale, abs=0.02), key
    assert zero + float(bars[total["id"]].get("width")) <= viewbox(s)[0]
    # each bar's value label is the Babel-formatted value in the page's language
    for row in s.xpath('.//g[@class="bar-row"]'):
        value = expected[row.get("data-key")]
        assert texts(row, "value") == [format_decimal(value, locale=lang)], row.get("data-key")
    rows = {r.get("data-key"): r for r in fig.xpath(".//table/tbody/tr")}
    if total.get("remainder"):
        # the derived value is marked and labelled as computed, with its arithmetic
        rest = bars[f"{total['id']}-remainder"]
        assert rest.get("data-computed") == "true" and rest.get("stroke-dasharray")
        label = text_of(rest.getparent().xpath(".//text")[0])
        calc = " − ".join(format_decimal(f["value"], locale=lang) for f in [total, *parts])
        assert total["remainder"][lang] in label and calc in label, label
        assert calc in text_of(fig.xpath('.//p[@class="chart-note"]')[0])
        # no report gives the computed rest: its row cites nothing (tests/test_editorial.py)
        assert not rows[f"{total['id']}-remainder"].xpath(".//sup[@class='cite']")
    # the same numbers in the table, and the labels say what they count
    assert set(rows) == set(expected)
    for key, value in expected.items():
        assert text_of(rows[key].xpath("./td")[0]) == format_decimal(value, locale=lang)
    assert total["counts"][lang] in text_of(rows[total["id"]])
    for part in parts:
        assert part["counts"][lang] in text_of(rows[part["id"]])
    # cited to the same source as the figures, on this page
    links = {a.get("href") for a in fig.xpath('.//p[@class="chart-source"]//a')}
    assert links == {f"#source-{sid}" for sid in total["sources"]}


@pytest.mark.parametrize("lang", LANGS)
def test_figure_chart_draws_the_data(built, lang):
    check_breakdown(built.root, built.content, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_sources_chart_counts_the_reports_per_city(built, lang):
    cities = load(built.content, "cities.yaml")["cities"]
    claims = load(built.content, "claims.yaml")["claims"]
    events = load(built.content, "timeline.yaml")["events"]
    fig = chart(page(built.root, lang), "chart-sources-per-city")
    s = svg(fig)
    bars = {r.get("data-key"): float(r.get("width")) for r in s.xpath('.//rect[@class="bar"]')}
    rows = {r.get("data-key"): r for r in fig.xpath(".//table/tbody/tr")}
    counts = {}
    for city in cities:
        records = [*city["statuses"], *city["crafts"], *city["figures"]]
        records += [r for r in [*claims, *events] if city["id"] in r["cities"]]
        counts[city["id"]] = len({sid for r in records for sid in r["sources"]})
    top = max(counts.values())
    for city in cities:
        n = counts[city["id"]]
        assert bars[city["id"]] == pytest.approx(bars[max(counts, key=counts.get)] * n / top, abs=0.02)
        row = s.xpath(f'.//g[@class="bar-row"][@data-key="{city["id"]}"]')[0]
        assert texts(row, "value") == [format_decimal(n, locale=lang)]
        assert city["name"][lang] in text_of(row)
        assert text_of(rows[city["id"]].xpath("./td")[0]) == format_decimal(n, locale=lang)


# -- the timeline ---------------------------------------------------------------


def start_of(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], *[*parts[1:], 1, 1][:2])


def check_timeline(site: Path, content: Path, lang: str, city_id: str | None) -> None:
    events = load(content, "timeline.yaml")["events"]
    cities = load(content, "cities.yaml")["cities"]
    if city_id:
        events = [e for e in events if city_id in e["cities"]]
        cities = [c for c in cities if c["id"] == city_id]
    doc = page(site, f"{lang}/{city_id}" if city_id else lang)
    fig = chart(doc, f"chart-timeline-{city_id}" if city_id else "chart-timeline")
    s = svg(fig)
    marks = s.xpath('.//g[@class="marks"]/*')
    by_item: dict[str, list] = {}
    for m in marks:
        by_item.setdefault(m.get("data-item"), []).append(m)

    def cy(m) -> float:
        if m.tag == "rect":
            return float(m.get("y"))
        if m.tag == "circle":
            return float(m.get("cy"))
        return float(re.match(r"M[\d.]+ ([\d.]+)", m.get("d")).group(1)) + 6.5  # diamond: top + half

    # every event is drawn, in its cities' lanes, at its own date (or none)
    for e in events:
        drawn = by_item.get(e["id"])
        assert drawn, f"event {e['id']} is not drawn"
        assert {m.get("data-lane") for m in drawn} == set(e["cities"] or ["wcc"])
        assert {m.get("data-date") for m in drawn} == {e["date"] or ""}
        if e["date"] is None:
            assert all(m.get("data-shape").startswith("open-") for m in drawn), e["id"]
    # every status is drawn: a diamond at its date in its city's lane (merged into a same-date event)
    for c in cities:
        for status in c["statuses"]:
            diamonds = [
                m
                for m in marks
                if m.get("data-lane") == c["id"]
                and m.get("data-shape") in ("diamond", "open-diamond")
                and m.get("data-date") == (status["date"] or "")
            ]
            assert diamonds, f"status of {c['id']} ({status['date']}) is not drawn"

    # dated marks run down the page in date order; undated ones sit below all of them
    dated = [m for m in marks if m.get("data-date")]
    undated = [m for m in marks if not m.get("data-date")]
    ordered = sorted(dated, key=lambda m: (start_of(m.get("data-date")), cy(m)))
    assert [cy(m) for m in ordered] == sorted(cy(m) for m in ordered)
    if dated and undated:
        assert min(cy(m) for m in undated) > max(cy(m) + float(m.get("height", 0)) for m in dated)

    # positions on the axis: year ticks, and each mark inside its own period
    ticks = {}
    for t in s.xpath('.//g[@class="ticks"]/text'):
        ticks[int(text_of(t))] = float(t.get("y")) - FONT
    grid = sorted(float(line.get("y1")) for line in s.xpath('.//g[@class="grid"]/line'))

    def year_span(year: int) -> tuple[float, float]:
        top = ticks[year]
        return top, min(y for y in grid if y > top + 0.01)

    for m in dated:
        value = m.get("data-date")
        top, bottom = year_span(int(value[:4]))
        if m.get("data-precision") in ("year", "month"):
            # the period is a bar (a status award adds a diamond on it)
            assert any(b.tag == "rect" for b in by_item[m.get("data-item")]), value
            if m.tag != "rect":
                assert m.get("data-shape") == "diamond", value
            elif m.get("data-precision") == "year":
                assert float(m.get("y")) == pytest.approx(top, abs=0.02), value
                assert float(m.get("y")) + float(m.get("height")) == pytest.approx(bottom, abs=0.02), value
            else:
                month = int(value[5:7])
                days = (dt.date(int(value[:4]) + 1, 1, 1) - dt.date(int(value[:4]), 1, 1)).days
                y0 = top + (dt.date(int(value[:4]), month, 1).timetuple().tm_yday - 1) / days * (bottom - top)
                mid = float(m.get("y")) + float(m.get("height")) / 2
                assert y0 - 0.05 <= mid <= y0 + (bottom - top) * 31 / days + 0.05, value
        elif m.get("data-precision") == "day":
            day = dt.date.fromisoformat(value)
            days = (dt.date(day.year + 1, 1, 1) - dt.date(day.year, 1, 1)).days
            expected = top + (day - dt.date(day.year, 1, 1)).days / days * (bottom - top)
            assert cy(m) == pytest.approx(expected, abs=0.05), value
            assert m.get("data-shape") in ("dot", "diamond")

    # labels: the dates as Babel writes them, and every event's text
    labels = " ".join(texts(s, "labels"))
    for e in events:
        if e["date"]:
            assert babel_date(e["date"], lang) in labels, e["date"]
        assert " ".join(e["title"][lang].split()[:2]) in labels, e["id"]

    # the table holds every event, with machine-readable dates
    rows = fig.xpath(".//table/tbody/tr")
    table = " ".join(text_of(r) for r in rows)
    for e in events:
        assert e["title"][lang] in table, e["id"]
    times = sorted(t.get("datetime") for t in fig.xpath(".//table//time"))
    statuses_alone = [
        st
        for c in cities
        for st in c["statuses"]
        if st["date"] and not any(e["date"] == st["date"] and c["id"] in e["cities"] for e in events)
    ]
    assert times == sorted([e["date"] for e in events if e["date"]] + [st["date"] for st in statuses_alone])
    undated_rows = [r for r in rows if not r.xpath(".//time")]
    assert len(undated_rows) == len({m.get("data-item") for m in undated})
    if undated:
        heading = texts(s, "labels")
        assert any(h == text_of(undated_rows[0].xpath("./td")[0]).capitalize() for h in heading), (
            "the undated band should be headed like the table says 'date not reported'"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_draws_the_data(built, lang):
    for city_id in [None, *ids(built.content)]:
        check_timeline(built.root, built.content, lang, city_id)


def test_timeline_breaks_the_axis_over_empty_decades(site):
    """Years between two dated events more than a decade apart are cut out, and the cut is drawn."""
    years = sorted({int(e["date"][:4]) for e in load(CONTENT, "timeline.yaml")["events"] if e["date"]})
    gaps = [(a, b) for a, b in itertools.pairwise(years) if b - a > 10]
    assert gaps, "the content has no gap of over a decade to test the axis break with"
    a, b = max(gaps, key=lambda g: g[1] - g[0])
    s = svg(chart(page(site, "ru"), "chart-timeline"))
    drawn = sorted(int(text_of(t)) for t in s.xpath('.//g[@class="ticks"]/text'))
    assert a in drawn and b in drawn
    assert not set(range(a + 2, b - 2)) & set(drawn), "empty years should be cut out of the axis"
    assert s.xpath('.//g[@class="breaks"]/path'), "the cut must be drawn as a break"
    assert f"{a + 1}–" in text_of(s.xpath("./desc")[0])


# -- the same data everywhere: change it, and the graphics follow -------------


def _source_article(content: Path, source_ids: list[str]) -> fp.Article:
    """The fingerprint of the first cited source's article."""
    files = {s["id"]: s["file"] for s in load(content, "sources.yaml")["sources"]}
    return fp.load(content / "data" / "fingerprint.json")[files[source_ids[0]]]


def _a_stated_date(article: fp.Article) -> str:
    """A date the article gives (the build accepts only those), to month precision if it can."""
    if article.dates.months:
        return f"{min(article.dates.years)}-{min(article.dates.months)}"
    return min(article.dates.years)


def test_changed_data_changes_the_charts(tmp_path):
    """A part of a figure gets another value its source states, an undated event a date: the charts follow."""
    content = copy_content(tmp_path)
    city_id, whole, parts = breakdowns(content)[0]
    part = parts[0]
    others = sum(p["value"] for p in parts[1:])
    article = _source_article(content, part["sources"])
    new_value = next(
        int(n) for n in sorted(article.numbers, reverse=True)
        if n != part["value"] and 0 < n + others < whole["value"] and n.is_integer()
    )  # fmt: skip
    cities_file = content / "data" / "cities.yaml"
    cities = yaml.safe_load(cities_file.read_text(encoding="utf-8"))
    for c in cities["cities"]:
        for f in c["figures"]:
            if f["id"] == part["id"]:
                f["value"] = new_value
                f.pop("written", None)  # an editor who changes a value changes how sentences write it
    cities_file.write_text(yaml.safe_dump(cities, allow_unicode=True, sort_keys=False), encoding="utf-8")
    timeline_file = content / "data" / "timeline.yaml"
    timeline = yaml.safe_load(timeline_file.read_text(encoding="utf-8"))
    event = next(e for e in timeline["events"] if e["date"] is None and e["cities"])
    event["date"] = _a_stated_date(_source_article(content, event["sources"]))
    timeline_file.write_text(yaml.safe_dump(timeline, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build_ok(content, tmp_path / "out")

    for lang in LANGS:
        check_breakdown(site, content, lang)  # recomputed from the changed data
        doc = page(site, f"{lang}/{city_id}")
        fig = chart(doc, f"chart-figure-{whole['id']}")
        values = texts(svg(fig), "value")
        assert format_decimal(new_value, locale=lang) in values
        if whole.get("remainder"):
            rest = whole["value"] - new_value - others
            assert format_decimal(rest, locale=lang) in values
        card = doc.xpath(f'//li[@data-figure="{part["id"]}"]')[0]
        assert format_decimal(new_value, locale=lang) in text_of(card)
        event_city = event["cities"][0]
        for checked in (None, event_city):
            check_timeline(site, content, lang, checked)
        s = svg(chart(page(site, f"{lang}/{event_city}"), f"chart-timeline-{event_city}"))
        marks = s.xpath(f'.//g[@class="marks"]/*[@data-item="{event["id"]}"]')
        assert marks and all(m.get("data-date") == event["date"] for m in marks)
        assert babel_date(event["date"], lang) in " ".join(texts(s, "labels"))


def test_data_text_is_escaped_in_the_svg(hostile_text_site):
    """The first timeline event's ru title is markup (tests/hostile.py), drawn in the home timeline."""
    site = hostile_text_site
    raw = (site / "ru" / "index.html").read_text(encoding="utf-8")
    (snippet,) = re.findall(r'<svg class="chart-svg".*?</svg>', raw, re.S)[:1]
    s = etree.fromstring(snippet.encode())  # well-formed XML, or this raises
    assert not s.xpath("//*[local-name()='script' or local-name()='b']")
    assert "alert(" in "".join(s.itertext()) and "<script>" not in snippet


def _first_part() -> dict:
    return breakdowns(CONTENT)[0][2][0]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (f"part_of: {_first_part()['part_of']}", "part_of: no-such-figure", "part_of"),
        (f"value: {_first_part()['value']}", f"value: {breakdowns(CONTENT)[0][1]['value'] * 2}", "smaller than its parts"),
    ],
)
def test_bad_parts_stop_the_build(tmp_path, old, new, message):
    content = copy_content(tmp_path)
    cities_file = content / "data" / "cities.yaml"
    text = cities_file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    cities_file.write_text(text.replace(old, new), encoding="utf-8")
    # The preflight the build runs first, in-process (test_bad_input.py shows `make html` stopping on it).
    problems = preflight_problems(content)
    assert any("content/data/cities.yaml" in p and message in p for p in problems), problems


# -- in the browser: readable at 320 px, without JavaScript --------------------

MEASURE = """() => [...document.querySelectorAll('figure.chart')].map(fig => {
  const svg = fig.querySelector('svg.chart-svg');
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / box.width;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height};
  });
  const r = fig.getBoundingClientRect();
  return {id: fig.id, width: box.width, height: box.height, shown: svg.getBoundingClientRect().height,
          right: r.right, overflow: fig.scrollWidth - fig.clientWidth, texts};
})"""


@pytest.mark.parametrize("path", [*LANGS, *(f"{lang}/{c}" for lang in LANGS for c in CITIES)])
def test_charts_legible_at_320px_without_javascript(served_site, visit, path):
    v = visit(served_site.url(f"{path}/"), javascript=False, width=320)
    assert not v.page_errors
    figures = v.page.evaluate(MEASURE)
    assert figures, f"{path}: no charts"
    for fig in figures:
        assert fig["shown"] > 50, f"{fig['id']}: the SVG is not shown"
        assert fig["right"] <= 320 and fig["overflow"] <= 0, f"{fig['id']}: wider than the screen"
        for t in fig["texts"]:
            assert t["px"] >= 11, f"{fig['id']}: '{t['text']}' is {t['px']:.1f}px"
            assert t["x0"] >= -0.5 and t["x1"] <= fig["width"] + 0.5, f"{fig['id']}: '{t['text']}' overflows"
            assert t["y0"] >= -0.5 and t["y1"] <= fig["height"] + 0.5, f"{fig['id']}: '{t['text']}' overflows"


# -- at scale: many cities must not break the layout ---------------------------


def test_site_wide_charts_stay_readable_with_many_cities(tmp_path):
    """With more cities than lanes or bars fit, the home charts change form instead of overflowing."""
    from bench.synthetic import make_content
    from generator.charts.bars import sources_chart
    from generator.charts.base import WIDTH
    from generator.charts.timeline import timeline
    from generator.i18n import Translator

    content = make_content(tmp_path / "content", 20, CONTENT)
    data = load_dataset(content)
    t = Translator(str(CONTENT.parent / "theme" / "translations"), "ru")
    tl = timeline(data, "ru", t)
    s = tl.shapes["s"]
    assert len(s.lanes) == 1, "a crowded timeline uses one shared lane"
    assert {m.item for m in s.marks} == {e["id"] for e in data.events}, "and keeps to timeline.yaml"
    assert all(0 <= label.x < WIDTH for label in s.labels)
    bars = sources_chart(data, "ru", t)
    assert len(bars.shapes["rows"]) < 12
    assert sum(b.value for b in bars.shapes["bars"]) == len(data.cities), "every city is counted once"
    assert all(b.x + b.width <= WIDTH for b in bars.shapes["bars"])
