"""One copy of the real content with text that looks like markup or code in it, built once.

Four checks used to build a changed copy each: text shown literally on every
page (test_bad_input.py), JSON-LD and the feed that content cannot close
(test_seo.py), chart SVG that stays well-formed (test_charts.py), and a story
saved with a byte-order mark and Windows line ends (test_bad_input.py). Their
changes touch different entries, so one build carries all four
(conftest's `hostile_text_site`).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from extend import _load, _save

# test_bad_input.py: a city name and a disputed claim, shown literally on every page.
LOOKS_LIKE_MARKUP = "<b>Тараз</b>"
LOOKS_LIKE_CODE = '${x} {{ x }} <img src=x onerror="window.__injected=1"> & «»'
# test_seo.py: the first city's kk story title and summary try to end the JSON-LD script.
TITLE = '</script><script>alert(1)</script> & <!-- "quoted"'
SUMMARY = "a `</script>` & summary"
# test_charts.py: the first timeline event's ru title, drawn in an SVG chart.
EVENT_TITLE = '<script>alert("x")</script> & <b onload="y">bold</b>'


def first_city(content: Path) -> str:
    return yaml.safe_load((content / "data" / "cities.yaml").read_text(encoding="utf-8"))["cities"][0]["id"]


def make_hostile(content: Path) -> None:
    data = content / "data"
    story = content / "stories" / "kk" / f"{first_city(content)}.md"  # before the city is renamed
    # test_bad_input.py: the ru story as some Windows editors save it; it must build as if plain.
    unusual = content / "stories" / "ru" / f"{first_city(content)}.md"
    unusual.write_bytes(b"\xef\xbb\xbf" + unusual.read_bytes().replace(b"\n", b"\r\n"))
    cities = _load(data / "cities.yaml")
    cities["cities"][0]["name"] = {"kk": LOOKS_LIKE_MARKUP, "ru": LOOKS_LIKE_MARKUP}
    _save(data / "cities.yaml", cities)
    claims = _load(data / "claims.yaml")
    disputed = next(c for c in claims["claims"] if c.get("dispute"))
    disputed["statement"] = {"kk": LOOKS_LIKE_CODE, "ru": LOOKS_LIKE_CODE}
    _save(data / "claims.yaml", claims)
    timeline = _load(data / "timeline.yaml")
    timeline["events"][0]["title"]["ru"] = EVENT_TITLE
    _save(data / "timeline.yaml", timeline)
    text = story.read_text(encoding="utf-8")
    text = re.sub(r"^Title: .*$", lambda _: f"Title: {TITLE}", text, count=1, flags=re.M)
    text = re.sub(r"^Summary: .*$", lambda _: f"Summary: {SUMMARY}", text, count=1, flags=re.M)
    story.write_text(text, encoding="utf-8")
