"""A figure's value as a reader says it, in the page's language."""

from __future__ import annotations

from ..data.records import Figure
from ..i18n import Translator, format_number, kk_ablative


def figure_text(fig: Figure, lang: str, t: Translator, prose: bool = False) -> str:
    """1,14 млн / more than 250 / четыре: the value as a reader says it.

    A figure's `written` form is used in sentences (`prose`); a key-figure card
    keeps digits, so it uses `written` only when that is a number ("1,14 млн").
    """
    written = (fig.get("written") or {}).get(lang)
    if written and (prose or any(ch.isdigit() for ch in written)):
        return written
    value = format_number(fig["value"], lang)
    if fig.get("qualifier") == "more_than":
        # TRANSLATORS: %(ablative)s is the Kazakh ablative suffix that agrees
        # with the number ("250-ден астам"); other languages leave it out.
        return t.gettext("more than %(value)s%(ablative)s", value=value, ablative=kk_ablative(fig["value"]))
    if fig.get("qualifier") == "about":
        return t.gettext("about %(value)s", value=value)
    return value
