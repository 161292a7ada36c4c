"""Each graphic as a file of its own: a standalone SVG per chart and of the home map, per language.

A reader or another newsroom downloads the graphic as the page draws it: the
chart (or map) is rendered by the same template as the inline one
(theme/templates/charts/<kind>.svg, maps/map.svg), inside a wrapper,
theme/templates/graphics/standalone.svg, that adds what the page shows around
it in HTML: the title above, the note, sources and credits below, as SVG text
wrapped here to the width (generator/charts/metrics.py measures DejaVu Sans,
the first font the file names). Colours are written inline (palette.py), so the
file needs no stylesheet; it has no script and links nowhere.

The files are collected while the pages are rendered (the template globals
`chart_svg_file` and `map_svg_file` register each graphic a page draws, so no
graphic goes without its file) and written at the end of the run, before the
kk-latn edition is made from kk/ (latin.py transliterates them too).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from jinja2 import Environment
from pelican import Pelican

from ..charts.base import Chart
from ..charts.metrics import text_width
from ..editions import SOURCE
from ..i18n import Translator
from ..maps.svg import SvgMap
from ..palette import INK, MUTED, PAPER
from ..translit import to_latin

KEY = "CRAFT_GRAPHIC_FILES"
FOLDER = "graphics"  # <lang>/graphics/<id>.svg
TEMPLATE = "graphics/standalone.svg"
MAP_FILE = "craft-map"
# Measured for the first; the others are what a machine without it has.
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
SITE_NAME = "Craft Cities of Kazakhstan"  # a catalog string (pelicanconf's SITENAME)


@dataclass(frozen=True)
class Style:
    """Sizes around one kind of drawing, in its viewBox units."""

    pad: float  # margin on every side
    title: float  # title font size (bold)
    small: float  # note, sources and credits font size


def chart_style() -> Style:
    return Style(pad=12, title=15, small=11)  # the chart's own labels are 13


def map_style() -> Style:
    return Style(pad=24, title=34, small=22)  # the map's labels are 26


@dataclass(frozen=True)
class Block:
    """Lines of text drawn as one <text> with a <tspan> per line."""

    y: float  # baseline of the first line
    lines: list[str]
    size: float
    bold: bool
    fill: str

    @property
    def step(self) -> float:
        return round(self.size * 1.3, 2)


@dataclass
class Graphic:
    """What the wrapper template draws: `kind` names the drawing inside it."""

    kind: str  # "chart" or "map"
    lang: str
    title: str
    desc: str
    width: float
    height: float
    x: float  # where the drawing's top-left corner goes
    y: float
    blocks: list[Block] = field(default_factory=list)
    font_family: str = FONT_FAMILY
    paper: str = PAPER


def wrap(text: str, width: float, size: float, bold: bool, lang: str) -> list[str]:
    """Lines no wider than `width`; Kazakh is measured in both scripts, since the kk-latn
    edition transliterates the same file and must fit as well."""

    def measure(line: str) -> float:
        wide = text_width(line, size, bold)
        return max(wide, text_width(to_latin(line), size, bold)) if lang == SOURCE else wide

    lines: list[str] = []
    for word in text.split(" "):  # ordinary spaces only: no-break spaces hold numbers together
        if lines and measure(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    return lines or [""]


def _layout(
    kind: str, lang: str, title: str, desc: str, size: tuple[float, float], below: Sequence[str], style: Style
) -> Graphic:
    """Title, then the drawing, then each paragraph of `below`, stacked with `style`'s margins."""
    inner, height = size
    title_block = Block(
        style.pad + style.title, wrap(title, inner, style.title, True, lang), style.title, True, INK
    )
    top = title_block.y + title_block.step * (len(title_block.lines) - 1) + style.title * 0.6
    blocks = [title_block]
    y = top + height + style.small * 0.6
    for text in below:
        block = Block(y + style.small, wrap(text, inner, style.small, False, lang), style.small, False, MUTED)
        blocks.append(block)
        y = block.y + block.step * (len(block.lines) - 1) + style.small * 0.5
    return Graphic(
        kind, lang, title, desc, inner + 2 * style.pad, round(y + style.pad), style.pad, round(top, 2), blocks
    )


def _credit(t: Translator, page_url: str) -> str:
    """The site, and the page the graphic comes from where the build knows its address."""
    name = t.gettext(SITE_NAME)
    return f"{name}: {page_url}" if page_url.startswith(("http://", "https://")) else name


def _render(env: Environment, graphic: Graphic, **drawing: object) -> str:
    """The wrapper with the drawing it wraps (`chart` or `svg_map`)."""
    context: dict[str, object] = dict(drawing)
    context["graphic"] = graphic  # the chart templates read it to size and place their <svg>
    return env.get_template(TEMPLATE).render(context)


def chart_svg(env: Environment, chart: Chart, lang: str, t: Translator, page_url: str) -> tuple[str, str]:
    """(site-relative path, SVG text) of a chart's standalone file."""
    below = [chart.note] if chart.note else []
    if chart.sources:
        names = "; ".join(ref.name for ref in chart.sources)
        below.append(f"{t.ngettext('Source:', 'Sources:', len(chart.sources))} {names}.")
    below.append(_credit(t, page_url))
    graphic = _layout(
        "chart", lang, chart.title, chart.desc, (chart.width, chart.height), below, chart_style()
    )
    text = _render(env, graphic, chart=chart)
    return f"{lang}/{FOLDER}/{chart.id}.svg", text


def map_svg(env: Environment, svg_map: SvgMap, lang: str, t: Translator, page_url: str) -> tuple[str, str]:
    """(site-relative path, SVG text) of the home map's standalone file."""
    credits = f"{t.gettext('Country outline:')} Made with Natural Earth ({t.gettext('public domain')})."
    below = [credits, _credit(t, page_url)]
    title = t.gettext("Map of the craft cities")
    graphic = _layout("map", lang, title, svg_map.title, (svg_map.width, svg_map.height), below, map_style())
    text = _render(env, graphic, svg_map=svg_map)
    return f"{lang}/{FOLDER}/{MAP_FILE}.svg", text


class GraphicFiles:
    """The standalone files of one run, by site-relative path."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        # What the page being rendered adds, while publish/rebuild.py keeps that page.
        self.recording: dict[str, str] | None = None

    def add(self, path: str, text: str) -> None:
        # Chart ids are unique per language; two different drawings under one name would
        # leave one page linking to the other's graphic.
        if self.files.get(path, text) != text:
            raise ValueError(f"two different graphics would be written to {path}")
        self.files[path] = text
        if self.recording is not None:
            self.recording[path] = text

    def write(self, output_path: str) -> None:
        for path in sorted(self.files):
            dest = os.path.join(output_path, *path.split("/"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "w", encoding="utf-8", newline="\n") as fp:
                fp.write(self.files[path])


def start(generator) -> None:
    """A new, empty collection for the run (generator_init; the run's first generator makes it).

    Kept in the run's context, which the templates see, and in the settings, which
    reach the `finalized` handler (as sitemap.py does).
    """
    if KEY not in generator.context:
        generator.context[KEY] = generator.settings[KEY] = GraphicFiles()


def write(pelican: Pelican) -> None:
    """Write every graphic the pages drew (finalized, before the kk-latn edition)."""
    files = pelican.settings.pop(KEY, None)
    if files is not None:
        files.write(pelican.output_path)
