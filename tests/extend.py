"""What an editor adds the README's way: a city, a source, a disagreement and an event.

`extend_content` takes a scratch copy of content/ and adds, by copying existing
entries and changing them exactly as the README tells editors to:

- a source, whose article goes into a scratch archive and the fingerprint
  (as `make fingerprint` would put it there);
- a city between two existing ones (close on the map, as Shymkent lies between
  Taraz and Turkestan), with a status, a figure and its two stories;
- a disagreement: two claims from different sources sharing a new dispute;
- a timeline event;
- a correction to an existing story and an update to the new one (corrections.yaml),
  dated after every story, so the updated story tops its feed.

The page checks then run over that build as over the real one: nothing in the
suite may assume today's three cities or five sources.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.data import fingerprint as fp

# Our own sentences, written for the test: the new "article" and the stories that cite it.
ARTICLE = (
    "Шымкент назван городом ремесленников 12 марта 2026 года. "
    "По словам организаторов, в городе открыто 37 мастерских, и весной их станет больше."
)
ARTICLE_FILE = "900_test_shymkent.txt"


@dataclass(frozen=True)
class Extension:
    city: str
    source: str
    figure: str
    dispute: str
    claims: tuple[str, str]
    event: str
    archive: Path
    corrections: tuple[str, str] = ("test-correction", "test-update")  # (a correction, an update) ids


class _Loader(yaml.SafeLoader):
    """Dates stay the strings editors typed, as generator/data/loader.py keeps them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _between(a: dict, b: dict) -> dict:
    """A point a third of the way from city a to city b: close to both on the map."""
    return {
        "lat": round(a["lat"] + (b["lat"] - a["lat"]) / 3, 2),
        "lon": round(a["lon"] + (b["lon"] - a["lon"]) / 3, 2),
    }


def _nearest_pair(cities: list[dict]) -> tuple[dict, dict]:
    pairs = [(a, b) for i, a in enumerate(cities) for b in cities[i + 1 :]]
    return min(
        pairs,
        key=lambda p: (p[0]["coordinates"]["lat"] - p[1]["coordinates"]["lat"]) ** 2
        + (p[0]["coordinates"]["lon"] - p[1]["coordinates"]["lon"]) ** 2,
    )


def extend_content(content: Path, archive: Path) -> Extension:
    data = content / "data"
    ext = Extension(
        city="shymkent",
        source="shymkent-test-ru",
        figure="shymkent-workshops",
        dispute="shymkent-status-date",
        claims=("shymkent-status-march", "shymkent-status-unknown"),
        event="shymkent-status",
        archive=archive,
    )

    # 1. The source: its article in the archive, its fingerprint committed beside the data.
    archive.mkdir(parents=True, exist_ok=True)
    (archive / ARTICLE_FILE).write_text(ARTICLE, encoding="utf-8")
    prints = json.loads((data / "fingerprint.json").read_text(encoding="utf-8"))
    prints["articles"].update(fp.fingerprint_of(archive)["articles"])
    (data / "fingerprint.json").write_text(fp.dump(prints), encoding="utf-8")
    sources = _load(data / "sources.yaml")
    source = copy.deepcopy(sources["sources"][-1])
    source.update(
        id=ext.source,
        file=ARTICLE_FILE,
        language="ru",
        outlet=None,
        author=None,
        published=None,
        url=None,
        headline=None,
        covers={"kk": "Шымкенттің мәртебесі мен шеберханалары.", "ru": "Статус Шымкента и его мастерские."},
    )
    sources["sources"].append(source)
    _save(data / "sources.yaml", sources)
    other_source = sources["sources"][0]["id"]

    # 2. The city: a copy of the first entry, with its own id, names, place, status and figure.
    cities = _load(data / "cities.yaml")
    city = copy.deepcopy(cities["cities"][0])
    a, b = _nearest_pair(cities["cities"])
    status = copy.deepcopy(city["statuses"][0])
    status.update(date="2026-03-12", sources=[ext.source])
    if "date_sources" in status:
        status["date_sources"] = [ext.source]
    figure = {
        key: value
        for key, value in copy.deepcopy(city["figures"][0]).items()
        if key not in ("part_of", "remainder", "counted", "qualifier", "written")
    }
    figure.update(
        id=ext.figure,
        value=37,
        unit={"kk": "шеберхана", "ru": "мастерских"},
        counts={"kk": "Қаладағы шеберханалар", "ru": "Мастерские в городе"},
        period="2026-03",
        sources=[ext.source],
    )
    city.update(
        id=ext.city,
        name={"kk": "Шымкент", "ru": "Шымкент"},
        coordinates=_between(a["coordinates"], b["coordinates"]),
        region={"kk": "Шымкент қаласы", "ru": "город Шымкент"},
        statuses=[status],
        crafts=[],
        figures=[figure],
    )
    city.pop("crafts_note", None)
    cities["cities"].append(city)
    _save(data / "cities.yaml", cities)

    # 3. The disagreement: two claims, from different sources, sharing a new dispute.
    claims = _load(data / "claims.yaml")
    claims["disputes"].append(
        {"id": ext.dispute, "question": {"kk": "Шымкент мәртебені қашан алды?", "ru": "Когда Шымкент получил статус?"}}
    )
    for claim_id, (kk, ru), source_id in zip(
        ext.claims,
        [
            ("Шымкент мәртебені 2026 жылы наурызда алды.", "Шымкент получил статус в марте 2026 года."),
            ("Шымкенттің мәртебе алған күні белгісіз.", "Дата получения статуса Шымкентом неизвестна."),
        ],
        [ext.source, other_source],
        strict=True,
    ):
        claim = copy.deepcopy(claims["claims"][0])
        claim.update(id=claim_id, dispute=ext.dispute, cities=[ext.city], statement={"kk": kk, "ru": ru},
                     sources=[source_id])  # fmt: skip
        claim.pop("date", None)
        claims["claims"].append(claim)
    _save(data / "claims.yaml", claims)

    # 4. The event.
    timeline = _load(data / "timeline.yaml")
    event = copy.deepcopy(timeline["events"][0])
    event.update(
        id=ext.event,
        date="2026-03-12",
        cities=[ext.city],
        title={"kk": "Шымкент қолөнершілер қаласы атанды", "ru": "Шымкент стал городом ремесленников"},
        sources=[ext.source],
    )
    timeline["events"].append(event)
    _save(data / "timeline.yaml", timeline)

    # 5. The two stories.
    for lang, title, body in (
        ("kk", "Шымкент: жаңа қолөнер қаласы",
         f"Хабарға қарағанда, қалада [fig:{ext.figure}] ашылған. Бұл туралы басқа дереккөз де жазады[cite:{other_source}]."),
        ("ru", "Шымкент: новый город ремёсел",
         f"По сообщению, в городе открыто [fig:{ext.figure}]. Об этом пишет и другой источник[cite:{other_source}]."),
    ):  # fmt: skip
        (content / "stories" / lang / f"{ext.city}.md").write_text(
            f"Title: {title}\nDate: 2026-03-20\nSummary: {title}.\n\n{body}\n", encoding="utf-8"
        )

    # 6. A correction to the first city's story and an update to the new one, after every story's dates.
    latest = max(
        dt.date.fromisoformat(day)
        for path in (content / "stories").glob("*/*.md")
        for day in re.findall(r"^(?:Date|Modified): (\d{4}-\d{2}-\d{2})", path.read_text(encoding="utf-8"), re.M)
    )
    corrections = _load(data / "corrections.yaml")
    corrections["corrections"] += [
        {"id": ext.corrections[0], "kind": "correction", "date": (latest + dt.timedelta(days=1)).isoformat(),
         "story": cities["cities"][0]["id"],
         "text": {"kk": "Бірінші нұсқада мәртебенің берілген жылы қате жазылған еді; ол түзетілді.",
                  "ru": "В первой версии был неверно указан год присвоения статуса; он исправлен."}},
        {"id": ext.corrections[1], "kind": "update", "date": (latest + dt.timedelta(days=2)).isoformat(),
         "story": ext.city,
         # An editor's pasted tag stays text: "<i>" must show as typed, never as markup.
         "text": {"kk": "Шеберханалар саны <i>37</i> наурыздағы дерек екені қосылды.",
                  "ru": "Добавлено, что число мастерских <i>37</i> приводится на март."}},
    ]  # fmt: skip
    _save(data / "corrections.yaml", corrections)
    return ext
