"""axe-core, injected from node_modules into a loaded page, with the WCAG 2.2 AA rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]

_RUN = """async ([tags, rules]) => {
  const only = rules ? {type: "rule", values: rules} : {type: "tag", values: tags};
  const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


@cache
def _source() -> str:
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci` (make test does)"
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """Run axe on the page (all WCAG 2.2 A/AA rules, or only `rules`); one line per failing element."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    found = page.evaluate(_RUN, [WCAG_TAGS, rules])
    out = []
    for v in found:
        for node in v["nodes"]:
            summary = " ".join((node["summary"] or "").split())
            out.append(
                f"{v['id']} ({v['impact']}): {v['help']}: {node['target']} {node['html'][:160]} — {summary}"
            )
    return out
