"""Kazakh Cyrillic -> Kazakh Latin (the 2021 alphabet), for the /kk-latn/ edition.

The table is the 31-letter alphabet presented in January 2021:

    а a  ә ä  б b  в v  г g  ғ ğ  д d  е e  ж j  з z  и i  й i  к k  қ q  л l  м m
    н n  ң ñ  о o  ө ö  п p  р r  с s  т t  у u  ұ ū  ү ü  ф f  х h  һ h  ш ş  ы y
    і ı

Capitals follow Turkic casing, which Python's str.upper() does not know
("i".upper() is "I"): и and й become İ, і becomes I (dotless ı's capital).

House rule for the letters Kazakh Cyrillic has only for Russian loanwords,
which the 2021 alphabet drops: they are spelled with the 31 letters as Kazakh
readers say them, one fixed spelling each, so the output never needs a letter
outside the alphabet (no c, no w, no x):

    ё io   ц ts   ч ş   щ ş   ъ (left out)   ь (left out)   э e   ю iu   я ia

After и or й (which already write an i), я, ю and ё drop their i: Азия ->
Azia, not Aziia. A two-letter spelling of a capital is written all in capitals inside a word in
capitals (ЮНЕСКО -> İUNESKO) and as a capital and a small letter otherwise
(Юлия -> İuliia; the capital of i is İ here too). Everything that is not a Cyrillic letter of the table stays as
it is: Latin words (World Craft City), digits, punctuation, spaces, signs.
"""

from __future__ import annotations

import re

KAZAKH_LETTERS = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m",
    "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ш": "ş", "ы": "y", "і": "ı",
}  # fmt: skip
LOANWORD_LETTERS = {
    "ё": "io", "ц": "ts", "ч": "ş", "щ": "ş", "ъ": "", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Capitals, written out: Turkic I (і -> ı -> I, и/й -> i -> İ) is not what str.upper() gives.
_UPPER_LATIN = {"i": "İ", "ı": "I"}

LOWER = {**KAZAKH_LETTERS, **LOANWORD_LETTERS}
# The 42 letters of the Kazakh Cyrillic alphabet, small and capital: what a Latin page must not hold.
CYRILLIC_KAZAKH = frozenset(LOWER) | frozenset(c.upper() for c in LOWER)
# Latin letters of the 2021 alphabet, small and capital (tests check the output stays inside them).
LATIN_2021 = frozenset("aäbdefgğhiıjklmnñoöpqrsştuūüvyz") | frozenset("AÄBDEFGĞHİIJKLMNÑOÖPQRSŞTUŪÜVYZ")


def _upper(latin: str) -> str:
    return "".join(_UPPER_LATIN.get(c, c.upper()) for c in latin)


UPPER = {cyr.upper(): _upper(lat) for cyr, lat in LOWER.items()}
# Two-letter spellings of a capital: title case outside words in capitals.
UPPER_TITLE = {cyr.upper(): _upper(lat[:1]) + lat[1:] for cyr, lat in LOWER.items()}

# я and ю after и or й: the i is written once (Азия -> Azia, сериясы -> seriasy).
_AFTER_I = frozenset("яюё")
_I_LETTERS = frozenset("ий")

_CYRILLIC = "".join(sorted(CYRILLIC_KAZAKH))
_HAS_CYRILLIC = re.compile(f"[{_CYRILLIC}]")
# A word: a run of letters (any script) and combining marks, so casing is judged per word.
_WORD = re.compile(r"[^\W\d_]+")


def _word(word: str) -> str:
    if not _HAS_CYRILLIC.search(word):
        return word  # already Latin (or another script): left as written
    cased = [c for c in word if c.lower() != c.upper()]
    all_caps = len(cased) > 1 and all(c.isupper() for c in cased)
    out = []
    previous = ""
    for c in word:
        if c in LOWER:
            latin = LOWER[c]
        elif c in UPPER:
            latin = UPPER[c] if all_caps else UPPER_TITLE[c]
        else:
            latin = c
        if c.lower() in _AFTER_I and previous in _I_LETTERS:
            latin = latin[1:]  # ия -> ia, not iia (the и already wrote the i)
        out.append(latin)
        previous = c.lower()
    return "".join(out)


def to_latin(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet; everything else as it was."""
    if not _HAS_CYRILLIC.search(text):
        return text
    return _WORD.sub(lambda m: _word(m.group()), text)
