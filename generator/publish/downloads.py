"""The dataset for download: CSV and JSON, described by a Frictionless datapackage.json.

Written from the same validated Dataset as the pages, on every build.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable

from ..data.model import Dataset
from ..data.records import City, Source, point

DOWNLOAD_DIR = "data"
# What the methodology page links to, in this order (the CSVs are listed by datapackage.json).
DOWNLOADS = (
    "craft-cities.json",
    "datapackage.json",
    "cities.csv",
    "statuses.csv",
    "figures.csv",
    "crafts.csv",
    "claims.csv",
    "events.csv",
    "sources.csv",
)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def _join(ids: Iterable[str]) -> str:
    return ";".join(ids)


def _lat_lon(city: City) -> tuple[float, float]:
    lon, lat = point(city)
    return lat, lon


# Each table: its columns (name, Frictionless type, description) and its rows.
def _tables(data: Dataset) -> dict[str, tuple[list[tuple[str, str, str]], list[list]]]:
    def bil(d: dict, key: str) -> list[str]:
        return [d[key]["kk"], d[key]["ru"]] if d.get(key) else ["", ""]

    return {
        "cities": (
            [
                ("id", "string", "City id, used in page addresses"),
                ("name_kk", "string", "Name in Kazakh"),
                ("name_ru", "string", "Name in Russian"),
                ("lat", "number", "Latitude, WGS84"),
                ("lon", "number", "Longitude, WGS84"),
                ("region_kk", "string", "Region in Kazakh"),
                ("region_ru", "string", "Region in Russian"),
            ],
            [[c["id"], *bil(c, "name"), *_lat_lon(c), *bil(c, "region")] for c in data.cities],
        ),
        "statuses": (
            [
                ("city", "string", "City id"),
                (
                    "wordings",
                    "string",
                    "The reports' own names for it: text (source ids), separated by |",
                ),
                ("name_kk", "string", "Status in Kazakh"),
                ("name_ru", "string", "Status in Russian"),
                ("awarded_by_kk", "string", "Awarding body in Kazakh"),
                ("awarded_by_ru", "string", "Awarding body in Russian"),
                (
                    "date",
                    "string",
                    "YYYY, YYYY-MM or YYYY-MM-DD as precisely as known; empty if not reported",
                ),
                ("date_sources", "string", "Ids of the sources that give the date, separated by ;"),
                ("question", "string", "Dispute id when the reports leave the status open"),
                ("sources", "string", "Ids of the sources that report the award, separated by ;"),
            ],
            [
                [
                    c["id"],
                    " | ".join(f"{w['text']} ({_join(w['sources'])})" for w in s["wordings"]),
                    *bil(s, "name"),
                    *bil(s, "awarded_by"),
                    s["date"] or "",
                    _join(s.get("date_sources", [])),
                    s.get("question", ""),
                    _join(s["sources"]),
                ]
                for c in data.cities
                for s in c["statuses"]
            ],
        ),
        "figures": (
            [
                ("id", "string", "Figure id"),
                ("city", "string", "City id"),
                ("value", "number", "The figure"),
                ("qualifier", "string", "more_than or about, if the source qualifies it"),
                ("unit_kk", "string", "Unit in Kazakh"),
                ("unit_ru", "string", "Unit in Russian"),
                ("counts_kk", "string", "What it counts, Kazakh"),
                ("counts_ru", "string", "What it counts, Russian"),
                (
                    "period",
                    "string",
                    "Period: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-H1/H2; empty if not reported",
                ),
                ("part_of", "string", "Id of the figure this one is a part of, e.g. foreign visitors of all"),
                ("sources", "string", "Source ids, separated by ;"),
            ],
            [
                [
                    f["id"],
                    c["id"],
                    f["value"],
                    f.get("qualifier", ""),
                    *bil(f, "unit"),
                    *bil(f, "counts"),
                    f["period"] or "",
                    f.get("part_of", ""),
                    _join(f["sources"]),
                ]
                for c in data.cities
                for f in c["figures"]
            ],
        ),
        "crafts": (
            [
                ("city", "string", "City id"),
                ("craft_kk", "string", "Craft in Kazakh"),
                ("craft_ru", "string", "Craft in Russian"),
                ("sources", "string", "Source ids, separated by ;"),
            ],
            [[c["id"], k["kk"], k["ru"], _join(k["sources"])] for c in data.cities for k in c["crafts"]],
        ),
        "claims": (
            [
                ("id", "string", "Claim id"),
                ("dispute", "string", "Dispute id shared by conflicting claims"),
                ("cities", "string", "City ids, separated by ;"),
                ("statement_kk", "string", "Statement in Kazakh"),
                ("statement_ru", "string", "Statement in Russian"),
                ("sources", "string", "Source ids, separated by ;"),
            ],
            [
                [c["id"], c.get("dispute", ""), _join(c["cities"]), *bil(c, "statement"), _join(c["sources"])]
                for c in data.claims
            ],
        ),
        "events": (
            [
                ("id", "string", "Event id"),
                ("date", "string", "As precisely as known; empty if not reported"),
                ("cities", "string", "City ids, separated by ;"),
                ("title_kk", "string", "Event in Kazakh"),
                ("title_ru", "string", "Event in Russian"),
                ("sources", "string", "Source ids, separated by ;"),
            ],
            [
                [e["id"], e["date"] or "", _join(e["cities"]), *bil(e, "title"), _join(e["sources"])]
                for e in data.events
            ],
        ),
        "sources": (
            [
                ("id", "string", "Source id"),
                ("language", "string", "Language of the article"),
                ("outlet_kk", "string", "Outlet in Kazakh; empty if not named"),
                ("outlet_ru", "string", "Outlet in Russian; empty if not named"),
                ("author", "string", "Author; empty if not named"),
                ("published", "string", "Publication date; empty if not given"),
                ("url", "string", "Web address; empty if not given"),
                ("headline", "string", "Headline in the original language; empty if none"),
                ("attribution_kk", "string", "Whom the text credits for its report, Kazakh; empty if none"),
                ("attribution_ru", "string", "Whom the text credits for its report, Russian; empty if none"),
            ],
            [
                [
                    s["id"],
                    s["language"],
                    *bil(s, "outlet"),
                    s["author"] or "",
                    s["published"] or "",
                    s["url"] or "",
                    s["headline"] or "",
                    *bil(s, "attribution"),
                ]
                for s in data.sources
            ],
        ),
    }


def _csv(columns: list[tuple[str, str, str]], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c[0] for c in columns])
    writer.writerows(rows)
    return out.getvalue()


def dataset_json(data: Dataset) -> dict:
    """The whole curated dataset, as the YAML files hold it."""
    return {
        "sources": data.sources,
        "cities": data.cities,
        "disputes": data.disputes,
        "claims": data.claims,
        "events": data.events,
    }


def _source_entry(source: Source) -> dict:
    entry = {"title": source["headline"] or f"{source['id']} (no headline)", "language": source["language"]}
    if source["outlet"]:
        entry["outlet"] = source["outlet"]["ru"]
    if source["published"]:
        entry["published"] = source["published"]
    if source["url"]:
        entry["path"] = source["url"]
    return entry


def datapackage(data: Dataset, tables: dict) -> dict:
    return {
        "name": "craft-cities-of-kazakhstan",
        "title": "Craft Cities of Kazakhstan / Қазақстанның қолөнер қалалары / Города ремёсел Казахстана",
        "description": f"The craft cities of Kazakhstan ({len(data.cities)} in this release) as "
        f"{len(data.sources)} news {'report describes' if len(data.sources) == 1 else 'reports describe'} them: "
        "statuses, crafts, key figures, conflicting claims and a timeline. "
        "Every row names its sources; empty cells mean the sources do not say.",
        "languages": ["kk", "ru"],
        "licenses": [LICENSE],
        # Unknown outlets, dates and addresses are left out, never filled in.
        "sources": [_source_entry(s) for s in data.sources],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in columns]},
            }
            for name, (columns, _rows) in tables.items()
        ]
        + [
            {
                "name": "craft-cities",
                "path": "craft-cities.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": "The whole dataset in one JSON document, as curated.",
            }
        ],
    }


def download_files(data: Dataset) -> dict[str, str]:
    """data/*.csv, data/craft-cities.json and data/datapackage.json: name -> text."""
    tables = _tables(data)
    files = {f"{name}.csv": _csv(*table) for name, table in tables.items()}
    files["craft-cities.json"] = json.dumps(dataset_json(data), ensure_ascii=False, indent=2) + "\n"
    files["datapackage.json"] = json.dumps(datapackage(data, tables), ensure_ascii=False, indent=2) + "\n"
    return files


def write_downloads(files: dict[str, str], output_path: str) -> None:
    """Write download_files() under data/."""
    folder = os.path.join(output_path, DOWNLOAD_DIR)
    os.makedirs(folder, exist_ok=True)
    for name, text in files.items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", newline="") as fp:
            fp.write(text)
