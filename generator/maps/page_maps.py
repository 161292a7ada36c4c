"""The map of the craft cities: what templates call to draw it.

`craft_home_map()` (home page, home.py) gives a folium/Leaflet map plus a
static SVG of the same outline, cities and labels; `craft_story_map()` (story
page, story.py) gives a small static SVG centred on the story's city. Both are
Jinja globals that read the page being rendered (language, relative SITEURL),
so links in popups resolve exactly like the page's other links.
"""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context

from ..i18n import Translator, page_lang
from .home import HomeMap, home_map
from .story import story_map
from .svg import SvgMap


def _story_urls(ctx: Context, lang: str) -> dict[str, str]:
    stories = ctx.get("stories_by_lang", {}).get(lang, [])
    return {s.city["id"]: s.url for s in stories}


def install(env, catalog_dir: str) -> None:
    """Jinja globals `craft_home_map()` and `craft_story_map()` for the page being rendered."""

    @pass_context
    def craft_home_map(ctx: Context) -> HomeMap:
        lang = page_lang(ctx)
        return home_map(
            ctx.environment,
            ctx["craft"],
            lang,
            ctx["SITEURL"],
            _story_urls(ctx, lang),
            Translator(catalog_dir, lang),
        )

    @pass_context
    def craft_story_map(ctx: Context) -> SvgMap:
        lang = page_lang(ctx)
        return story_map(ctx["craft"], ctx["article"].city, lang, Translator(catalog_dir, lang))

    env.globals.update(craft_home_map=craft_home_map, craft_story_map=craft_story_map)
