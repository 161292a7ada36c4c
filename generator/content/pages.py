"""Per-page metadata shared by every template: language, URL, alternates, title."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican.contents import Content

from ..publish.latin import with_edition


@dataclass
class PageMeta:
    """What <head> and the language switcher need to know about one page."""

    lang: str
    url: str  # relative to the site root, e.g. "kk/almaty/"
    title: str
    description: str
    alternates: dict[str, str]  # lang -> url of the same page in that language
    kind: str = "website"  # Open Graph type

    def __post_init__(self) -> None:
        # Every kk page has its twin in the Latin edition (latin.py writes it after the build).
        self.alternates = with_edition(self.alternates)


def alternate_urls(obj: Content, langs: list[str]) -> dict[str, str]:
    """lang -> url for a Pelican article or page and its translations."""
    found = {obj.lang: obj.url, **{t.lang: t.url for t in obj.translations}}
    return with_edition({lang: found[lang] for lang in langs if lang in found})


def find_meta(ctx: Context) -> PageMeta | None:
    """The PageMeta of the page being rendered (passed, or on its article/page), if any."""
    if ctx.get("meta"):
        return ctx["meta"]
    for key in ("article", "page"):
        obj = ctx.get(key)
        if obj is not None and hasattr(obj, "meta"):
            return obj.meta
    return None


@pass_context
def page_meta(ctx: Context) -> PageMeta:
    """find_meta for templates: every page the site writes must have one."""
    meta = find_meta(ctx)
    if meta is None:
        raise LookupError(f"no page metadata for {ctx.get('output_file')}")
    return meta


def end_sentence(text: str) -> str:
    """Close a sentence with a full stop unless it has one ("5 октября 2025 г.")."""
    return text + full_stop(text)


def full_stop(text: str) -> str:
    """The full stop `text` still needs ("" after "5 октября 2025 г."), for markup in between."""
    return "" if str(text).rstrip().endswith((".", "!", "?")) else "."
