"""Issue 15: the Kazakh query normaliser (theme/static/js/kk-query.js), over 60+ word forms.

The file the search page loads is the one tested: served from theme/static under /REPO/
and imported in Debian's Chromium. Each row is (what a reader types, the stem expected):
nouns, names, loanwords; plural, possessive and case endings with their vowel-harmony and
consonant variants; and the same words typed without the Kazakh letters. A stem is always a
prefix of what was typed, because Pagefind matches every indexed word a query word begins.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, serve

FORMS = [
    # plural, back and front vowels; л-, д-, т- variants
    ("қалалар", "қала"),
    ("шеберлер", "шебер"),
    ("қолөнершілер", "қолөнерші"),
    ("елдер", "елдер"),  # the stem ел is too short to cut: a longer prefix still matches
    ("жобалар", "жоба"),
    ("кілемдер", "кілем"),
    ("қалалардың", "қала"),
    ("мектептер", "мектеп"),
    ("кітаптар", "кітап"),
    # genitive: -ның/-нің, -дың/-дің, -тың/-тің
    ("Тараздың", "тараз"),
    ("Түркістанның", "түркістан"),
    ("Алматының", "алмат"),
    ("шебердің", "шебер"),
    ("кітаптың", "кітап"),
    ("мектептің", "мектеп"),
    # dative: -ға/-ге, -қа/-ке, -на/-не after the possessive
    ("Алматыға", "алмат"),
    ("Түркістанға", "түркістан"),
    ("шеберлерге", "шебер"),
    ("қолөнершілерге", "қолөнерші"),
    ("кітапқа", "кітап"),
    ("мектепке", "мектеп"),
    ("мәртебесіне", "мәртебе"),
    ("бағдарламасына", "бағдарлама"),
    ("биенналесіне", "биеннале"),
    # accusative: -ны/-ні, -ды/-ді, -ты/-ті, -н after the possessive
    ("қаланы", "қала"),
    ("кілемді", "кілем"),
    ("кітапты", "кітап"),
    ("қаласын", "қала"),
    ("атағын", "ата"),  # қ became ғ before the vowel: cut to a prefix of атақ and атағын
    # locative: -да/-де, -та/-те, -нда/-нде
    ("Алматыда", "алмат"),
    ("Қазақстанда", "қазақстан"),
    ("кітапта", "кітап"),
    ("мектепте", "мектеп"),
    ("қаласында", "қала"),
    ("фестивальде", "фестиваль"),
    # ablative: -дан/-ден, -тан/-тен, -нан/-нен
    ("қаладан", "қала"),
    ("шеберлерден", "шебер"),
    ("кітаптан", "кітап"),
    ("Түркістаннан", "түркістан"),
    ("мектептен", "мектеп"),
    # instrumental: -мен/-бен/-пен
    ("шеберлермен", "шебер"),
    ("кілеммен", "кілем"),
    ("кітаппен", "кітап"),
    # -дағы/-дегі/-тағы/-ндағы: "in, at" as an adjective
    ("Алматыдағы", "алмат"),
    ("Чхонджудағы", "чхонджу"),
    ("мектептегі", "мектеп"),
    ("қаласындағы", "қала"),
    # possessives: 3rd, 1st and 2nd person, singular and plural, polite
    ("қаласы", "қала"),
    ("мәртебесі", "мәртебе"),
    ("шебері", "шебер"),
    ("қалам", "қалам"),  # my city, or a pen: a lone м is cut only before the dative а/е
    ("қалама", "қала"),
    ("кілемім", "кілем"),
    ("қалаңа", "қала"),
    ("кілемің", "кілем"),
    ("қалаңыз", "қала"),
    ("қаламыз", "қала"),
    ("кілеміміз", "кілем"),
    ("қалаларымыздың", "қала"),
    ("шеберлеріміздің", "шебер"),
    ("кітабы", "кіта"),  # п became б: cut to a prefix of кітап and кітабы
    # whole chains: plural + possessive + case
    ("қалаларына", "қала"),
    ("шеберлерінің", "шебер"),
    ("қолөнершілерінің", "қолөнерші"),
    # typed without Kazakh letters (а for ә, к for қ, н for ң, о for ө, у for ұ/ү, г for ғ, и for і)
    ("колонершилерге", "колонерши"),
    ("Тараздын", "тараз"),
    ("Туркистаннын", "туркистан"),
    ("Алматыга", "алмат"),
    ("мартебесине", "мартебе"),
    ("шеберлерин", "шебер"),
    ("каласындагы", "кала"),
    ("Казакстанда", "казакстан"),
    ("кыш", "кыш"),
    # too short to cut, or nothing to cut
    ("ата", "ата"),
    ("қала", "қала"),
    ("тараз", "тараз"),
    ("World", "world"),
]

# fold(): each Kazakh letter becomes the Russian-keyboard letter typed for it.
FOLDED = [
    ("Әлемдік", "алемдик"),
    ("Қолөнер", "колонер"),
    ("Ұлттық", "улттык"),
    ("Үйлесімді", "уйлесимди"),
    ("Ғалия", "галия"),
    ("Һ", "х"),
    ("шеберлерге", "шеберлерге"),
]


@pytest.fixture(scope="module")
def kk_query(browser):
    """A page in Chromium with kk-query.js imported as `window.kk`, from theme/static served under /REPO/."""
    served, server = serve(ROOT / "theme" / "static")
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url("css/site.css"))
    page.evaluate("async url => { window.kk = await import(url); }", served.url("js/kk-query.js"))
    yield page
    context.close()
    server.shutdown()


def test_the_table_covers_at_least_60_word_forms():
    assert len({form for form, _ in FORMS}) >= 60


@pytest.mark.browser
def test_stems_of_inflected_forms(kk_query):
    got = kk_query.evaluate("forms => forms.map(f => kk.stem(f))", [f for f, _ in FORMS])
    wrong = [
        f"{form}: {stem!r}, expected {want!r}"
        for (form, want), stem in zip(FORMS, got, strict=True)
        if stem != want
    ]
    assert not wrong, "\n".join(wrong)
    # What makes prefix matching work: every stem begins the word that was typed.
    assert all(form.lower().startswith(stem) for (form, _), stem in zip(FORMS, got, strict=True))


@pytest.mark.browser
def test_fold_maps_kazakh_letters_to_what_a_russian_keyboard_types(kk_query):
    got = kk_query.evaluate("words => words.map(w => kk.fold(w))", [w for w, _ in FOLDED])
    assert got == [want for _, want in FOLDED]


@pytest.mark.browser
def test_vocabulary_turns_folded_prefixes_back_into_real_ones(kk_query):
    words = ["қолөнершілер", "қолөнер", "колонна", "қала", "қаласы", "кала", "шеберлер", "тараз"]
    got = kk_query.evaluate(
        """words => {
          const v = new kk.Vocabulary(words);
          return [v.unfold("колонерши"), v.unfold("кол"), v.unfold("кала"), v.unfold("қал"),
                  v.unfold("колөнер"), v.unfold("zzz")];
        }""",
        words,
    )
    assert got[0] == ["қолөнерші"]
    assert got[1] == ["қол", "кол"]  # most words first
    assert set(got[2]) == {"қала", "кала"}
    assert got[3] == ["қал"]  # a Kazakh letter the reader typed is kept
    assert got[4] == ["қолөнер"]
    assert got[5] == []


@pytest.mark.browser
def test_expand_builds_one_query_per_reading(kk_query):
    got = kk_query.evaluate(
        """() => {
          const v = new kk.Vocabulary(["қолөнершілер", "қала", "кала", "шеберлер"]);
          return [kk.expand("колонершилерге кала", v), kk.expand("шеберлерге", v),
                  kk.expand("  ", v), kk.expand("xyzqw", v)];
        }"""
    )
    assert sorted(got[0]) == ["қолөнерші кала", "қолөнерші қала"]
    assert got[1] == ["шебер"]
    assert got[2] == []
    assert got[3] == ["xyzqw"]  # nothing in the index begins with it: kept as typed
