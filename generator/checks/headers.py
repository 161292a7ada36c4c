"""Story and page headers (`Title:`, `Date:`, ...), checked before Pelican reads any file.

Pelican reports a bad header as "Could not process <some file>" with a
traceback, and a check that raises while Pelican reads a file gets the same
treatment. So every Markdown file is read here first, once per build, with
the header rules of Python-Markdown's meta extension (the one Pelican uses),
and all problems come back together.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from ..data.loader import read_text
from ..data.markers import MARKER
from ..data.schema import CONTROL, VISIBLE
from ..errors import ContentError, problem, shown

# The header fields this site uses, as editors write them. Anything else is a
# typo (`Titel:`) or a field that would break the site (`Lang:`, `Slug:` come from the path).
FIELDS = ("Title", "Date", "Modified", "Summary", "Status", "Template")
# Pelican's own templates for each kind; pages may also use a slug's own template.
TEMPLATES = MappingProxyType({"story": ("article",), "page": ("page",)})
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$")
_VISIBLE = re.compile(VISIBLE)
_CONTROL = re.compile(f"[{CONTROL}]")
_LINK = re.compile(r"\{(?:filename|attach|static)\}([^)\s\"'#?]+)")


@dataclass
class Header:
    """A Markdown file's header as Pelican will read it."""

    values: dict[str, list[str]] = field(default_factory=dict)  # lower-case name -> one value per line
    names: dict[str, str] = field(default_factory=dict)  # lower-case name -> as written
    repeated: list[str] = field(default_factory=list)  # names written twice (lower case)


def parse_header(text: str) -> Header:
    """The same parse as Python-Markdown's meta extension, keeping what it merges.

    Lines are split on line feeds only, as Markdown does: `str.splitlines()`
    would also split on U+2028/U+2029 and misread the rest of the header.
    """
    header = Header()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    if lines and BEGIN_RE.match(lines[0]):
        lines.pop(0)
    key = None
    for line in lines:
        if line.strip() == "" or END_RE.match(line):
            break
        match = META_RE.match(line)
        if match:
            key = match.group("key").lower()
            if key in header.values:
                header.repeated.append(key)
                header.values[key].append(match.group("value").strip())
            else:
                header.values[key] = [match.group("value").strip()]
                header.names[key] = match.group("key")
            continue
        more = META_MORE_RE.match(line)
        if not (more and key):
            break
        header.values[key].append(more.group("value").strip())
    return header


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _text_problems(display: str, name: str, value: str, required: bool) -> list[str]:
    if not _VISIBLE.search(value):
        if required:
            what = "is empty or only invisible characters" if value else "is empty"
            return [problem(display, None, name, f"{what}; expected some visible text")]
        return []
    out = []
    if _CONTROL.search(value):
        out.append(
            problem(
                display,
                None,
                name,
                f"contains a control character or line separator ({shown(_CONTROL.search(value).group())}); "
                "expected plain text: retype it on one line",
            )
        )
    for marker in MARKER.finditer(value):
        out.append(
            problem(
                display,
                None,
                name,
                f"contains {marker.group()}, which works only in the text below the header; "
                "expected the figure or source written out",
            )
        )
    return out


def check_header(text: str, display: str, kind: str, templates: tuple[str, ...]) -> list[str]:
    """Problems in one story's or page's header; `kind` is "story" or "page"."""
    header = parse_header(text)
    out = []
    known = {f.lower(): f for f in FIELDS}
    for key, written in header.names.items():
        if key not in known:
            close = difflib.get_close_matches(written.title(), FIELDS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            out.append(
                problem(
                    display, None, written, f"is not a header field; {hint}expected only {', '.join(FIELDS)}"
                )
            )
    for key in dict.fromkeys(header.repeated):
        if (
            key in known and key != "summary"
        ):  # Pelican joins a summary's lines; it keeps only the first of others
            out.append(problem(display, None, known[key], "is written twice; keep one line"))
    values = {key: lines[0] for key, lines in header.values.items()}

    title = values.get("title")
    if title is None:
        out.append(problem(display, None, "Title", "is missing: the file must start with 'Title: ...'"))
    else:
        if len(header.values["title"]) > 1 and "title" not in header.repeated:
            out.append(
                problem(display, None, "Title", "continues on an indented second line; write it on one line")
            )
        out += _text_problems(display, "Title", title, required=True)

    for key in ("date", "modified"):
        value = values.get(key)
        if value is None:
            if key == "date" and kind == "story":
                out.append(problem(display, None, "Date", "is missing; expected a line 'Date: YYYY-MM-DD'"))
            continue
        if not _DATE.match(value) or not _real_date(value):
            out.append(
                problem(
                    display,
                    None,
                    known[key],
                    f"{shown(value)} is not a real date; expected YYYY-MM-DD, such as 2026-11-22",
                )
            )

    summary = "\n".join(header.values.get("summary", []))
    if "summary" in header.values:
        out += _text_problems(display, "Summary", summary, required=True)

    status = values.get("status")
    if status is not None and status.lower() != "published":
        out.append(
            problem(
                display,
                None,
                "Status",
                f"{shown(status)} is not supported: every {kind} is published in every language "
                "(the map and the language switch link to it); remove the Status line, "
                "and keep unfinished text outside content/",
            )
        )
    template = values.get("template")
    if template is not None and template not in templates:
        out.append(
            problem(
                display,
                None,
                "Template",
                f"unknown template {shown(template)}; expected one of {', '.join(templates)}",
            )
        )
    return out


def _links(text: str, path: str, root: str, display: str) -> list[str]:
    out = []
    for target in _LINK.findall(text):
        base = root if target.startswith("/") else os.path.dirname(path)
        if not os.path.exists(os.path.join(base, target.lstrip("/"))):
            out.append(
                problem(display, None, "link", f"{{filename}}{target} points to a file that does not exist")
            )
    return out


def source_files(settings: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, path) of every Markdown story and page Pelican will read, sorted by path."""
    root = settings["PATH"]
    found = []
    for kind, folders in (("story", settings["ARTICLE_PATHS"]), ("page", settings["PAGE_PATHS"])):
        for folder in folders:
            for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
                found += [
                    (kind, os.path.join(dirpath, name))
                    for name in files
                    if name.endswith(MARKDOWN_EXTENSIONS) and not name.startswith(".")
                ]
    return sorted(found, key=lambda item: item[1])


def allowed_templates(settings: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Template names a header may give, per kind: those the theme has."""
    folder = Path(settings["THEME"]) / "templates"
    wanted = {
        "story": TEMPLATES["story"],
        "page": (*TEMPLATES["page"], *sorted(set(settings.get("SLUG_TEMPLATES", {}).values()))),
    }
    return {
        kind: tuple(n for n in names if (folder / f"{n}.html").exists()) for kind, names in wanted.items()
    }


def header_problems(settings: dict[str, Any], memo: dict | None = None) -> list[str]:
    """Every problem in every story and page file, in path order.

    `memo` (make devserver's) keeps each file's header problems while its text is the same.
    """
    root = settings["PATH"]
    templates = allowed_templates(settings)
    memo = memo if memo is not None else {}
    out = []
    for kind, path in source_files(settings):
        display = os.path.join("content", os.path.relpath(path, root))
        try:
            text = read_text(Path(path), display)
        except ContentError as exc:
            out += exc.problems
            continue
        key = (display, kind, templates[kind])
        known = memo.get(key)
        if known is None or known[0] != text:
            known = memo[key] = (text, check_header(text, display, kind, templates[kind]))
        out += known[1]
        out += _links(text, path, root, display)  # other files: looked at every time
    return out
