"""Pelican settings for the development build (relative links, no feeds' domain).

publishconf.py extends this for the published site.
"""

import os

AUTHOR = "Craft Cities of Kazakhstan"
SITENAME = "Craft Cities of Kazakhstan"  # shown translated by the theme
SITEURL = ""
# Relative links, so the development build works from any sub-path too.
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Almaty"

DEFAULT_LANG = "kk"
LANGUAGES = ["kk", "ru"]

PLUGIN_PATHS = ["."]
PLUGINS = ["generator"]

# Stories and pages take language and slug from their path:
# content/stories/kk/almaty.md -> /kk/almaty/, translated by slug.
ARTICLE_PATHS = ["stories"]
PAGE_PATHS = ["pages"]
PATH_METADATA = r"(?:stories|pages)/(?P<lang>[^/]+)/(?P<slug>[^/]+)\.md$"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
ARTICLE_URL = ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_URL = PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_URL = DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
DRAFT_PAGE_URL = DRAFT_PAGE_LANG_URL = "drafts/{lang}/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = "drafts/{lang}/pages/{slug}/index.html"
STATIC_PATHS = []

# Pelican's own listings cover only one language; the plugin writes
# per-language home pages, story indexes and feeds instead.
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
ARTICLE_ORDER_BY = "slug"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Stories are written when they are: a fixed date keeps builds reproducible.
DEFAULT_DATE = None
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False
# Kazakh in the Latin alphabet (2021) is an edition made from the kk pages at build
# time (generator/publish/latin.py): not a content language, but listed in the switcher.
LANGUAGE_NAMES = {"kk": "Қазақша", "kk-Latn": "Qazaqşa (latyn)", "ru": "Русский"}

# Only Markdown is read (the reStructuredText reader warns about Kazakh).
READERS = {"rst": None}

# Pages whose slug needs its own template (the data downloads sit on methodology).
SLUG_TEMPLATES = {"methodology": "methodology"}

# The source articles, kept beside the repository (not in it). When the folder
# is there, the build checks content/data/fingerprint.json against it; a plain
# checkout (GitHub's) builds from the committed fingerprint alone.
SOURCES_ARCHIVE = os.environ.get(
    "SOURCES_ARCHIVE", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "sources")
)

# Expensive results kept between builds (generator/build_cache.py): preview
# pictures and the like, each under a hash of exactly what it depends on.
# Git ignores the folder, `make clean` deletes it, and deleting it at any
# time only makes the next build slower. None or "" turns caching off.
BUILD_CACHE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache")
