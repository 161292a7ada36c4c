"""Keyboard: every interactive element is reached by Tab, and shows where focus is.

The walk presses the real Tab key (trusted events, the browser's own focus
order), so it finds what a keyboard user meets: controls left out of the tab
order, focus that cannot be seen, and focus traps.
"""

from __future__ import annotations

# Marks every interactive element the reader can see with data-kbd="N" and
# records how it looks before anything has focus.
_MARK = """() => {
  const native = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, iframe, ' +
    '[contenteditable=""], [contenteditable="true"]';
  const all = [...document.querySelectorAll(native + ', summary, [tabindex]')];
  const describe = el => {
    const text = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('title') ||
                  el.getAttribute('alt') || el.getAttribute('href') || '').trim().replace(/\\s+/g, ' ');
    const id = el.id ? '#' + el.id : '';
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text.slice(0, 60)}"`;
  };
  const style = el => {
    const cs = getComputedStyle(el);
    return {outline: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor].join(' '), boxShadow: cs.boxShadow};
  };
  const out = [];
  for (const el of all) {
    const interactive = el.matches(native) ||
      (el.matches('summary') && el.parentElement && el.parentElement.tagName === 'DETAILS' &&
       el.parentElement.querySelector(':scope > summary') === el) ||
      (el.hasAttribute('tabindex') && el.tabIndex >= 0);
    if (!interactive || el.disabled || el.closest('[inert]')) continue;
    // Hidden from everyone (display:none, visibility:hidden, closed <details>): not a control now.
    if (!el.checkVisibility({checkVisibilityCSS: true})) continue;
    el.setAttribute('data-kbd', String(out.length));
    const radio = el.matches('input[type="radio"]') && el.name ? el.form?.id + '/' + el.name : null;
    out.push({desc: describe(el), radio, ...style(el)});
  }
  return out;
}"""

# Records every element that receives focus, as it looks the moment it has
# it. Positions are in document coordinates, so they do not depend on the
# scrolling the browser does to show the element.
_LISTEN = """() => {
  window.__kbdLog = [];
  let seq = 0;
  document.addEventListener('focusin', e => {
    const el = e.target;
    if (!el.hasAttribute('data-kbd-seen')) el.setAttribute('data-kbd-seen', String(++seq));
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const text = (el.getAttribute('aria-label') || el.innerText || el.getAttribute('alt') ||
                  el.getAttribute('title') || el.getAttribute('href') || '')
      .trim().replace(/\\s+/g, ' ');
    const doc = document.scrollingElement;
    window.__kbdLog.push({
      i: el.hasAttribute('data-kbd') ? Number(el.getAttribute('data-kbd')) : null,
      key: el.getAttribute('data-kbd-seen'),
      desc: `<${el.tagName.toLowerCase()}> "${text.slice(0, 60)}"`,
      outline: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor].join(' '),
      outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0, outlineColor: cs.outlineColor,
      boxShadow: cs.boxShadow,
      rect: [r.left + scrollX, r.top + scrollY, r.right + scrollX, r.bottom + scrollY],
      page: [doc.scrollWidth, doc.scrollHeight],
    });
  }, true);
}"""


def _transparent(color: str) -> bool:
    """rgba(..., 0) and 'transparent' draw nothing."""
    color = color.replace(" ", "")
    return color == "transparent" or (
        color.startswith("rgba(") and color.rstrip(")").split(",")[-1] in ("0", "0.0")
    )


def _indicator_problem(focused: dict, before: dict | None) -> str | None:
    """Why focus on this element cannot be seen, or None if it can."""
    left, top, right, bottom = focused["rect"]
    width, height = focused["page"]
    if right - left < 2 or bottom - top < 2:
        return "is too small to see when focused"
    if right <= 0 or bottom <= 0 or left >= width or top >= height:
        return f"is outside the page when focused (at {left:.0f},{top:.0f})"
    outline = (
        focused["outlineStyle"] not in ("none", "hidden")
        and focused["outlineWidth"] > 0
        and not _transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] != "none"
    if before is not None:
        outline = outline and focused["outline"] != before["outline"]
        shadow = shadow and focused["boxShadow"] != before["boxShadow"]
    if not (outline or shadow):
        return f"shows no focus indicator (outline {focused['outline']}, box-shadow {focused['boxShadow']})"
    return None


def _first_round(log: list[dict]) -> tuple[list[dict], dict | None]:
    """The focus events up to the first element focused twice, and that element."""
    seen: set[str] = set()
    for n, entry in enumerate(log):
        if entry["key"] in seen:
            return log[:n], entry
        seen.add(entry["key"])
    return log, None


def keyboard_problems(page, max_steps: int | None = None) -> list[str]:
    """Tab through the page from the top; report unreachable controls, invisible focus and traps."""
    marked = page.evaluate(_MARK)
    page.evaluate(_LISTEN)
    limit = max_steps or 2 * len(marked) + 20
    # Press Tab in batches and read the log once per batch: one round trip
    # per press instead of two. Past the last control focus leaves the page,
    # then comes back to the first one: the round is complete.
    pressed, batch = 0, len(marked) + 2
    while True:
        for _ in range(batch):
            page.keyboard.press("Tab")
        pressed += batch
        log = page.evaluate("() => window.__kbdLog")
        visited, again = _first_round(log)
        if again is not None or pressed >= limit or (not log and pressed >= 2):
            break
        batch = 10
    problems: list[str] = []
    if again is None and log:
        problems.append(f"Tab never came back to the first control after {pressed} presses")
    elif again is not None and again["key"] != visited[0]["key"]:
        problems.append(f"focus trap: Tab returns to {again['desc']} and never leaves the cycle")
    reached: set[int] = set()
    for now in visited:
        before = marked[now["i"]] if now["i"] is not None else None
        if now["i"] is not None:
            reached.add(now["i"])
        why = _indicator_problem(now, before)
        if why:
            problems.append(f"focus not visible: {now['desc']} {why}")
    radio_groups = {m["radio"] for i, m in enumerate(marked) if m["radio"] and i in reached}
    for i, m in enumerate(marked):
        if i not in reached and not (m["radio"] and m["radio"] in radio_groups):
            problems.append(f"not reachable by Tab: {m['desc']}")
    return problems
