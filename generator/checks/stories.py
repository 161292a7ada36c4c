"""Rules between the language versions of a story, and for its markers, checked before rendering.

- The kk and ru versions give the same figures and cite the same sources: a
  reader of either language must get the same facts.
- A `[fig:x]` already cites x's sources; a `[cite:]` of one of them right after
  it would print the footnote twice ("[1][1]").
"""

from __future__ import annotations

import re

from ..data.markers import MARKER
from ..data.model import Dataset
from ..errors import problem

_FIG_THEN_CITE = re.compile(r"\[fig:([^\]\s]+)\]\s*\[cite:([^\]\s]+)\]")


def facts(text: str, data: Dataset) -> tuple[set[str], set[str]]:
    """(figure ids, source ids) that a story's text gives and cites; a figure cites its own sources."""
    figures, sources = set(), set()
    for kind, ref in MARKER.findall(text):
        if kind == "fig":
            figures.add(ref)
            sources.update(data.figure_by_id.get(ref, {}).get("sources", []))
        else:
            sources.add(ref)
    return figures, sources


def marker_problems(text: str, display: str, data: Dataset) -> list[str]:
    out = []
    for fig, cite in _FIG_THEN_CITE.findall(text):
        if cite in data.figure_by_id.get(fig, {}).get("sources", []):
            out.append(problem(display, f"[fig:{fig}] [cite:{cite}]", "citation",
                               f"the figure already cites '{cite}': remove the [cite:{cite}] after it"))  # fmt: skip
    return out


def parity_problems(versions: dict[str, tuple[str, str]], data: Dataset) -> list[str]:
    """versions: lang -> (display path, text) of one story. One line per difference from the first language."""
    if len(versions) < 2:
        return []
    (first, (first_path, first_text)), *others = versions.items()
    want_figs, want_srcs = facts(first_text, data)
    out = []
    for lang, (path, text) in others:
        figs, srcs = facts(text, data)
        for what, have, want, mark in (("figures", figs, want_figs, "fig"), ("sources", srcs, want_srcs, "cite")):
            extra, missing = sorted(have - want), sorted(want - have)
            if extra or missing:
                said = []
                if missing:
                    said.append(f"lacks {', '.join(f'[{mark}:{x}]' for x in missing)}")
                if extra:
                    said.append(f"has {', '.join(f'[{mark}:{x}]' for x in extra)} in addition")
                out.append(problem(path, None, what,
                                   f"{' and '.join(said)} compared with {first_path}; the {lang} and {first} "
                                   f"versions must give the same {what}"))  # fmt: skip
    return out
