"""Sentences about the whole site, made from the data so they never state yesterday's content.

Which cities, how many reports: an editor who adds a city or a source changes
every such sentence (home page, footer, feeds, JSON-LD, data package) by
changing the data alone. Plural forms come from each language's catalog.
"""

from __future__ import annotations

from babel.lists import format_list

from ..data.model import Dataset
from ..i18n import Translator


def city_names(data: Dataset, lang: str) -> str:
    """"Тараз, Туркестан и Алматы": the cities in data order, joined as the language joins a list."""
    return format_list([c["name"][lang] for c in data.cities], locale=lang)


def site_description(data: Dataset, t: Translator) -> str:
    # "named", not "recognised by the Council": whether every city's title is the
    # Council's is itself a question the reports disagree on.
    return t.ngettext(
        "%(cities)s: the craft city of Kazakhstan, as the news reports describe it, with a map, stories and open data.",
        "%(cities)s: the craft cities of Kazakhstan, as the news reports describe them, with a map, stories and open data.",
        len(data.cities),
        cities=city_names(data, t.lang),
    )


def dataset_description(data: Dataset, t: Translator) -> str:
    return t.ngettext(
        "Statuses, crafts, key figures, conflicting claims and a timeline of the craft cities of Kazakhstan (%(cities)s), as %(num)d news report describes them. Every row names its sources; empty cells mean the sources do not say.",
        "Statuses, crafts, key figures, conflicting claims and a timeline of the craft cities of Kazakhstan (%(cities)s), as %(num)d news reports describe them. Every row names its sources; empty cells mean the sources do not say.",
        len(data.sources),
        cities=city_names(data, t.lang),
    )
