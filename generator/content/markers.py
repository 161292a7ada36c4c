"""The `[fig:id]` and `[cite:id]` markers in a story's or page's text, read and rendered.

Editors write `[fig:almaty-tourists-total]` where a figure goes and
`[cite:expert-kz-ru]` after a statement. Reading the markers says which
footnotes the text carries (so the page numbers them before anything is
drawn); rendering puts in the figure in the page's language and the footnote
drawn by the `cite` macro, the one place its markup is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape

from ..data.markers import MARKER
from ..data.model import Dataset
from ..data.records import Figure
from ..errors import problem
from ..i18n import Translator
from .citations import Citations
from .figures import figure_text

# Where a paragraph (or list item, heading, cell) ends: a footnote never reaches past it.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dd|dt|blockquote|figcaption)>")

# The `cite(source_ids, citations)` macro of _macros.html.
Cite = Callable[[list[str], Citations], str]


@dataclass(frozen=True)
class Marker:
    """One known marker in the text: the figure it shows (if any) and the footnote after it."""

    start: int
    end: int
    figure: Figure | None
    cites: list[str]  # the footnote's source ids; empty for a figure the next footnote covers


def read_markers(html: str, data: Dataset, source_path: str) -> tuple[list[Marker], list[str]]:
    """The text's known markers in order, and one problem per unknown id (that marker is left as written)."""
    matches = list(MARKER.finditer(html))
    covered = _covered_figures(html, matches, data)
    markers: list[Marker] = []
    problems: list[str] = []
    for match in matches:
        kind, ref = match.groups()
        if kind == "fig":
            fig = data.figure_by_id.get(ref)
            if fig is None:
                known = ", ".join(sorted(data.figure_by_id))
                problems.append(
                    problem(
                        source_path, f"[fig:{ref}]", "figure", f"unknown figure id '{ref}'; known: {known}"
                    )
                )
                continue
            cites = [] if match.start() in covered else fig["sources"]
            markers.append(Marker(match.start(), match.end(), fig, cites))
        elif ref in data.source_by_id:
            markers.append(Marker(match.start(), match.end(), None, [ref]))
        else:
            known = ", ".join(sorted(data.source_by_id))
            problems.append(
                problem(source_path, f"[cite:{ref}]", "source", f"unknown source id '{ref}'; known: {known}")
            )
    return markers, problems


def render_markers(
    html: str, markers: list[Marker], lang: str, t: Translator, citations: Citations, cite: Cite
) -> str:
    """The text with each marker replaced by its figure and footnote, numbered by `citations`."""
    out: list[str] = []
    last = 0
    for marker in markers:
        out.append(html[last : marker.start])
        fig = marker.figure
        if fig is not None:
            text = escape(figure_text(fig, lang, t, prose=True))
            unit = escape(fig["unit"][lang])
            out.append(f'<span class="figure" data-figure="{fig["id"]}">{text}&nbsp;{unit}</span>')
        out.append(str(cite(marker.cites, citations)))
        last = marker.end
    out.append(html[last:])
    return "".join(out)


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
