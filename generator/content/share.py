"""Issue 16, "Sharing without trackers": plain share links, made at build time.

Each is an ordinary link to the service's own share address with the page's
address and title URL-encoded: nothing loads from another host until the reader
follows one. They need the page's real address, so only a published build has
them; the development build (relative SITEURL) leaves them out, and share.js's
copy-link and Web Share buttons use the address the browser shows instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from ..i18n import Translator


@dataclass(frozen=True)
class ShareLink:
    service: str  # an id for CSS and tests: "telegram", "whatsapp", ...
    label: str  # the service's own name, or "E-mail" in the page's language
    href: str


def _q(text: str) -> str:
    return quote(text, safe="")


def share_links(title: str, address: str, t: Translator) -> list[ShareLink]:
    """The share links of a page at the absolute `address`; none for a relative one."""
    if "://" not in address:
        return []
    url, text = _q(address), _q(title)
    return [
        ShareLink("telegram", "Telegram", f"https://t.me/share/url?url={url}&text={text}"),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(f'{title} {address}')}"),
        ShareLink("vk", "VK", f"https://vk.com/share.php?url={url}&title={text}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ShareLink("x", "X", f"https://x.com/intent/post?url={url}&text={text}"),
        ShareLink("email", t.gettext("E-mail"), f"mailto:?subject={text}&body={url}"),
    ]


def relink(href: str, old: str, new: str, text: Callable[[str], str]) -> str:
    """A share link of the page at `old` as the same link for its twin at `new`, each
    parameter's words through `text` (the kk-Latn edition: publish/latin_text.py)."""
    parts = urlsplit(href)
    query = "&".join(
        f"{key}={_q(text(value).replace(old, new))}" for key, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit(parts._replace(query=query))
