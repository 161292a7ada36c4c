"""Addresses of the site's files: the one place that joins SITEURL and a site-relative path.

Every page, feed and sitemap entry names a file by its path from the site root
("kk/almaty/"). SITEURL is absolute in the published build (publishconf.py) and
relative or empty in the development build, exactly as the templates write
`{{ SITEURL }}/{{ path }}`; these functions write it the same way, so an address
built in Python equals the one a template prints.
"""

from __future__ import annotations


def join(siteurl: str, path: str) -> str:
    """`{SITEURL}/{path}`, as the templates write it."""
    return f"{siteurl}/{path}"


def from_file(siteurl: str, path: str, depth: int) -> str:
    """Absolute under an absolute SITEURL; else relative to a file `depth` folders below the root
    (a feed read offline or under any sub-path still resolves it)."""
    return join(siteurl, path) if siteurl else "../" * depth + path


def site_path(url: str, siteurl: str) -> str | None:
    """The site-relative path of an absolute address under SITEURL, or None if `url` is not one."""
    base = siteurl.rstrip("/")
    if base and url.startswith(base + "/"):
        return url[len(base) + 1 :]
    return None
