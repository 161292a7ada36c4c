"""Signal wiring of the publish modules (head tags, sitemap, the files that are not pages).

The work is done in head.py, jsonld.py, sitemap.py and site_files.py; this module
only connects them to Pelican and installs the template globals.
"""

from __future__ import annotations

from pelican import signals

from . import head, sitemap
from .site_files import SiteFilesGenerator


def install(env) -> None:
    env.globals["social"] = head.page_head
    env.globals["x_default"] = head.x_default_for_page


def _generators(pelican):
    return SiteFilesGenerator


def _init_env(generator) -> None:
    install(generator.env)


def register() -> None:
    """Connect to Pelican's signals (called from generator.register)."""
    signals.generator_init.connect(_init_env)
    signals.get_generators.connect(_generators)
    signals.content_written.connect(sitemap.page_written)
    signals.finalized.connect(sitemap.write)


# The names these had before issue 14 split this module, kept importable until the
# install()/register() above move to generator/__init__.py's handler table.
social_for_page = head.page_head
_x_default = head.x_default_for_page
_page_written = sitemap.page_written
_write_sitemap = sitemap.write
SeoGenerator = SiteFilesGenerator
