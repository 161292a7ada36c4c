"""The live map's own folium elements: the cities (CityMarkers) and the call
that sets up its controls (MapSetup). Their data is written by js_literal()."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from branca.element import MacroElement
from folium.template import Template
from markupsafe import Markup

from .js import js_literal


@dataclass(frozen=True)
class Pin:
    """One city on the live map. `popup` and `label` are HTML, already escaped."""

    lat: float
    lon: float
    name: str  # plain text: Leaflet sets it as the marker's title and alt
    popup: Markup
    label: Markup | None = None
    side: str | None = None  # Leaflet tooltip direction for the permanent label


class CityMarkers(MacroElement):
    """Every city as a Leaflet marker, added to its parent (the map or a cluster layer).

    Like folium's FastMarkerCluster, the cities travel as one data array and a
    short loop builds the markers: folium's Marker + Popup would render (and
    compile as a Jinja template) three elements per city, about 6 s and 1 MB of
    script for 1,000 cities, and its Popup needs jQuery. Each row is
    [lat, lon, name, popup HTML, label HTML or 0, label side or 0]; names go into
    `title`/`alt` as text, popups and labels are HTML escaped at build time.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer, rows) {
        // Leaflet anchors marker labels at the top right of the pin (tooltipAnchor [16, -28]);
        // these offsets put each label beside the pin's head on its side, as in the SVG.
        var offsets = {right: [0, 0], left: [-30, 0], top: [-16, -14], bottom: [-16, 30]};
        rows.forEach(function (r) {
        var marker = L.marker([r[0], r[1]], {title: r[2], alt: r[2]});
        marker.bindPopup(r[3], {maxWidth: 280});
        if (r[4]) marker.bindTooltip(r[4], {permanent: true, direction: r[5], offset: offsets[r[5]],
        className: "map-label", interactive: false});
        layer.addLayer(marker);
        });
        })({{ this._parent.get_name() }}, {{ this.rows }});
        {% endmacro %}
        """
    )

    def __init__(self, pins: Sequence[Pin]) -> None:
        super().__init__()
        self._name = "CityMarkers"
        self.rows = js_literal(
            [[p.lat, p.lon, p.name, str(p.popup), str(p.label) if p.label else 0, p.side or 0] for p in pins]
        )


class MapSetup(MacroElement):
    """Calls craftMap.setup() (theme/static/js/map.js): translated controls, names, focus handling."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        craftMap.setup({{ this._parent.get_name() }}, {{ this.options }});
        {% endmacro %}
        """
    )

    def __init__(self, options: dict) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.options = js_literal(options)
