"""Embed pages: every graphic and map alone, at /<lang>/embed/<id>/, for other sites' iframes.

Each graphic drawn on a story or the home page gets a page of its own with its
title, source line and a link back (theme/templates/embed.html), and the page
it is drawn on offers the <iframe> code for it (theme/templates/_embed_code.html,
through the `embed_code` global). The embed page reports its height to the host
page by postMessage, as Datawrapper's responsive embeds do; the code the host
pastes listens for that message and sizes the frame.

Embed pages are `noindex` with their canonical on the page the graphic is drawn
on: they are copies of a part of that page, so they stay out of the sitemap and
out of search (embed.html does not call `search_attrs`). The Latin edition makes
its own from the kk ones (latin.py), like every kk page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment
from pelican.generators import Generator
from pelican.writers import Writer

from .. import urls
from ..charts.bars import breakdown_charts, sources_chart
from ..charts.base import Chart
from ..charts.timeline import timeline
from ..content.pages import PageMeta
from ..data.model import Dataset
from ..i18n import Translator, translators
from ..maps.home import HomeMap, home_map
from ..maps.story import story_map
from ..maps.svg import SvgMap
from ..run_memo import remember
from .graphic_files import FOLDER as GRAPHIC_FILES

FOLDER = "embed"  # /<lang>/embed/<id>/
HOME_MAP = "craft-map"  # the home map's id without its language (HomeMap.id is "craft-map-<lang>")
MESSAGE = "craft-cities-embed-height"  # {MESSAGE: {id: height}}, the message an embed page posts

Graphic = Chart | SvgMap | HomeMap


def embed_id(graphic: Graphic) -> str:
    """The graphic's id in embed addresses: its chart or map id, the same in every language."""
    return HOME_MAP if isinstance(graphic, HomeMap) else graphic.id


def embed_path(lang: str, graphic_id: str) -> str:
    """Site-relative address of an embed page ("kk/embed/chart-timeline/")."""
    return f"{lang}/{FOLDER}/{graphic_id}/"


def graphic_title(graphic: Graphic, t: Translator) -> str:
    """The title an embed shows and its iframe's `title` names (the map's figcaption on the home page)."""
    return t.gettext("Map of the craft cities") if isinstance(graphic, HomeMap) else graphic.title


def _frame_height(graphic: Graphic) -> int:
    """A first height for the iframe, before the embed reports its own: the drawing at about
    the width of a phone-to-column frame, plus title and source lines."""
    if isinstance(graphic, Chart):
        return round(graphic.height * 1.3) + 160
    svg = graphic.svg if isinstance(graphic, HomeMap) else graphic
    return round(svg.height * 600 / svg.width) + 200


def _origin(siteurl: str) -> str | None:
    """scheme://host[:port] of an absolute SITEURL; None in the development build (relative)."""
    parts = urlsplit(siteurl)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


@dataclass(frozen=True)
class EmbedCode:
    """What _embed_code.html prints under a graphic."""

    id: str
    url: str  # the embed page, as this page links it (absolute in the published build)
    title: str
    height: int
    # The host script checks the message comes from the site: its origin in the published
    # build; a development build's addresses are relative, so its frames are the host's own.
    origin: str | None
    message: str = MESSAGE


def embed_code(siteurl: str, lang: str, graphic: Graphic, t: Translator) -> EmbedCode:
    gid = embed_id(graphic)
    url = urls.join(siteurl, embed_path(lang, gid))
    return EmbedCode(gid, url, graphic_title(graphic, t), _frame_height(graphic), _origin(siteurl))


@dataclass(frozen=True)
class Embed:
    """One embed page: what theme/templates/embed.html draws."""

    id: str
    lang: str
    title: str
    page_url: str  # the page the graphic is drawn on, site-relative (its canonical)
    page_title: str  # the story's title; "" for the home page (the site's name is shown)
    chart: Chart | None = None
    map: SvgMap | None = None
    cities: tuple[
        tuple[str, str], ...
    ] = ()  # the home map: (city name, story URL), as the home page lists them
    message: str = MESSAGE

    @property
    def url(self) -> str:
        return embed_path(self.lang, self.id)

    @property
    def svg_file(self) -> str:
        """A chart's standalone SVG, which the page it is drawn on has the build write (graphic_files.py)."""
        return f"{self.lang}/{GRAPHIC_FILES}/{self.id}.svg"


def page_embeds(
    env: Environment, data: Dataset, lang: str, stories: list, t: Translator, run: dict | None = None
) -> list[Embed]:
    """Every graphic of the language's home page and stories, in the order they are drawn.

    The same graphics, by the same layout functions, as the templates draw
    (home.html, article.html): the story's map, its figure charts, its timeline;
    the map and timeline those pages made in this run (`run`, its context: run_memo.py).
    """
    run = run if run is not None else {}
    home = f"{lang}/"
    story_urls = {s.city["id"]: s.url for s in stories}
    key = ("home_map", lang, "", tuple(sorted(story_urls.items())))
    cmap = remember(run, key, lambda: home_map(env, data, lang, "", story_urls, t))
    cities = tuple((c["name"][lang], story_urls[c["id"]]) for c in data.cities if c["id"] in story_urls)
    out = [
        Embed(HOME_MAP, lang, graphic_title(cmap, t), home, "", map=cmap.svg, cities=cities),
        *(
            Embed(c.id, lang, c.title, home, "", chart=c)
            for c in (timeline(data, lang, t), sources_chart(data, lang, t))
        ),
    ]
    for story in stories:
        city = story.city
        svg = remember(run, ("story_map", city["id"], lang), lambda city=city: story_map(data, city, lang, t))
        out.append(Embed(svg.id, lang, svg.title, story.url, story.title, map=svg))
        line = remember(run, ("timeline", city["id"], lang), lambda city=city: timeline(data, lang, t, city["id"]))
        charts = remember(run, ("figure_charts", city["id"], lang), lambda city=city: breakdown_charts(data, lang, t, city))
        for chart in [*charts, line]:
            out.append(Embed(chart.id, lang, chart.title, story.url, story.title, chart=chart))
    duplicates = sorted(i for i, n in Counter(e.id for e in out).items() if n > 1)
    if duplicates:  # two graphics would share one address: a layout's ids are no longer unique
        raise ValueError(f"embed ids drawn twice in {lang}: {', '.join(duplicates)}")
    return out


class EmbedsGenerator(Generator):
    """Writes /<lang>/embed/<id>/ for every graphic of every story and home page."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Writer) -> None:
        langs = self.settings["LANGUAGES"]
        for lang in langs:
            t = translators(self.context)[lang]
            stories = self.context["stories_by_lang"][lang]
            for embed in page_embeds(self.env, self.context["craft"], lang, stories, t, self.context):
                writer.write_file(
                    embed.url + "index.html",
                    self.get_template("embed"),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    meta=PageMeta(
                        lang,
                        embed.url,
                        embed.title,
                        embed.title,
                        {code: embed_path(code, embed.id) for code in langs},
                    ),
                    embed=embed,
                    sitemap=False,  # noindex, canonical elsewhere: not a page for the sitemap
                )


def generators(pelican: object) -> type[Generator]:
    """For Pelican's get_generators signal (generator/__init__.py's handler table)."""
    return EmbedsGenerator
