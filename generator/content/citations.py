"""Figures and footnote citations in stories, rendered from the data.

Editors write `[fig:almaty-tourists-total]` where a figure goes and
`[cite:expert-kz-ru]` after a statement. The figure is formatted from the data
in the page's language and cited to its sources; citations are numbered in
order of first use, and the story's sources section lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import escape

from ..data.model import Dataset
from ..errors import problem
from ..i18n import Translator, format_number, kk_ablative

MARKER = re.compile(r"\[(fig|cite):([^\]\s]*)\]")


@dataclass
class Citations:
    """The numbered sources one page cites, in order of first citation."""

    sources: list[dict] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    def number(self, source: dict) -> int:
        if source not in self.sources:
            self.sources.append(source)
        return self.sources.index(source) + 1

    def newest_dated(self) -> str | None:
        """The latest publication date among the cited reports that give one."""
        dates = [s["published"] for s in self.sources if s.get("published")]
        return max(dates) if dates else None


def cite_html(citations: Citations, source_ids: list[str], data: Dataset, t: Translator) -> str:
    links = []
    for sid in source_ids:
        n = citations.number(data.source_by_id[sid])
        hidden = escape(t.gettext("source"))
        links.append(f'<a href="#source-{sid}"><span class="visually-hidden">{hidden} </span>{n}</a>')
    return f'<sup class="cite">[{", ".join(links)}]</sup>'


def figure_text(fig: dict, lang: str, t: Translator, prose: bool = False) -> str:
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


_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dd|dt|blockquote|figcaption)>")


def _covered_figures(html: str, markers: list[re.Match], data: Dataset) -> set[int]:
    """Start offsets of [fig:] markers whose sources the next footnote in the same block cites.

    One footnote per sentence or run of sentences from one source: a figure
    followed, in its paragraph, by a footnote to its own sources carries no
    footnote of its own.
    """
    covered: set[int] = set()
    later: set[str] = set()  # what the nearest following footnote in this block cites
    for i in range(len(markers) - 1, -1, -1):
        match = markers[i]
        nxt = markers[i + 1] if i + 1 < len(markers) else None
        gap = html[match.end() : nxt.start() if nxt else len(html)]
        if _BLOCK_END.search(gap):
            later = set()
        kind, ref = match.groups()
        if kind == "cite":
            # [cite:a][cite:b] side by side make one footnote.
            run = nxt is not None and nxt.group(1) == "cite" and not gap.strip()
            later = {ref} | (later if run else set())
            continue
        fig = data.figure_by_id.get(ref)
        if fig is None:
            continue
        if set(fig["sources"]) <= later:
            covered.add(match.start())
        else:
            later = set(fig["sources"])
    return covered


def render_markers(
    html: str, lang: str, data: Dataset, t: Translator, source_path: str, citations: Citations
) -> tuple[str, list[str]]:
    """Replace markers in a story's HTML; return the HTML and any problems."""
    problems: list[str] = []
    covered = _covered_figures(html, list(MARKER.finditer(html)), data)

    def replace(match: re.Match) -> str:
        kind, ref = match.groups()
        if kind == "fig":
            fig = data.figure_by_id.get(ref)
            if fig is None:
                problems.append(
                    problem(
                        source_path,
                        f"[fig:{ref}]",
                        "figure",
                        f"unknown figure id '{ref}'; known: {', '.join(sorted(data.figure_by_id))}",
                    )
                )
                return match.group(0)
            citations.figures.append(ref)
            text = escape(figure_text(fig, lang, t, prose=True))
            unit = escape(fig["unit"][lang])
            span = f'<span class="figure" data-figure="{ref}">{text}&nbsp;{unit}</span>'
            if match.start() in covered:
                return span
            return span + cite_html(citations, fig["sources"], data, t)
        if ref not in data.source_by_id:
            problems.append(
                problem(
                    source_path,
                    f"[cite:{ref}]",
                    "source",
                    f"unknown source id '{ref}'; known: {', '.join(sorted(data.source_by_id))}",
                )
            )
            return match.group(0)
        return cite_html(citations, [ref], data, t)

    return MARKER.sub(replace, html), problems
