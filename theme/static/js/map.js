/* Craft Cities of Kazakhstan: what the folium map needs from the page.
 * folium builds the map (generator/maps/live.py); this file only
 *  - swaps the static SVG for the live map (craftMap.live),
 *  - gives Leaflet's controls translated names and the map an accessible name,
 *  - moves keyboard focus into an opened popup and back to its marker,
 *  - keeps every popup inside the map, whatever its text,
 *  - says whether the map may animate (craftMap.motion: the reader has not
 *    asked for reduced motion); folium's script passes it as Leaflet's
 *    zoomAnimation/fadeAnimation/markerZoomAnimation and the clusters' animate.
 * All text arrives as JSON strings written by the build; nothing here builds HTML.
 */
(function () {
  "use strict";

  function live(id) {
    var figure = document.getElementById(id);
    if (figure) figure.classList.add("is-live");
  }

  function setup(map, o) {
    var box = map.getContainer();
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", o.label);
    L.control.zoom({ zoomInTitle: o.zoomIn, zoomOutTitle: o.zoomOut }).addTo(map);
    if (map.attributionControl) map.attributionControl.setPrefix(o.prefix);
    // On a narrow screen the whole country leaves nearby cities' markers too
    // close to tap (WCAG 2.5.8 asks 24px); start on the cities instead, the
    // country is one "zoom out" away.
    if (o.narrow && box.clientWidth < o.narrow.width) {
      map.fitBounds(o.narrow.bounds, { padding: o.narrow.padding, maxZoom: o.narrow.maxZoom, animate: false });
    }

    // Leaflet handles Escape only while the map box itself has focus, not a
    // marker or the popup's link: close the popup from anywhere inside the map.
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && map.closePopup) map.closePopup();
    });

    // Cluster icons (cities close together on screen) are buttons too: a name, not just
    // a number, and the keyboard opens them as a click does (markercluster leaves
    // them out of the tab order). Focus then goes to what the cluster held.
    if (L.MarkerCluster && o.cluster) {
      var openCluster = function (layer) {
        var group = layer._group;
        var first = layer.getAllChildMarkers()[0];
        var focusFirst = function () {
          var shown = first && group.getVisibleParent(first);
          var target = shown && shown.getElement && shown.getElement();
          if (target) target.focus({ preventScroll: true });
        };
        if (map.getZoom() < map.getMaxZoom() && !layer.getBounds().getNorthEast().equals(layer.getBounds().getSouthWest())) {
          map.once("zoomend", function () { setTimeout(focusFirst, 0); });
          layer.zoomToBounds({ padding: [24, 24] });
        } else {
          layer.spiderfy();
          setTimeout(focusFirst, 0);
        }
      };
      var nameCluster = function (layer) {
        var el = layer instanceof L.MarkerCluster && layer.getElement();
        if (!el || el.hasAttribute("aria-label")) return;
        var name = o.cluster.replace("%(num)s", String(layer.getChildCount()));
        el.setAttribute("aria-label", name);
        el.setAttribute("role", "button");
        el.tabIndex = 0;
        el.title = name;
        el.addEventListener("keydown", function (e) {
          if (e.key !== "Enter" && e.key !== " ") return;
          e.preventDefault();
          openCluster(layer);
        });
      };
      map.eachLayer(nameCluster); // those already drawn
      map.on("layeradd", function (e) { nameCluster(e.layer); }); // and those drawn on zoom
    }

    // A popup never outgrows the map, whatever its text: at most the map's
    // width and height less room for the popup's margins, tip and close
    // button; taller content scrolls inside it (Leaflet's maxHeight), so the
    // close button stays on the map, within reach on a 320px phone.
    function fitToMap(popup) {
      var size = map.getSize();
      var width = Math.max(120, Math.min(280, size.x - 64));
      var height = Math.max(80, size.y - 84);
      if (popup.options.maxWidth === width && popup.options.maxHeight === height) return;
      popup.options.maxWidth = width;
      popup.options.maxHeight = height;
      popup.update();
    }

    var opener = null;
    map.on("popupopen", function (e) {
      fitToMap(e.popup);
      var el = e.popup.getElement();
      var close = el.querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", o.close);
        close.title = o.close;
      }
      var source = e.popup._source;
      opener = source && source.getElement ? source.getElement() : null;
      // Opened from the keyboard (the marker has focus): go straight to the story link.
      var link = el.querySelector(".map-popup a[href]");
      if (link && opener && document.activeElement === opener) link.focus({ preventScroll: true });
    });
    map.on("popupclose", function (e) {
      var el = e.popup.getElement();
      var active = document.activeElement;
      // Escape or the close button: give focus back to the marker instead of losing it.
      if (opener && (!active || active === document.body || (el && el.contains(active)))) {
        opener.focus({ preventScroll: true });
      }
      opener = null;
    });
  }

  // Read when the map is made: Leaflet fixes its animations at creation.
  function motion() {
    return !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  window.craftMap = { live: live, setup: setup, motion: motion };
})();
