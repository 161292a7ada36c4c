"""A synthetic content set of N extra cities, for building the site at scale.

The real content/ is copied and extended, never touched: every synthetic city
gets a cities.yaml entry (statuses, crafts and figures citing the existing
sources, a point inside Kazakhstan's outline) and two stories of about 400
words, kk and ru, with [fig:] and [cite:] markers as editors write them.
Everything is drawn from a seeded generator, so a given N gives the same files.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from shapely import prepare
from shapely.geometry import Point, shape

from generator.data import fingerprint as fp
from generator.data.loader import read_yaml

ID_PREFIX = "bench-"
# Most of this box lies inside Kazakhstan; points outside the outline are drawn again.
LAT_RANGE = (43.0, 51.0)
LON_RANGE = (60.0, 80.0)

_NAME_PARTS = (
    [("Ақ", "Ак"), ("Қара", "Кара"), ("Көк", "Кок"), ("Сары", "Сары"), ("Жаңа", "Жана"), ("Қызыл", "Кызыл")],
    [("бұлақ", "булак"), ("тау", "тау"), ("су", "су"), ("жар", "жар"), ("құдық", "кудук"), ("төбе", "тобе")],
)
_REGIONS = [
    ("Ақмола облысы", "Акмолинская область"),
    ("Ақтөбе облысы", "Актюбинская область"),
    ("Алматы облысы", "Алматинская область"),
    ("Жамбыл облысы", "Жамбылская область"),
    ("Қарағанды облысы", "Карагандинская область"),
    ("Қостанай облысы", "Костанайская область"),
    ("Қызылорда облысы", "Кызылординская область"),
    ("Павлодар облысы", "Павлодарская область"),
    ("Түркістан облысы", "Туркестанская область"),
    ("Ұлытау облысы", "Улытауская область"),
]
_CRAFTS = [
    ("керамика", "керамика"),
    ("зергерлік", "ювелирное дело"),
    ("кілем тоқу", "ковроткачество"),
    ("киіз басу", "валяние войлока"),
    ("ағаш ою", "резьба по дереву"),
    ("былғары өңдеу", "обработка кожи"),
    ("тоқыма", "текстиль"),
    ("домбыра жасау", "изготовление домбр"),
]

_TITLE = {
    "kk": "{name}: қолөнер — бүкіл қаланың ісі",
    "ru": "{name}: ремесло как дело всего города",
}
_SUMMARY = {
    "kk": "{name} қаласы {year} жылы шеберлер қаласы атанды. Мақала қаладағы қолөнердің бүгінгі жайын, шеберлердің тірлігін және алдағы жоспарларды баяндайды.",
    "ru": "{name} получил статус города ремесленников в {year} году. Материал рассказывает, как живёт ремесло в городе сегодня, чем заняты мастера и что их ждёт.",
}
# About 400 words each once the markers are rendered; {cite_a}/{cite_b} are
# [cite:] markers, {masters}/{workshops} [fig:] markers.
_BODY = {
    "kk": """## Мәртебе қалай келді

{region} аумағындағы {name} қаласы {year} жылы шеберлер қаласы мәртебесін алды{cite_a}. Бұл шешімге дейін қала өкілдері бірнеше жыл бойы өтінім дайындап, жергілікті шеберлердің бұйымдарын жинап, көрмелер мен жәрмеңкелер өткізді. Кеңес сарапшылары қалаға келіп, шеберханаларды аралады және қолөнердің ұрпақтан ұрпаққа қалай берілетінін өз көздерімен көрді{cite_a}. Әкімдіктің айтуынша, бұл мәртебе қаланың атын халықаралық деңгейде танытып, туристер мен инвесторларды тартуға жол ашады. Алайда дереккөздер мәртебенің қалаға қандай міндеттер жүктейтінін толық түсіндірмейді, сондықтан мақалада тек расталған деректер келтіріледі.

## Шеберлер мен шеберханалар

Ресми мәліметке қарағанда, қалада {masters} жұмыс істейді. Қаланың басты кәсібі — {craft}, дегенмен көптеген шеберлер бірнеше кәсіпті қатар ұстайды. Соңғы жылдары қалада {workshops} ашылды, олардың басым бөлігі отбасылық кәсіп ретінде жұмыс істейді. Шеберлердің айтуынша, ең үлкен қиындық — шикізаттың қымбаттауы мен дайын бұйымды өткізетін тұрақты нарықтың болмауы. Сондықтан жергілікті билік шеберлерге жеңілдетілген жалға алу шарттарын ұсынып, қалалық жәрмеңкелерде тегін орын беруді қолға алды{cite_b}. Жас шеберлерді оқыту да маңызды міндет саналады: бірнеше колледж қолөнер бойынша қысқа курстар ашты.

## Дәстүр мен жаңашылдық

Қаланың қарт шеберлері бұрынғы әдістерді сақтауға тырысады: бояуды өсімдіктен алады, өрнектерді ата-бабасынан қалған үлгімен салады. Ал жас буын дәстүрлі өрнекті заманауи дизайнмен ұштастырып, күнделікті қолданысқа ыңғайлы бұйымдар жасайды. Осы екі бағыттың тоғысуы қолөнерге жаңа тыныс береді. Шеберлер бір-бірінен үйрену үшін ай сайын кездесіп, тәжірибе алмасады{cite_a}. Мұндай кездесулерге мектеп оқушылары да шақырылады, өйткені кәсіпті жалғастыратын шәкірт табу — бүгінгі басты мәселелердің бірі.

## Туристер мен нарық

Мәртебе алғаннан кейін қалаға келетін туристер саны біртіндеп өсе бастады, бірақ дереккөздер нақты сан келтірмейді. Туроператорлар {name} бағытын көрші облыстардағы тарихи орындармен бірге ұсынады, ал қонақтар шеберханаларға кіріп, бұйымның қалай жасалатынын көре алады. Кейбір шеберлер өнімін интернет арқылы сатуды үйреніп, тапсырыстарды басқа қалалардан да қабылдайды{cite_a}. Сарапшылардың пікірінше, қолөнер туризмі қаланың экономикасына қосымша табыс әкеледі, әсіресе шағын бизнес үшін бұл үлкен мүмкіндік. Дегенмен көлік пен қонақүй қызметінің жеткіліксіздігі әлі де кедергі болып отыр.

## Алдағы жоспарлар

Әкімдік алдағы жылдары қолөнер орталығын салып, онда көрме залы, оқу шеберханалары мен сауда орындарын орналастыруды жоспарлап отыр{cite_b}. Сонымен қатар халықаралық фестиваль өткізіп, шетелдік шеберлерді шақыру көзделген. Қала тұрғындары бұл бастамаларды қолдайды, бірақ жоспарлардың қаржысы мен мерзімі туралы нақты ақпарат әзірге жарияланған жоқ. Шеберлердің өздері мемлекеттен ең алдымен тұрақты қолдау мен әділ салық жүйесін күтеді. Қалай болғанда да, {name} тәжірибесі басқа қалаларға да үлгі бола алады: мәртебе тек атақ емес, шеберлерді біріктіріп, қолөнерді дамытуға жаңа серпін беретін құрал.
""",
    "ru": """## Как город получил статус

{name} ({region}) получил статус города ремесленников в {year} году{cite_a}. До этого решения представители города несколько лет готовили заявку, собирали работы местных мастеров, проводили выставки и ярмарки. Эксперты совета приезжали в город, обходили мастерские и своими глазами видели, как ремесло передаётся из поколения в поколение{cite_a}. По словам акимата, статус поможет прославить город на международном уровне и привлечь туристов и инвесторов. Однако источники не объясняют подробно, какие обязательства накладывает статус, поэтому в материале приводятся только подтверждённые сведения.

## Мастера и мастерские

По официальным данным, в городе работают {masters}. Главное ремесло города — {craft}, хотя многие мастера совмещают несколько направлений. За последние годы здесь открылось {workshops}, большая часть из них — семейные предприятия. По словам мастеров, главная трудность — дорожающее сырьё и отсутствие постоянного рынка сбыта. Поэтому местные власти предложили мастерам льготные условия аренды и бесплатные места на городских ярмарках{cite_b}. Важной задачей считается и обучение молодых мастеров: несколько колледжей открыли короткие курсы по ремёслам.

## Традиции и новое

Старшие мастера города стараются сохранить прежние приёмы: получают краски из растений и наносят узоры по образцам, доставшимся от предков. Молодое поколение соединяет традиционный орнамент с современным дизайном и делает вещи, удобные в повседневной жизни. На стыке этих двух направлений ремесло получает новое дыхание. Чтобы учиться друг у друга, мастера каждый месяц встречаются и обмениваются опытом{cite_a}. На такие встречи приглашают и школьников, ведь найти учеников, которые продолжат дело, сегодня одна из главных забот.

## Туристы и рынок

После получения статуса число туристов стало постепенно расти, но источники не приводят точных цифр. Туроператоры предлагают поездку в {name} вместе с историческими местами соседних областей, а гости могут зайти в мастерские и увидеть, как создаются изделия. Некоторые мастера научились продавать работы через интернет и принимают заказы из других городов{cite_a}. По мнению экспертов, ремесленный туризм приносит городу дополнительный доход, и для малого бизнеса это большая возможность. Впрочем, нехватка транспорта и гостиниц всё ещё мешает развитию.

## Планы

Акимат планирует в ближайшие годы построить центр ремёсел с выставочным залом, учебными мастерскими и торговыми местами{cite_b}. Также задумано провести международный фестиваль и пригласить зарубежных мастеров. Горожане поддерживают эти начинания, но сведений о финансировании и сроках пока не опубликовано. Сами мастера ждут от государства прежде всего постоянной поддержки и справедливой налоговой системы. Так или иначе, опыт города может стать примером для других: статус — это не только звание, но и инструмент, который объединяет мастеров и даёт новый импульс ремеслу.
""",
}


def city_id(i: int) -> str:
    return f"{ID_PREFIX}{i:04d}"


def _outline(content: Path):
    geo = json.loads((content / "data/geo/kazakhstan.geojson").read_text(encoding="utf-8"))
    outline = shape(geo["features"][0]["geometry"])
    prepare(outline)  # thousands of point-in-polygon tests
    return outline


def _point(rng: random.Random, outline) -> dict:
    while True:
        lat, lon = round(rng.uniform(*LAT_RANGE), 2), round(rng.uniform(*LON_RANGE), 2)
        if outline.contains(Point(lon, lat)):
            return {"lat": lat, "lon": lon}


@dataclass(frozen=True)
class Stated:
    """What a source states, as its fingerprint has it: the build accepts figures and dates from it only."""

    numbers: list[int]
    dates: list[str]


def stated_by(content: Path) -> dict[str, Stated]:
    """source id -> the whole numbers and the dates its article gives."""
    articles = fp.load(content / "data" / "fingerprint.json")
    out = {}
    for src in read_yaml(content / "data/sources.yaml", "sources.yaml")["sources"]:
        a = articles[src["file"]]
        candidates = [*a.dates.full, *a.dates.years, *(f"{y}-{m}" for y in a.dates.years for m in a.dates.months)]
        out[src["id"]] = Stated(
            numbers=sorted(int(n) for n in a.numbers if n.is_integer() and 0 < n < 10**7),
            dates=sorted(d for d in set(candidates) if a.dates.states(d)),
        )
    return out


def make_city(i: int, rng: random.Random, outline, stated: dict[str, Stated]) -> dict:
    """One cities.yaml entry whose every fact cites a source that states it."""
    pre, root = rng.choice(_NAME_PARTS[0]), rng.choice(_NAME_PARTS[1])
    region = rng.choice(_REGIONS)
    crafts = rng.sample(_CRAFTS, rng.randint(1, 3))
    dated = sorted(s for s, facts in stated.items() if facts.dates and facts.numbers)
    src_a = rng.choice(dated)
    src_b = rng.choice(sorted(s for s, facts in stated.items() if facts.numbers and s != src_a))
    date = rng.choice(stated[src_a].dates)
    year = int(date[:4])
    cid = city_id(i)
    masters: dict = {
        "id": f"{cid}-masters",
        "value": rng.choice(stated[src_a].numbers),
        "unit": {"kk": "шебер", "ru": "мастеров"},
        "counts": {"kk": "Қалада тіркелген қолөнершілер", "ru": "Зарегистрированные ремесленники города"},
        "period": str(year),
        "sources": [src_a],
    }
    if i % 3 == 0:
        masters["qualifier"] = "more_than"
    return {
        "id": cid,
        "name": {"kk": f"{pre[0]}{root[0]}-{i}", "ru": f"{pre[1]}{root[1]}-{i}"},
        "coordinates": _point(rng, outline),
        "region": {"kk": region[0], "ru": region[1]},
        "statuses": [
            {
                "name": {"kk": "Әлемдік қолөнер қаласы", "ru": "Всемирный город ремёсел"},
                "wordings": [{"text": "Город ремесленников", "sources": [src_a]}],
                "awarded_by": {"kk": "Дүниежүзілік қолөнер кеңесі", "ru": "Всемирный совет ремёсел"},
                "date": date,
                "date_sources": [src_a],
                "sources": [src_a],
            }
        ],
        "crafts": [{"kk": kk, "ru": ru, "sources": [rng.choice([src_a, src_b])]} for kk, ru in crafts],
        "figures": [
            masters,
            {
                "id": f"{cid}-workshops",
                "value": rng.choice(stated[src_b].numbers),
                "unit": {"kk": "шеберхана", "ru": "мастерских"},
                "counts": {"kk": "Қаладағы қолөнер шеберханалары", "ru": "Ремесленные мастерские города"},
                "period": f"{year}-H{rng.randint(1, 2)}",
                "sources": [src_b],
            },
        ],
    }


def story(city: dict, lang: str) -> str:
    """A story of about 400 words in `lang` about a synthetic city, as an editor writes it."""
    sources = [s for block in (*city["statuses"], *city["figures"]) for s in block["sources"]]
    values = {
        "name": city["name"][lang],
        "region": city["region"][lang],
        "craft": city["crafts"][0][lang],
        "year": city["figures"][0]["period"][:4],
        "cite_a": f"[cite:{sources[0]}]",
        "cite_b": f"[cite:{sources[-1]}]",
        "masters": f"[fig:{city['figures'][0]['id']}]",
        "workshops": f"[fig:{city['figures'][1]['id']}]",
    }
    head = (
        f"Title: {_TITLE[lang].format(**values)}\n"
        "Date: 2026-11-22\n"
        f"Summary: {_SUMMARY[lang].format(**values)}\n\n"
    )
    return head + _BODY[lang].format(**values)


def make_content(dest: Path, n: int, source: Path, seed: int = 2025) -> Path:
    """Copy `source` (a content/ folder) to `dest` and add `n` synthetic cities with their stories."""
    shutil.copytree(source, dest)
    rng = random.Random(seed)
    outline = _outline(dest)
    cities_file = dest / "data" / "cities.yaml"
    data = read_yaml(cities_file, str(cities_file))
    stated = stated_by(dest)
    langs = sorted(p.name for p in (dest / "stories").iterdir() if p.is_dir())
    for i in range(1, n + 1):
        city = make_city(i, rng, outline, stated)
        data["cities"].append(city)
        for lang in langs:
            (dest / "stories" / lang / f"{city['id']}.md").write_text(story(city, lang), encoding="utf-8")
    cities_file.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    return dest
