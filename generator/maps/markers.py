"""The live map's own folium elements: the cities (CityMarkers) and the call
that sets up its controls (MapSetup). Their data is written by js_literal()."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from branca.element import MacroElement
from folium.template import Template

from .js import js_literal


@dataclass(frozen=True)
class Pin:
    """One city on the live map, as plain values: map.js builds its marker, label and
    popup with DOM text (never HTML), so nothing here is markup."""

    lat: float
    lon: float
    name: str  # the marker's title, alt and popup heading; its label when `side` is set
    link: str | None  # the story's address from the home page ("almaty/"), if it has one
    statuses: tuple[tuple[int, str], ...]  # (index into MapTexts.statuses, year awarded or "")
    side: str | None = None  # Leaflet tooltip direction for the permanent label


# Coordinates on the live map: 4 decimals is about 10 m, far below a marker's size
# at the map's largest zoom, and keeps each row short.
DECIMALS = 4


def pin_row(p: Pin) -> list:
    """[lat, lon, name, link or 0, label side or 0, status, year, status, year, ...]:
    one short row per city (a year of "" means the reports do not say)."""
    row: list = [round(p.lat, DECIMALS), round(p.lon, DECIMALS), p.name, p.link or 0, p.side or 0]
    for status, year in p.statuses:
        row += [status, year]
    return row


class CityMarkers(MacroElement):
    """Every city as a Leaflet marker, added to its parent (the map or a cluster layer).

    Like folium's FastMarkerCluster, the cities travel as one data array and a
    callback builds the markers (craftMap.cities in theme/static/js/map.js):
    folium's Marker + Popup would render three elements per city (about 1 MB
    of script for 1,000 cities) and its Popup needs jQuery. The rows are JSON
    (pin_row); `texts` holds what every popup shares (the status names, the
    words around them), so a row carries only plain values.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        craftMap.cities({{ this._parent.get_name() }}, {{ this.texts }}, {{ this.rows }});
        {% endmacro %}
        """
    )

    def __init__(self, pins: Sequence[Pin], texts: dict) -> None:
        super().__init__()
        self._name = "CityMarkers"
        self.texts = js_literal(texts)
        self.rows = js_literal([pin_row(p) for p in pins])


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
