"""The live Leaflet map in a test page: find a city's marker, even inside a cluster."""

from __future__ import annotations

MARKERS = ".craft-map.is-live .leaflet-marker-icon:not(.marker-cluster)"

# Keeps each Leaflet map the page makes in window.__maps, so a test can find a city
# inside a cluster (folium's variables live inside a function).
TRACK_MAPS = """(() => {
  let leaflet;
  Object.defineProperty(window, "L", {configurable: true, get: () => leaflet, set: value => {
    leaflet = value;
    if (value && value.Map) value.Map.addInitHook(function () { (window.__maps = window.__maps || []).push(this); });
  }});
})();"""


_REVEAL = """name => new Promise(resolve => {
  let layer = null;
  window.__maps[0].eachLayer(l => { if (l instanceof L.MarkerClusterGroup) layer = l; });
  const marker = layer.getLayers().find(m => m.options.title === name);
  layer.zoomToShowLayer(marker, () => setTimeout(resolve, 50));
})"""


def reveal(page, name: str):
    """Zoom until the city's marker is out of its cluster (if in one); return the marker."""
    page.evaluate(_REVEAL, name)
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')  # a CSS string
    marker = page.locator(f'{MARKERS}[title="{quoted}"]')
    marker.wait_for(state="visible")
    return marker


_STILL = """() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim') &&
  (window.__maps || []).every(m => !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress) && !m._flyToFrame)"""


def still(page) -> None:
    """Wait until no map is zooming or panning, and no cluster is animating: an opened popup
    pans the map to fit (autoPan), and a click during that pan lands where the close button
    was; a check that measures markers needs them where they stay."""
    page.wait_for_function(_STILL)


def start_map(page) -> bool:
    """Bring the page's live map into view, as a reader scrolling to it does (it may start only
    then), and wait for its markers and for it to stand still. False if the page has none."""
    box = page.locator(".craft-map")
    if not box.count():
        return False
    box.first.scroll_into_view_if_needed()
    page.wait_for_selector(".craft-map.is-live .leaflet-marker-icon", state="attached")
    still(page)
    return True
