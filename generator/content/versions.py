"""Rules between a story's (or page's) language versions, checked before any is rendered."""

from __future__ import annotations

import os

from pelican.contents import Content

from ..checks.stories import marker_problems, parity_problems
from ..data.model import Dataset
from ..errors import problem


def display_path(obj: Content, settings: dict) -> str:
    """content/stories/kk/almaty.md: the file as the editor knows it."""
    return os.path.join("content", os.path.relpath(obj.source_path, settings["PATH"]))


def check_translations(objects: list[Content], settings: dict, kind: str) -> list[str]:
    """Every story and page exists in every language, with a known language."""
    langs = settings["LANGUAGES"]
    problems = []
    by_slug: dict[str, dict[str, Content]] = {}
    for obj in objects:
        if obj.lang not in langs:
            problems.append(
                problem(
                    display_path(obj, settings),
                    None,
                    "lang",
                    f"unknown language '{obj.lang}'; expected one of {', '.join(langs)}",
                )
            )
            continue
        by_slug.setdefault(obj.slug, {})[obj.lang] = obj
    for slug, versions in sorted(by_slug.items()):
        for lang in langs:
            if lang not in versions:
                have = display_path(next(iter(versions.values())), settings)
                # The missing file sits where the existing one does, in the language's folder.
                folder, name = os.path.split(have)
                wanted = os.path.join(os.path.dirname(folder), lang, slug + os.path.splitext(name)[1])
                problems.append(
                    problem(have, None, "translation", f"this {kind} has no {lang} version: add {wanted}")
                )
    return problems


def check_markers(objects: list[Content], data: Dataset, settings: dict) -> list[str]:
    """Language versions give the same figures and sources; no footnote is printed twice."""
    problems: list[str] = []
    by_slug: dict[str, dict[str, tuple[str, str]]] = {}
    for obj in objects:
        if obj.lang in settings["LANGUAGES"]:
            by_slug.setdefault(obj.slug, {})[obj.lang] = (display_path(obj, settings), obj._content)
    for slug in sorted(by_slug):
        versions = dict(sorted(by_slug[slug].items(), key=lambda kv: settings["LANGUAGES"].index(kv[0])))
        for display, text in versions.values():
            problems += marker_problems(text, display, data)
        problems += parity_problems(versions, data)
    return problems
