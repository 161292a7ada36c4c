/* Craft Cities of Kazakhstan: what the folium map needs from the page.
 * folium builds the map (generator/maps/live.py); this file only
 *  - starts it when the reader scrolls to it, loading Leaflet then (start),
 *  - builds markers, labels and popups from the data rows with DOM text (cities),
 *  - gives Leaflet's controls translated names and the map an accessible name,
 *  - moves keyboard focus into an opened popup and back to its marker,
 *  - keeps every popup inside the map, whatever its text,
 *  - says whether the map may animate (craftMap.motion: the reader has not
 *    asked for reduced motion); folium's script passes it as Leaflet's
 *    zoomAnimation/fadeAnimation/markerZoomAnimation and the clusters' animate.
 * All text arrives as JSON strings written by the build; no HTML is built from it.
 */
(function () {
  "use strict";

  // Leaflet's files, in order; `done` once all have loaded (if one fails, the static map stays).
  function load(assets, done) {
    var waiting = 0, failed = false;
    var one = function (el) {
      waiting += 1;
      el.onload = function () { waiting -= 1; if (!waiting && !failed) done(); };
      el.onerror = function () { failed = true; };
      document.head.appendChild(el);
    };
    assets.css.forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      one(link);
    });
    assets.js.forEach(function (src) {
      var script = document.createElement("script");
      script.async = false; // run in the given order: Leaflet before its cluster plugin
      script.src = src;
      one(script);
    });
  }

  // Start when the map nears the screen, not on idle: a reader who never scrolls to it
  // never downloads Leaflet, and no map work competes with the page's loading.
  function start(id, assets, build) {
    var figure = document.getElementById(id);
    if (!figure) return;
    var started = false;
    var go = function () {
      if (started) return;
      started = true;
      load(assets, function () {
        if (!window.L) return;
        figure.classList.add("is-live"); // the live box takes the static map's place, same size
        build();
      });
    };
    if (!("IntersectionObserver" in window)) return go();
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        watcher.disconnect();
        go();
      }
    }, { rootMargin: "300px 0px" });
    watcher.observe(figure);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Row: [lat, lon, name, story link or 0, label side or 0, status, year, status, year, ...]
  function popup(t, r) {
    var box = el("div", "map-popup");
    box.appendChild(el("p", "map-popup-name")).appendChild(el("strong", null, r[2]));
    for (var i = 5; i + 1 < r.length; i += 2) {
      var p = box.appendChild(el("p"));
      p.appendChild(document.createTextNode(t.statuses[r[i]]));
      p.appendChild(el("br"));
      p.appendChild(document.createTextNode(r[i + 1] ? t.year + ": " + r[i + 1] : t.unknown));
    }
    if (r[3]) {
      var link = el("a", null, t.read);
      link.href = r[3]; // relative to this page: the story of its own edition
      box.appendChild(el("p")).appendChild(link);
    }
    return box;
  }

  // An SVG pin: sharp on any screen, and no shadow (Leaflet's has no 2x image).
  function pinIcon(colour) {
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="25" height="41" viewBox="-1 -1 27 43">' +
      '<path d="M12.5 0C5.6 0 0 5.6 0 12.5 0 21.9 12.5 41 12.5 41S25 21.9 25 12.5C25 5.6 19.4 0 12.5 0z" fill="' +
      colour + '" stroke="#fff" stroke-width="1.5"/><circle cx="12.5" cy="12.5" r="4.5" fill="#fff"/></svg>';
    return L.icon({
      iconUrl: "data:image/svg+xml," + encodeURIComponent(svg),
      iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], tooltipAnchor: [16, -28],
    });
  }

  // Every city as a marker on `layer`; names become attributes and text nodes, never markup.
  function cities(layer, t, rows) {
    // Leaflet anchors marker labels at the top right of the pin (tooltipAnchor [16, -28]);
    // these offsets put each label beside the pin's head on its side, as in the SVG.
    var offsets = { right: [0, 0], left: [-30, 0], top: [-16, -14], bottom: [-16, 30] };
    var icon = pinIcon(t.pin);
    rows.forEach(function (r) {
      var marker = L.marker([r[0], r[1]], { icon: icon, title: r[2], alt: r[2] });
      marker.bindPopup(function () { return popup(t, r); }, { maxWidth: 280 });
      if (r[4]) {
        marker.bindTooltip(function () { return document.createTextNode(r[2]); }, {
          permanent: true, direction: r[4], offset: offsets[r[4]], className: "map-label", interactive: false,
        });
      }
      layer.addLayer(marker);
    });
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

  window.craftMap = { start: start, cities: cities, setup: setup, motion: motion };
})();
