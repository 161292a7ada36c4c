"""Which pages a built site has, and where the test server shows them."""

from __future__ import annotations

from pathlib import Path


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as the path a reader asks for.

    `index.html` files become their folder ("", "kk/", "kk/almaty/"), the way
    the site links to them; other files (e.g. "404.html") keep their name.
    """
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        out.append(rel)
    return out


def report(problems: dict[str, list[str]]) -> str:
    """{page: [problem, ...]} -> one readable block for an assertion message."""
    lines = []
    for page, found in problems.items():
        lines.append(f"{page or '/'}:")
        lines += [f"  - {p}" for p in found]
    return "\n".join(lines)


def for_crawlers(path: Path) -> bool:
    """False for a page marked noindex (404.html, the embed pages of issue 16): no sitemap
    entry, social card, language switcher or canonical of its own is expected of it."""
    return b'<meta name="robots" content="noindex">' not in path.read_bytes()


MISSING = "no/such/page/"  # an address nothing is built at


def reader_urls(served) -> list[tuple[str, str]]:
    """(page, URL) for every built page of a served site, as readers reach it.

    404.html is opened where readers meet it: at a missing address, one level
    deep or more, served by the server's not-found fallback.
    """
    return [(page, served.url(MISSING if page == "404.html" else page)) for page in site_pages(served.root)]
