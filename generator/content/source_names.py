"""How a page names the reports it cites when it has no source list to point at."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.model import Dataset
from ..data.records import Source
from ..i18n import Translator, format_partial_date


@dataclass
class SourceRef:
    id: str
    name: str


def source_name(source: Source, lang: str, t: Translator) -> str:
    """How a source line names a report: its outlet, else its headline, else its date."""
    if source.get("outlet"):
        return source["outlet"][lang]
    if source.get("headline"):
        return f"«{source['headline']}»"
    if source.get("published"):
        return t.gettext("untitled report of %(date)s", date=format_partial_date(source["published"], lang))
    return t.gettext("untitled report")


def source_refs(data: Dataset, ids: list[str], lang: str, t: Translator) -> list[SourceRef]:
    """Distinct sources in first-seen order."""
    seen: list[str] = []
    for sid in ids:
        if sid not in seen:
            seen.append(sid)
    return [SourceRef(sid, source_name(data.source_by_id[sid], lang, t)) for sid in seen]


def names_of(refs: list[SourceRef], ids: list[str]) -> list[str]:
    """How a table row off a story names its reports: those of `refs` it cites, in `refs`' order."""
    return [ref.name for ref in refs if ref.id in ids]
