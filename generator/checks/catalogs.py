"""The interface catalogs are complete: no page ships an English string.

Checked by every `make html` (CraftCitiesGenerator), so a translator learns of
an empty, fuzzy or missing entry at once, with the catalog file and the entry.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from ..errors import problem


def po_path(catalog_dir: Path, lang: str) -> Path:
    return catalog_dir / lang / "LC_MESSAGES" / "messages.po"


def _msgid(message_id: str | tuple) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def template_ids(catalog_dir: Path) -> set[str]:
    """The strings `make extract-catalogs` last collected from the theme and the code (messages.pot)."""
    path = catalog_dir / "messages.pot"
    if not path.is_file():
        return set()
    with path.open("rb") as fp:
        return {_msgid(m.id) for m in read_po(fp) if m.id}


def catalog_problems(catalog_dir: Path, langs: list[str]) -> list[str]:
    """One line per empty, fuzzy, malformed or missing entry, in every language's catalog.

    (The tests also extract the strings from the code, as `make extract-catalogs`
    does, and compare them with messages.pot; that takes too long for every build.)
    """
    out: list[str] = []
    wanted = template_ids(catalog_dir)
    for lang in langs:
        path = po_path(catalog_dir, lang)
        display = path.as_posix()
        if not path.is_file():
            out.append(problem(display, None, None, "is missing: run `make update-catalogs`"))
            continue
        with path.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        if catalog.fuzzy:
            out.append(problem(display, "header", None, "is marked fuzzy: review it and remove the flag"))
        known = set()
        for message in catalog:
            if not message.id:
                continue
            known.add(_msgid(message.id))
            entry = f"msgid {_msgid(message.id)!r}"
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                out.append(problem(display, entry, None, "is fuzzy: check the translation, then remove '#, fuzzy'"))
            if not all(s and s.strip() for s in strings):
                out.append(problem(display, entry, "msgstr", f"is empty: translate it into {lang}"))
            out += [problem(display, entry, "msgstr", str(error)) for error in message.check(catalog)]
        for missing in sorted(wanted - known):
            out.append(problem(display, f"msgid {missing!r}", None,
                               "is in messages.pot but not in this catalog: run `make update-catalogs` "
                               "and translate it"))  # fmt: skip
    return out
