"""One Atom feed per language (`/kk/feed.xml`, `/ru/feed.xml`) listing that language's stories.

Written with feedgenerator (what Pelican's own feeds use) rather than
`writer.write_feed`, because Pelican titles feeds with the English SITENAME
and the English AUTHOR; here title, subtitle and author come from the
language's catalog. Links are absolute in the published build; in the
development build (SITEURL "") they are relative to the feed, so they still
resolve under any sub-path.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import escape
from pelican.contents import Article

from .. import urls
from ..i18n import Translator, Translators

FEED_NAME = "feed.xml"


def feed_path(lang: str) -> str:
    """Site-relative path of a language's feed."""
    return f"{lang}/{FEED_NAME}"


def _tag(siteurl: str, path: str, date) -> str:
    """A tag: URI for an Atom id: stable, and unique per host and path."""
    if siteurl:
        return get_tag_uri(urls.join(siteurl, path), date)
    return f"tag:localhost,{date:%Y-%m-%d}:/{path}"


def build_feed(lang: str, stories: list[Article], siteurl: str, t: Translator) -> Atom1Feed:
    path = feed_path(lang)
    depth = path.count("/")
    site_name = t.gettext("Craft Cities of Kazakhstan")
    # Latest change first, so a corrected story comes back to the top; stories changed
    # at the same time in a fixed order (by slug) for identical builds.
    ordered = sorted(stories, key=lambda s: s.slug)
    ordered.sort(key=lambda s: s.last_change, reverse=True)
    feed = Atom1Feed(
        title=site_name,
        link=urls.from_file(siteurl, f"{lang}/", depth),
        description=t.gettext(
            "One story for each craft city, written from the news reports and cited to them."
        ),
        language=lang,
        author_name=site_name,
        feed_url=urls.from_file(siteurl, path, depth),
        feed_guid=urls.from_file(siteurl, path, depth) if siteurl else f"tag:localhost,2025:/{path}",
    )
    for story in ordered:
        feed.add_item(
            title=story.title,
            link=urls.from_file(siteurl, story.url, depth),
            # type="html": the plain summary, escaped, so no content becomes markup.
            description=str(escape(story.meta.description)),
            unique_id=_tag(siteurl, story.url, story.date),
            pubdate=story.date,
            updateddate=story.last_change,  # Modified, or a later correction
            author_name=site_name,
        )
    return feed


def write_feeds(
    stories_by_lang: dict[str, list[Article]], settings: dict, output_path: str, translators: Translators
) -> None:
    """Write `<lang>/feed.xml` for every language."""
    siteurl = settings["SITEURL"]
    if siteurl and not urlsplit(siteurl).hostname:
        raise ValueError(f"SITEURL must be absolute (https://host/path) or empty, not {siteurl!r}")
    for lang in settings["LANGUAGES"]:
        feed = build_feed(lang, stories_by_lang.get(lang, []), siteurl, translators[lang])
        path = feed_path(lang)
        full = os.path.join(output_path, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as fp:
            feed.write(fp, "utf-8")
