"""Rewriting a built kk file as its kk-latn twin: HTML pages, their JSON-LD and scripts, the Atom feed.

The text of a page (and only text) goes through translit.to_latin, links to
other kk pages point to their kk-latn twins, `<html lang>` becomes kk-Latn and
the language switcher marks Latin Kazakh as the current one. Left as written:
text inside an element marked as another language (a Russian source's headline
is a `<q lang="ru">`, the switcher's Cyrillic name is `lang="kk-Cyrl"`), tag and
attribute names, ids, classes, URLs, and every attribute that is not text for
readers. The hreflang links in the head and the switcher keep pointing at each edition.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser

from .. import urls
from ..content.share import relink
from ..editions import CYRILLIC_NAME_TAG, DIR, EDITION, SOURCE, edition_url
from ..translit import to_latin
from . import jsonld

# Attributes whose values readers see or hear.
TEXT_ATTRS = frozenset(
    {"alt", "title", "aria-label", "aria-description", "aria-roledescription", "placeholder", "label",
     "data-search-title", "data-search-section", "data-texts", "data-label", "data-name"}
)  # fmt: skip
# <meta> whose content is text (by name or property).
TEXT_META = frozenset(
    {"description", "og:title", "og:description", "og:site_name", "og:image:alt",
     "twitter:title", "twitter:description", "twitter:image:alt"}
)  # fmt: skip
URL_ATTRS = frozenset({"href", "action"})
URL_META = frozenset({"og:url"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# The search page's word list serves the Cyrillic normaliser (kk-query.js): no use on Latin text.
DROP_ATTRS = frozenset({"data-words"})


# --- text and scripts --------------------------------------------------------

_JS_WORD = re.compile(r"(?:\\u04[0-9a-fA-F]{2}|[^\W\d_])+")
_JS_ESCAPE = re.compile(r"\\u(04[0-9a-fA-F]{2})")


def latin_js(code: str) -> str:
    """Kazakh words in JS or JSON source, also those written as \\u04xx escapes (Jinja's tojson)."""

    def word(m: re.Match) -> str:
        text = _JS_ESCAPE.sub(lambda e: chr(int(e.group(1), 16)), m.group())
        return to_latin(text) if text != m.group() or to_latin(text) != text else m.group()

    return _JS_WORD.sub(word, code)


def _latin_json(value: object, rewrite: Callable[[str], str], top: bool = True) -> object:
    """Strings of JSON-LD in Latin, except the headline of a work in another language (a
    Russian source's headline is a quotation, as on the page); the rest is the page's text."""
    if isinstance(value, dict):
        own = value.get("inLanguage")
        foreign = isinstance(own, str) and own not in (SOURCE, EDITION)
        out = {}
        for key, item in value.items():
            if key == "inLanguage" and item == SOURCE and top:  # the page; a cited kk work stays kk
                out[key] = EDITION
            elif key in ("url", "mainEntityOfPage") and isinstance(item, str):
                out[key] = rewrite(item)
            elif key == "headline" and foreign:
                out[key] = item
            else:
                out[key] = _latin_json(item, rewrite, False)
        return out
    if isinstance(value, list):
        return [_latin_json(item, rewrite, False) for item in value]
    if isinstance(value, str):
        return to_latin(value)
    return value


def latin_json_ld(text: str, rewrite: Callable[[str], str]) -> str:
    """A JSON-LD block, written back the way jsonld.py writes it."""
    out = jsonld.dumps(_latin_json(json.loads(text), rewrite))
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return lead + out + tail


# --- links -------------------------------------------------------------------


class Links:
    """Points links to kk pages at their kk-latn twins, for a page at `page` (site-relative)."""

    def __init__(self, page: str, siteurl: str) -> None:
        self.page_dir = posixpath.dirname(page)
        self.siteurl = siteurl.rstrip("/")

    def __call__(self, url: str) -> str:
        rest = urls.site_path(url, self.siteurl)
        if rest is not None:
            return urls.join(self.siteurl, edition_url(rest))
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#|^$", url, re.I):
            return url  # another site, a mail link, an anchor on the page
        if url.startswith("/"):
            return "/" + edition_url(url[1:])
        # Relative: a run of ../ to the site root, then a path from there.
        m = re.match(r"^((?:\.\./|\./)*)(.*)$", url, re.S)
        ups, rest = m.group(1), m.group(2)
        base = posixpath.normpath(posixpath.join(self.page_dir, ups)) if ups else self.page_dir
        if base in (".", "") and (rest == SOURCE or rest.startswith(SOURCE + "/")):
            return ups + edition_url(rest)
        return url  # a path inside kk/ itself resolves to the twin already


# --- pages -------------------------------------------------------------------

_ATTR = re.compile(r"""(\s)([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _rewrite_tag(raw: str, change) -> str:
    """The start tag `raw` with some attribute values changed: change(name, value) returns the
    new value, None to keep it, or False to drop the attribute. Untouched parts stay byte for byte."""
    head = re.match(r"<[^\s/>]+", raw).group()

    def attr(m: re.Match) -> str:
        name, value = m.group(2).lower(), m.group(4)
        text = None
        if value is not None:
            text = html.unescape(value[1:-1] if value[:1] in "\"'" else value)
        new = change(name, text)
        if new is False:
            return ""
        if new is None or new == text:
            return m.group()
        return f'{m.group(1)}{m.group(2)}="{html.escape(new, quote=True)}"'

    return head + _ATTR.sub(attr, raw[len(head) :])


class _PageToLatin(HTMLParser):
    def __init__(self, links: Links) -> None:
        super().__init__(convert_charrefs=False)
        self.links = links
        self.out: list[str] = []
        self.langs: list[tuple[str, str | None]] = []  # open elements: (tag, lang they set)
        self.script: str | None = None  # type of the <script> being read
        self.canonical = ""  # the kk page's own address (the switcher links back to it)
        self.swap_end: list[tuple[str, str]] = []  # (end tag expected, end tag to write)
        self.address = self.code = False  # reading the text of an element marked data-site-address / -urls
        self._end_at = 0

    # The effective language of what is being read.
    def lang(self) -> str:
        for _, code in reversed(self.langs):
            if code:
                return code
        return SOURCE

    def _change(self, tag: str, attrs: dict[str, str | None], lang: str):
        meta_key = (attrs.get("name") or attrs.get("property") or "") if tag == "meta" else ""

        def change(name: str, value: str | None):
            if value is None:
                return None
            if name in DROP_ATTRS:
                return False
            if name == "lang" and value == SOURCE:
                return EDITION
            if "hreflang" in attrs:
                return None  # links to each edition stay as they are
            if name == "href" and "data-share-link" in attrs:  # issue 16: the twin's address and title
                return relink(value, self.canonical, self.links(self.canonical), to_latin)
            if name in URL_ATTRS or (name == "content" and meta_key in URL_META):
                return self.links(value)
            if lang not in (SOURCE, EDITION):
                return None
            if name == "content" and meta_key in TEXT_META:
                return to_latin(value)
            if name == "data-texts":
                return latin_js(value)
            if name in TEXT_ATTRS:
                return to_latin(value)
            return None

        return change

    def handle_starttag(self, tag: str, attr_list) -> None:
        raw = self.get_starttag_text()
        attrs = dict(attr_list)
        own = attrs.get("lang")
        lang = (EDITION if own == SOURCE else own) if own else self.lang()
        if tag == "link" and (attrs.get("rel") or "") == "canonical":
            self.canonical = attrs.get("href") or ""
        # The switcher: Cyrillic Kazakh becomes a link, Latin Kazakh the current edition.
        if tag == "span" and "aria-current" in attrs and own == CYRILLIC_NAME_TAG:
            self.out.append(
                f'<a href="{html.escape(self.canonical, quote=True)}" hreflang="{SOURCE}" lang="{own}">'
            )
            self.swap_end.append(("span", "a"))
        elif tag == "a" and attrs.get("hreflang") == EDITION:
            self.out.append(f'<span aria-current="true" lang="{EDITION}">')
            self.swap_end.append(("a", "span"))
        else:
            self.out.append(_rewrite_tag(raw, self._change(tag, attrs, lang if own else self.lang())))
        if tag not in VOID:
            self.langs.append((tag, EDITION if own == SOURCE else own))
        if tag == "script":
            self.script = attrs.get("type") or "text/javascript"
        self.address = "data-site-address" in attrs  # issue 16: a citation's address, shown as text
        self.code = "data-site-urls" in attrs  # issue 16: embed code that quotes the site's addresses

    def handle_startendtag(self, tag: str, attr_list) -> None:
        raw = self.get_starttag_text()
        attrs = dict(attr_list)
        own = attrs.get("lang")
        self.out.append(_rewrite_tag(raw, self._change(tag, attrs, own or self.lang())))

    def parse_endtag(self, i: int) -> int:
        self._end_at = i
        return super().parse_endtag(i)

    def handle_endtag(self, tag: str) -> None:
        raw = self.rawdata[self._end_at : self.rawdata.index(">", self._end_at) + 1]
        if self.swap_end and self.swap_end[-1][0] == tag:
            raw = f"</{self.swap_end.pop()[1]}>"
        self.out.append(raw)
        self.address = self.code = False
        for k in range(len(self.langs) - 1, -1, -1):
            if self.langs[k][0] == tag:
                del self.langs[k:]
                break
        if tag == "script":
            self.script = None

    def handle_data(self, data: str) -> None:
        in_kk = self.lang() in (SOURCE, EDITION)
        if self.script == "application/ld+json":
            self.out.append(latin_json_ld(data, self.links) if data.strip() else data)
        elif self.script is not None:
            self.out.append(latin_js(data) if in_kk else data)
        elif self.address:
            self.out.append(html.escape(self._twin_address(html.unescape(data))))
        elif self.code and not any(c.isspace() for c in data):  # an address between the code's escaped quotes
            self.out.append(self.links(to_latin(data) if in_kk else data))
        else:
            self.out.append(to_latin(data) if in_kk else data)

    def _twin_address(self, text: str) -> str:
        """The twin of an address shown as text: absolute, or the path from the site root."""
        rest = urls.site_path(text, self.links.siteurl)
        return urls.join(self.links.siteurl, edition_url(rest)) if rest is not None else edition_url(text)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def page_to_latin(text: str, page: str, siteurl: str) -> str:
    """A built kk page (site-relative path `page`, e.g. 'kk/almaty/index.html') as its kk-latn twin."""
    parser = _PageToLatin(Links(page, siteurl))
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


_FEED_TEXT = re.compile(r">([^<]+)<")
_FEED_LINK = re.compile(r'(<link href=")([^"]*)(")')
_FEED_ID = re.compile(r"(<id>[^<]*?)/" + re.escape(SOURCE) + "/")


def feed_to_latin(text: str, page: str, siteurl: str) -> str:
    """The kk Atom feed as the kk-latn one: titles and summaries in Latin, links and ids to kk-latn."""
    links = Links(page, siteurl)
    text = text.replace(f'xml:lang="{SOURCE}"', f'xml:lang="{EDITION}"', 1)
    text = _FEED_LINK.sub(lambda m: m.group(1) + html.escape(links(html.unescape(m.group(2)))) + m.group(3), text)
    text = _FEED_ID.sub(lambda m: f"{m.group(1)}/{DIR}/", text)
    return _FEED_TEXT.sub(lambda m: ">" + to_latin(m.group(1)) + "<", text)
