"""Issue 18: the Kazakh Cyrillic -> Latin (2021) transliteration (generator/translit.py)."""

from __future__ import annotations

import pytest
from test_latin_edition import has_kazakh_cyrillic

from generator.translit import CYRILLIC_KAZAKH, LATIN_2021, to_latin

# The sample text shown with the 2021 alphabet in Wikipedia's "Kazakh alphabets" article
# (https://en.wikipedia.org/wiki/Kazakh_alphabets, the 1902 text "in modern orthography"
# with its "Transliteration" in the Latin alphabet of 2021).
SAMPLE_CYRILLIC = (
    "«Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне "
    "келіп қоныпты. Қазыменен сөйлесіп, қазыны сөзге жеңе беріпті. Сонда қазы қорқып, — „Бұл "
    "маған келген бала — менің қазылығымды тартып алса керек! Не де болса, бұған жалынып, сый "
    "беріп, орнымда қалайын!“ — деп, қатынына ақылдасыпты.»"
)
SAMPLE_LATIN = (
    "«Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne "
    "kelıp qonypty. Qazymenen söilesıp, qazyny sözge jeñe berıptı. Sonda qazy qorqyp, — „Būl "
    "mağan kelgen bala - menıñ qazylyğymdy tartyp alsa kerek! Ne de bolsa, būğan jalynyp, syi "
    "berıp, ornymda qalaiyn!“ — dep, qatynyna aqyldasypty.»"
)


def test_the_sample_text_comes_out_as_published():
    got = to_latin(SAMPLE_CYRILLIC)
    # Every letter as published. The article's Latin line prints one dash of the Cyrillic
    # ("бала — менің") as a hyphen; punctuation is never changed, so that is the one difference.
    assert got == SAMPLE_LATIN.replace("bala - menıñ", "bala — menıñ")
    assert [i for i, (a, b) in enumerate(zip(got, SAMPLE_LATIN, strict=True)) if a != b] == [
        SAMPLE_LATIN.index("bala - ") + 5
    ]


WORDS = [
    # every letter of the 2021 table
    ("ана", "ana"), ("әке", "äke"), ("бала", "bala"), ("вагон", "vagon"), ("гүл", "gül"),
    ("ғалым", "ğalym"), ("дала", "dala"), ("ел", "el"), ("жер", "jer"), ("заң", "zañ"),
    ("ине", "ine"), ("ай", "ai"), ("көл", "köl"), ("қала", "qala"), ("лақ", "laq"),
    ("мың", "myñ"), ("нан", "nan"), ("таң", "tañ"), ("от", "ot"), ("өнер", "öner"),
    ("пана", "pana"), ("рас", "ras"), ("су", "su"), ("тас", "tas"), ("ұлт", "ūlt"),
    ("үй", "üi"), ("фермер", "fermer"), ("хат", "hat"), ("қаһарман", "qaharman"),
    ("шебер", "şeber"), ("ыдыс", "ydys"), ("іс", "ıs"), ("ауыл", "auyl"), ("тау", "tau"),
    # words of the site
    ("қолөнер", "qolöner"), ("қаласы", "qalasy"), ("Қазақстан", "Qazaqstan"),
    ("Тараз", "Taraz"), ("Түркістан", "Türkıstan"), ("Алматы", "Almaty"),
    ("шеберлер", "şeberler"), ("мәртебе", "märtebe"), ("дереккөздер", "derekközder"),
    ("мақала", "maqala"), ("жаңалық", "jañalyq"), ("кеңесі", "keñesı"), ("әлемдік", "älemdık"),
    ("халықаралық", "halyqaralyq"), ("фестиваль", "festival"), ("туризм", "turizm"),
    ("басқармасы", "basqarmasy"), ("қазан", "qazan"), ("желтоқсан", "jeltoqsan"),
    ("қыркүйек", "qyrküiek"), ("ақпан", "aqpan"), ("наурыз", "nauryz"), ("мамыр", "mamyr"),
    ("маусым", "mausym"), ("шілде", "şılde"), ("тамыз", "tamyz"), ("сәуір", "säuır"),
    ("қараша", "qaraşa"), ("қаңтар", "qañtar"), ("жыл", "jyl"), ("жылғы", "jylğy"),
    ("іздеу", "ızdeu"), ("деректер", "derekter"), ("әдістеме", "ädısteme"), ("туралы", "turaly"),
    ("зергерлік", "zergerlık"), ("кілем", "kılem"), ("киіз", "kiız"), ("ұста", "ūsta"),
    ("құрылтай", "qūryltai"), ("үкімет", "ükımet"), ("оқушы", "oquşy"), ("сый", "syi"),
    ("ойын", "oiyn"), ("биік", "biık"), ("Иран", "İran"), ("Ілияс", "Ilias"),
    # capitals: title case, ALL CAPS, Turkic İ / I
    ("ІЗДЕУ", "IZDEU"), ("ИІС", "İIS"), ("Ит", "İt"), ("Іні", "Inı"), ("ҚАЗАҚСТАН", "QAZAQSTAN"),
    ("ҰЛТТЫҚ", "ŪLTTYQ"), ("ӘЛЕМ", "ÄLEM"), ("ҢҒ", "ÑĞ"), ("Өскемен", "Öskemen"),
    ("Үржар", "Ürjar"), ("Ұлытау", "Ūlytau"), ("Ғалия", "Ğalia"), ("ШЫМКЕНТ", "ŞYMKENT"),
    # loanword letters (house rule)
    ("цех", "tseh"), ("Цех", "Tseh"), ("ЦЕХ", "TSEH"), ("чемпион", "şempion"), ("щётка", "şiotka"),
    ("объект", "obekt"), ("мультфильм", "multfilm"), ("экономика", "ekonomika"),
    ("юрта", "iurta"), ("Юлия", "İulia"), ("ЮНЕСКО", "İUNESKO"), ("ярмарка", "iarmarka"),
    ("Ясауи", "İasaui"), ("ЯСАУИ", "İASAUİ"), ("актёр", "aktior"), ("Азия", "Azia"),
    ("сериясы", "seriasy"), ("Чхонджу", "Şhondju"), ("биенналесі", "biennalesı"),
    ("Эксперт", "Ekspert"), ("съезд", "sezd"),
    # left as they are: Latin, numbers, addresses, signs, code
    ("World Craft City", "World Craft City"), ("ALA CRAFT", "ALA CRAFT"),
    ("Aspara Fashion Week", "Aspara Fashion Week"), ("İstanbul", "İstanbul"),
    ("1 140 000", "1 140 000"), ("2025-10-05", "2025-10-05"), ("https://example.kz/a?b=1", "https://example.kz/a?b=1"),
    ("`make html`", "`make html`"), ("%(num)s", "%(num)s"), ("Abai 10", "Abai 10"),
]  # fmt: skip


@pytest.mark.parametrize(("cyrillic", "latin"), WORDS)
def test_word(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_more_than_a_hundred_word_cases():
    assert len(WORDS) >= 100


def test_mixed_text_keeps_what_is_not_kazakh_cyrillic():
    text = "Атақ 2025 жылғы 5 қазанда ALA CRAFT фестивалінде (Абай даңғылы, 10) берілді: 323 000 адам."
    assert to_latin(text) == (
        "Ataq 2025 jylğy 5 qazanda ALA CRAFT festivalınde (Abai dañğyly, 10) berıldı: 323 000 adam."
    )


def test_every_kazakh_letter_becomes_letters_of_the_2021_alphabet():
    assert len(CYRILLIC_KAZAKH) == 84  # the 42 letters, small and capital
    for letter in sorted(CYRILLIC_KAZAKH):
        for word in (letter, letter * 3, "а" + letter + "а", "А" + letter.upper() + "А"):
            out = to_latin(word)
            assert not has_kazakh_cyrillic(out), (word, out)
            assert set(out) <= LATIN_2021, (word, out, set(out) - LATIN_2021)


def test_dotted_and_dotless_i_are_turkic():
    assert to_latin("и й і") == "i i ı"
    assert to_latin("И Й І") == "İ İ I"
    # One code point each: İ is U+0130, not I with a combining dot (what "i".upper() never gives).
    assert to_latin("Ит") == "\u0130t" and to_latin("ІІІ") == "III" and to_latin("ііі") == "\u0131" * 3
