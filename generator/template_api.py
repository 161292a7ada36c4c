"""Every Jinja global and filter the theme may use, installed in one place.

docs/template-api.md documents each of them (tests/test_docs.py keeps the two in
step). The functions doing the work stay in their own modules; this one only
adapts them to the page being rendered: its language, its translator and the
dataset (`craft`), all read from the template context.
"""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import urls
from .charts.bars import breakdown_charts, sources_chart
from .charts.base import Chart, num
from .charts.timeline import timeline
from .content.cite import Citation, published_siteurl
from .content.figures import figure_text
from .content.pages import PageMeta, end_sentence, full_stop, this_page
from .content.share import ShareLink, share_links
from .data.model import Dataset
from .i18n import Translator, format_partial_date, translators
from .maps.home import HomeMap, home_map
from .maps.story import story_map
from .maps.svg import SvgMap
from .publish.cite_files import page_citation
from .publish.embeds import EmbedCode, Graphic, embed_code
from .publish.graphic_files import KEY as GRAPHIC_FILES
from .publish.graphic_files import chart_svg, map_svg
from .publish.head import page_head, x_default_for_page
from .publish.latin import edition_path, name_lang
from .publish.search import search_attrs
from .run_memo import remember


def install(generator) -> None:
    """Give a Pelican generator's Jinja environment the theme's globals and filters.

    Connected to `generator_init`: every generator has its own environment.
    """
    env: Environment = generator.env

    def _lang(ctx: Context) -> str:
        return this_page(ctx).lang

    def _t(ctx: Context) -> Translator:
        return translators(ctx)[_lang(ctx)]

    def _chart_args(ctx: Context) -> tuple[Dataset, str, Translator]:
        return ctx["craft"], _lang(ctx), _t(ctx)

    # --- interface strings and locale formatting (one template serves every language)

    @pass_context
    def gettext(ctx: Context, message: str) -> str:
        return _t(ctx).catalog.gettext(message)

    @pass_context
    def ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return _t(ctx).catalog.ngettext(singular, plural, n)

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)

    @pass_context
    def date(ctx: Context, value: str | dt.date | None, unknown: str = "") -> str:
        return format_partial_date(value, _lang(ctx), unknown, t=_t(ctx))

    @pass_context
    def pick(ctx: Context, texts: dict) -> str:
        """{'kk': ..., 'ru': ...} -> the text in the page's language."""
        return texts[_lang(ctx)]

    @pass_context
    def figure(ctx: Context, fig: dict) -> str:
        return figure_text(fig, _lang(ctx), _t(ctx))

    env.filters.update(
        date=date,
        pick=pick,
        figure=figure,
        end_sentence=end_sentence,
        full_stop=full_stop,
        svgnum=num,
    )

    @pass_context
    def page_meta(ctx: Context) -> PageMeta:
        """The page's PageMeta: every page built on base.html has one."""
        meta = this_page(ctx).meta
        if meta is None:
            raise LookupError(f"no page metadata for {ctx.get('output_file')}")
        return meta

    env.globals["page_meta"] = page_meta

    # --- data graphics (generator/charts/)

    @pass_context
    def timeline_chart(ctx: Context, city_id: str | None = None) -> Chart:
        return remember(ctx, ("timeline", city_id, _lang(ctx)), lambda: timeline(*_chart_args(ctx), city_id))

    @pass_context
    def figure_charts(ctx: Context, city: dict) -> list[Chart]:
        return remember(ctx, ("figure_charts", city["id"], _lang(ctx)), lambda: breakdown_charts(*_chart_args(ctx), city))

    @pass_context
    def sources_per_city_chart(ctx: Context) -> Chart:
        return sources_chart(*_chart_args(ctx))

    env.globals.update(
        timeline_chart=timeline_chart,
        figure_charts=figure_charts,
        sources_chart=sources_per_city_chart,
    )

    # --- maps (generator/maps/)

    @pass_context
    def craft_home_map(ctx: Context) -> HomeMap:
        lang = _lang(ctx)
        stories = {s.city["id"]: s.url for s in ctx.get("stories_by_lang", {}).get(lang, [])}
        key = ("home_map", lang, ctx["SITEURL"], tuple(sorted(stories.items())))
        return remember(ctx, key, lambda: home_map(ctx.environment, ctx["craft"], lang, ctx["SITEURL"], stories, _t(ctx)))

    @pass_context
    def craft_story_map(ctx: Context) -> SvgMap:
        city, lang = ctx["article"].city, _lang(ctx)
        return remember(ctx, ("story_map", city["id"], lang), lambda: story_map(ctx["craft"], city, lang, _t(ctx)))

    env.globals.update(craft_home_map=craft_home_map, craft_story_map=craft_story_map)

    # --- each graphic as a standalone SVG file (generator/publish/graphic_files.py)

    def _page_url(ctx: Context) -> str:
        meta = this_page(ctx).meta
        return f"{ctx['SITEURL']}/{meta.url}" if meta else ""

    @pass_context
    def chart_svg_file(ctx: Context, chart: Chart) -> str:
        """Register the chart's standalone SVG for writing; its site-relative path."""
        path, text = chart_svg(ctx.environment, chart, _lang(ctx), _t(ctx), _page_url(ctx))
        ctx[GRAPHIC_FILES].add(path, text)
        return path

    @pass_context
    def map_svg_file(ctx: Context, svg: SvgMap) -> str:
        """Register the home map's standalone SVG for writing; its site-relative path."""
        path, text = map_svg(ctx.environment, svg, _lang(ctx), _t(ctx), _page_url(ctx))
        ctx[GRAPHIC_FILES].add(path, text)
        return path

    env.globals.update(chart_svg_file=chart_svg_file, map_svg_file=map_svg_file)

    # --- embeds (generator/publish/embeds.py): the <iframe> code under each graphic

    @pass_context
    def graphic_embed_code(ctx: Context, graphic: Graphic) -> EmbedCode:
        return embed_code(ctx["SITEURL"], _lang(ctx), graphic, _t(ctx))

    env.globals["embed_code"] = graphic_embed_code

    # --- search, head tags, editions (generator/publish/)

    @pass_context
    def page_search_attrs(ctx: Context, section: str) -> Markup:
        """search_attrs() for the page being rendered: its title names each result."""
        meta = this_page(ctx).meta
        return search_attrs(meta.title if meta else "", section)

    # --- citing and sharing (issue 16: content/cite.py, content/share.py)

    @pass_context
    def how_to_cite(ctx: Context) -> Citation | None:
        return page_citation(ctx, _t(ctx))

    @pass_context
    def page_share_links(ctx: Context) -> list[ShareLink]:
        meta = this_page(ctx).meta
        siteurl = published_siteurl(ctx["SITEURL"], ctx["RELATIVE_URLS"])
        return share_links(meta.title, urls.join(siteurl, meta.url) if siteurl else meta.url, _t(ctx))

    env.globals.update(how_to_cite=how_to_cite, share_links=page_share_links)

    env.globals.update(
        search_attrs=page_search_attrs,
        social=page_head,
        x_default=x_default_for_page,
        name_lang=name_lang,
        edition_path=edition_path,
    )
