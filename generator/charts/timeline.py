"""The timeline: World Crafts Council milestones, city events and status awards.

A vertical layout, so it reads on a 320 px phone: time runs down, one lane
per city (and one for the Council), labels on the right. Dates are drawn as
precisely as the reports give them: a day is a dot, a month or a year is a bar
over that whole period (never a guessed day). Events without a date are not
placed on the axis at all but listed in their own "date not reported" band.
Stretches of more than BREAK_YEARS empty years are cut out of the axis and the
cut is drawn as a break, so 1964 and 2025 both fit without squeezing 2025.

This module puts the chart together: what is on it and where
(timeline_layout.py), the drawn shapes (timeline_shapes.py), and its words
(timeline_text.py).
"""

from __future__ import annotations

from ..content.source_names import source_refs
from ..data.model import Dataset
from ..i18n import Translator
from ..palette import GRID, INK, MUTED, PAPER
from .base import WIDTH, Chart
from .timeline_layout import LANE_STEP, LANE_X, MAX_CITY_LANES, SHARED, clusters, in_order, items, lanes
from .timeline_shapes import Shapes, axis, dated_labels, dated_marks, legend, undated_band
from .timeline_text import describe, rows


def timeline(data: Dataset, lang: str, t: Translator, city_id: str | None = None) -> Chart:
    """The timeline of one city (its story page) or of all (home page)."""
    # With more cities than lanes fit (a site at scale), the site-wide timeline
    # keeps to timeline.yaml on one shared lane; each city's page still has its statuses.
    crowded = city_id is None and len(data.cities) > MAX_CITY_LANES
    all_items = items(data, lang, t, city_id, statuses=not crowded)
    if crowded:
        for item in all_items:
            item.lanes = [SHARED]
    dated = in_order([i for i in all_items if i.date])
    undated = [i for i in all_items if not i.date]
    s = Shapes(lanes=lanes(data, lang, t, all_items), multi=city_id is None)
    label_x = LANE_X + (len(s.lanes) - 1) * LANE_STEP + 16
    runs = clusters(dated)
    y = legend(s, all_items, len(runs) > 1, t) + 4
    bottom = axis(s, runs, y)
    anchors = dated_marks(s, dated, runs)
    y = dated_labels(s, dated, anchors, label_x, lang, bottom)
    if undated:
        y = undated_band(s, undated, bool(dated), label_x, y, t)

    if city_id is None:
        title = t.gettext("Timeline: the World Crafts Council and the craft cities")
        chart_id = "chart-timeline"
    else:
        title = t.gettext("Timeline: %(city)s", city=data.city_by_id[city_id]["name"][lang])
        chart_id = f"chart-timeline-{city_id}"
    refs = source_refs(data, [sid for i in [*dated, *undated] for sid in i.sources], lang, t)
    return Chart(
        id=chart_id,
        kind="timeline",
        table="timeline",
        title=title,
        desc=describe(dated, undated, runs, lang, t),
        width=WIDTH,
        height=round(y + 10),
        sources=refs,
        downloads=["events.csv", "statuses.csv"],
        on_story=city_id is not None,  # a city's timeline is drawn on its story, the site's on the home page
        shapes={
            "s": s,
            "rows": rows(dated, undated, s.multi, refs, lang, t),
            "paper": PAPER,
            "ink": INK,
            "muted": MUTED,
            "grid": GRID,
        },
    )
