"""The dark scheme: WCAG contrast computed here, and what Chromium paints in the dark."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from checks.axe import axe_violations

TEXT, MARK = 4.5, 3.0  # WCAG 1.4.3 and 1.4.11


def rgb(colour: str) -> tuple[float, ...]:
    """'#0072B2', '#fff' or 'rgb(0, 114, 178)' -> (r, g, b) in 0..255."""
    if colour.startswith("rgb"):
        return tuple(float(v) for v in re.findall(r"[\d.]+", colour)[:3])
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def luminance(colour: str) -> float:
    lin = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb(colour))
    ]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# -- in Chromium ---------------------------------------------------------------------

# Computed paint of every chart's and static map's text and marks, with what each sits on.
_PAINTS = """() => {
  const out = [];
  const bg = getComputedStyle(document.body).backgroundColor;
  for (const svg of document.querySelectorAll(".chart-svg")) {
    for (const el of svg.querySelectorAll("text")) out.push(["text", getComputedStyle(el).fill, bg, el.textContent.trim()]);
    for (const el of svg.querySelectorAll("rect, circle, path")) {
      if (el.closest(".grid")) continue;  // decorative guides
      const s = getComputedStyle(el);
      const paints = [s.fill, s.stroke].filter(p => p && p !== "none" && p !== bg);
      out.push(["mark", paints.length ? paints : [getComputedStyle(el.parentNode).stroke], bg, el.tagName]);
    }
  }
  for (const svg of document.querySelectorAll(".map-svg")) {
    const land = getComputedStyle(svg.querySelector("path")).fill;
    const halo = svg.querySelector("text") && getComputedStyle(svg.querySelector("text")).stroke;
    for (const el of svg.querySelectorAll("text")) out.push(["text", getComputedStyle(el).fill, halo, el.textContent]);
    for (const el of svg.querySelectorAll("circle")) out.push(["mark", [getComputedStyle(el).fill], land, "city dot"]);
  }
  return out;
}"""

OPEN_POPUP = """() => new Promise(done => {
  const map = window.__maps && window.__maps[0];
  let group = null;
  if (map) map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) group = l; });
  if (!group || !group.getLayers().length) return done(false);
  const marker = group.getLayers()[0];
  map.once("popupopen", () => requestAnimationFrame(() => done(true)));
  group.zoomToShowLayer(marker, () => marker.openPopup());
})"""

FADED_IN = """() => {
  const popup = document.querySelector(".leaflet-popup");
  return popup && getComputedStyle(popup).opacity === "1";
}"""


def scripted(site: Path, page: str) -> bool:
    """Whether a page runs a script (JSON-LD is data, not a script): only then does it
    look different without JavaScript."""
    path = site / (page + "index.html" if page.endswith("/") or not page else page)
    doc = lxml.html.parse(str(path)).getroot()
    return bool(doc.xpath('//script[not(@type) or @type != "application/ld+json"]'))


def paint_problems(page) -> list[str]:
    """Chart and static-map text under 4.5:1 and marks under 3:1 against what they sit on."""
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches"), "not in the dark scheme"
    problems = []
    for kind, paint, ground, what in page.evaluate(_PAINTS):
        if kind == "text" and contrast(paint, ground) < TEXT:
            problems.append(f"text {what!r}: {paint} on {ground}")
        if kind == "mark" and max(contrast(p, ground) for p in paint) < MARK:
            problems.append(f"{what}: {paint} on {ground}")
    return problems


def popup_problems(page) -> list[str]:
    """axe's contrast rule with a city's popup open on the live map (labels, controls, popup)."""
    assert page.evaluate(OPEN_POPUP), "no popup opened"
    page.wait_for_function(FADED_IN)  # Leaflet fades popups in: measure the final colours
    return axe_violations(page, ["color-contrast"])
