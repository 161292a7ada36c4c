"""The site's editions: kk, ru and kk-Latn, the Kazakh edition in the Latin alphabet (2021).

kk-Latn is not a content language: it is made from the built kk pages (publish/latin.py).
This module says what it is called, where its pages live and which kk page each
twins, for everything that names or links the editions (head tags, sitemap,
language switcher, root chooser).
"""

from __future__ import annotations

SOURCE = "kk"  # the language the edition is made from
EDITION = "kk-Latn"  # BCP 47 tag of the edition (lang, hreflang)
DIR = "kk-latn"  # its folder in the site
CYRILLIC_NAME_TAG = "kk-Cyrl"  # how the Cyrillic edition's own name is marked (never transliterated)


def edition_path(code: str) -> str:
    """The folder of an edition: 'kk', 'ru', 'kk-latn'."""
    return DIR if code == EDITION else code


def edition_url(url: str) -> str:
    """Site-relative URL of the Latin twin of a kk page ("kk/almaty/" -> "kk-latn/almaty/")."""
    return DIR + url[len(SOURCE) :] if url == SOURCE or url.startswith(SOURCE + "/") else url


def with_edition(alternates: dict[str, str]) -> dict[str, str]:
    """lang -> url with the Latin edition placed right after Cyrillic Kazakh."""
    if SOURCE not in alternates or EDITION in alternates:
        return alternates
    out = {}
    for code, url in alternates.items():
        out[code] = url
        if code == SOURCE:
            out[EDITION] = edition_url(url)
    return out


def name_lang(code: str) -> str:
    """lang attribute for an edition's name in the switcher: the Cyrillic name says its script."""
    return CYRILLIC_NAME_TAG if code == SOURCE else code
