"""Small screens: no sideways scrolling, and tap targets a finger can hit (WCAG 2.5.8)."""

from __future__ import annotations

NARROW = 320  # px: WCAG 1.4.10 reflow width
TARGET = 24  # px: WCAG 2.5.8 minimum target size

_OVERFLOW = """() => {
  const se = document.scrollingElement;
  const vw = document.documentElement.clientWidth;
  // The widest elements sticking out to the right, for the message.
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== 'visible') return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.right > vw + 0.5 && r.width > 0 && !clipped(el))
    .sort((a, b) => b[1].right - a[1].right)
    .slice(0, 5)
    .map(([el, r]) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
         `${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : ''}>` +
         ` ${Math.round(r.width)} px wide, right edge at ${Math.round(r.right)}`);
  return {scrollWidth: se.scrollWidth, viewport: vw, wide};
}"""


def overflow_problems(page, width: int = NARROW) -> list[str]:
    """The page must not scroll sideways at `width` px (document.scrollingElement.scrollWidth)."""
    found = page.evaluate(_OVERFLOW)
    if found["scrollWidth"] <= width:
        return []
    return [
        f"scrolls sideways: {found['scrollWidth']} px wide in a {width} px window"
        + ("; widest: " + "; ".join(found["wide"]) if found["wide"] else "")
    ]


# Every target the reader can see, with its box, whether it is exempt as a
# link inside a sentence, and a description.
_TARGETS = """() => {
  const sel = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
              '[role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="tab"], [role="menuitem"], ' +
              '[tabindex]:not([tabindex^="-"])';
  const els = [...document.querySelectorAll(sel)].filter(el =>
    !el.disabled && !el.closest('[inert]') && el.checkVisibility({checkVisibilityCSS: true}) &&
    // A control inside another (a link around an image, say) is one target.
    !(el.parentElement && el.parentElement.closest(sel)));
  const blockOf = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const d = getComputedStyle(p).display;
      if (!d.startsWith('inline') && d !== 'contents') return p;
    }
    return document.body;
  };
  const textOutside = block => {
    // The block's text minus the text of the targets in it.
    let text = block.innerText || '';
    for (const t of block.querySelectorAll(sel)) text = text.replace(t.innerText || '', '');
    return /[\\p{L}\\p{N}]/u.test(text);
  };
  return els.map(el => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    // WCAG 2.5.8 "inline" exception: a target in a sentence or block of text,
    // whose size the line height of the text around it sets.
    const inline = cs.display === 'inline' ||
      (cs.display.startsWith('inline') && el.parentElement && getComputedStyle(el.parentElement).display === 'inline');
    const inSentence = inline && textOutside(blockOf(el));
    const text = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('title') || el.getAttribute('href') || '')
      .trim().replace(/\\s+/g, ' ');
    return {
      box: [r.left, r.top, r.width, r.height], inSentence,
      desc: `<${el.tagName.toLowerCase()}> "${text.slice(0, 50)}"`,
    };
  }).filter(t => t.box[2] > 0 && t.box[3] > 0);
}"""


def _distance_to_box(x: float, y: float, box: list[float]) -> float:
    left, top, w, h = box
    dx = max(left - x, 0, x - (left + w))
    dy = max(top - y, 0, y - (top + h))
    return (dx * dx + dy * dy) ** 0.5


def target_problems(page, minimum: int = TARGET) -> list[str]:
    """Targets smaller than `minimum` px that neither sit in a sentence nor have room around them.

    WCAG 2.5.8 spacing exception: an undersized target passes if a circle of
    `minimum` px diameter centred on it meets no other target and no other
    undersized target's circle.
    """
    targets = page.evaluate(_TARGETS)
    radius = minimum / 2
    problems = []
    for i, t in enumerate(targets):
        left, top, w, h = t["box"]
        if (w >= minimum - 0.5 and h >= minimum - 0.5) or t["inSentence"]:
            continue
        cx, cy = left + w / 2, top + h / 2
        for j, other in enumerate(targets):
            if i == j:
                continue
            ol, ot, ow, oh = other["box"]
            small = (ow < minimum - 0.5 or oh < minimum - 0.5) and not other["inSentence"]
            if _distance_to_box(cx, cy, other["box"]) < radius:
                clash = "overlaps the 24 px circle around it"
            elif small and ((cx - ol - ow / 2) ** 2 + (cy - ot - oh / 2) ** 2) ** 0.5 < minimum:
                clash = "is an undersized target whose 24 px circle overlaps its own"
            else:
                continue
            problems.append(
                f"tap target {t['desc']} is {w:.0f}×{h:.0f} px (< {minimum}) and {other['desc']} {clash}"
            )
            break
    return problems
