// The catalogue's map (/ban-do/): one marker per producer from the points file (the page's
// filters), clustered; a place picked by a click, the map's centre or the device's position
// lists the nearest producers and goes into the URL (?gan=lat,lon). Everything it says comes
// from the #map element's data- attributes (translated by the server). The page works without
// this file, and this file works without background tiles: the list below the map is the
// server-rendered, accessible primary content.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !L.markerClusterGroup) return;
  var d = el.dataset;
  var lang = document.documentElement.lang || "vi";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var BOX = { latMin: 8, latMax: 24, lonMin: 102, lonMax: 118 };
  var nearestCount = parseInt(d.nearest, 10) || 10;
  var placeName = d.placeName || "gan";

  function fill(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  function num(n, digits) {
    var options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    try { return Number(n).toLocaleString(lang, options); } catch (e) { return String(n); }
  }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function escapeHtml(text) {
    var box = document.createElement("div");
    box.textContent = text || "";
    return box.innerHTML;
  }
  function km(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  // The parts that need this script.
  document.querySelectorAll("[data-map-only]").forEach(function (node) { node.hidden = false; });

  // One live region: a standing warning (tiles) and the latest news.
  var status = document.getElementById("map-status");
  var notes = { tiles: "", news: "", warn: false };
  function render() {
    var text = [notes.tiles, notes.news].filter(Boolean).join(" ");
    status.textContent = text;
    status.hidden = !text;
    status.classList.toggle("warn", Boolean(notes.tiles || notes.warn));
  }
  function say(text, warn) { notes.news = text || ""; notes.warn = Boolean(warn); render(); }

  var map = L.map(el, {
    zoomControl: false,
    minZoom: 4,
    maxZoom: 18,
    zoomAnimation: !reduced,
    fadeAnimation: !reduced,
    markerZoomAnimation: !reduced
  });
  L.control.zoom({ zoomInTitle: d.msgZoomIn, zoomOutTitle: d.msgZoomOut }).addTo(map);
  map.fitBounds(L.latLngBounds([8.4, 102.1], [23.4, 109.5]));

  // Background tiles: a setting; when they do not come the map is a blank, working canvas.
  var tilesLoaded = false;
  function tilesFailed() {
    if (tilesLoaded) return;
    el.classList.add("no-tiles");
    notes.tiles = d.msgNoTiles;
    render();
  }
  if (d.tiles) {
    var layer = L.tileLayer(d.tiles, {
      maxZoom: 18,
      attribution: escapeHtml(d.attribution),
      // The site sends no Referer across origins; tile servers (OpenStreetMap's) want one.
      referrerPolicy: "strict-origin-when-cross-origin"
    });
    layer.on("tileload", function () {
      if (tilesLoaded) return;
      tilesLoaded = true;
      el.classList.remove("no-tiles");
      notes.tiles = "";
      render();
    });
    layer.on("tileerror", tilesFailed);
    layer.addTo(map);
    window.setTimeout(tilesFailed, 15000); // offline, or nothing after 15 s on a slow line
  } else {
    tilesFailed();
  }

  // Keyboard: Enter on a marker opens its popup and moves focus into it; closing it (Escape,
  // the close button) brings focus back to the marker.
  var byKeyboard = false;
  el.addEventListener("keydown", function (e) {
    byKeyboard = e.key === "Enter" || e.key === "Escape";
    // Leaflet listens for Escape only while the map itself has focus, not a popup's link.
    if (e.key === "Escape" && e.target !== el && el.querySelector(".leaflet-popup")) map.closePopup();
  }, true);
  el.addEventListener("pointerdown", function () { byKeyboard = false; }, true);
  map.on("popupopen", function (e) {
    var node = e.popup.getElement();
    var close = node && node.querySelector(".leaflet-popup-close-button");
    if (close) close.setAttribute("aria-label", d.msgClose);
    var link = node && node.querySelector(".leaflet-popup-content a");
    if (byKeyboard && link) link.focus();
  });

  function pinIcon(p) {
    var box = make("span");
    box.appendChild(make("span", "", p.stars + "★")).setAttribute("aria-hidden", "true");
    box.appendChild(make("span", "visually-hidden", p.name + ", " + fill(d.msgStars, { n: p.stars })));
    return L.divIcon({ html: box, className: "map-pin s" + p.stars, iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12] });
  }
  function popup(p) {
    var box = make("div");
    var title = box.appendChild(make("p"));
    var link = title.appendChild(make("a", "", p.name));
    link.href = p.url;
    box.appendChild(make("p", "", fill(d.msgProducts, { n: num(p.products) }) + " · " + fill(d.msgStars, { n: p.stars })));
    if (here) box.appendChild(make("p", "", fill(d.msgKm, { km: num(km(here, [p.lat, p.lon]), 1) })));
    return box;
  }
  var cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    animate: !reduced,
    chunkedLoading: true,
    maxClusterRadius: 50,
    iconCreateFunction: function (group) {
      var n = group.getChildCount();
      var size = n < 10 ? "small" : n < 100 ? "medium" : "large";
      var inner = make("div");
      inner.appendChild(make("span", "", num(n))).setAttribute("aria-hidden", "true");
      inner.appendChild(make("span", "visually-hidden", fill(d.msgCluster, { n: num(n) })));
      return L.divIcon({ html: inner, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
    }
  });

  var points = [];
  var byCode = {};
  var here = null; // [lat, lon] of the chosen place
  var hereMarker = null;

  function show(code) {
    var marker = byCode[code];
    if (!marker) return;
    el.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
    cluster.zoomToShowLayer(marker, function () {
      byKeyboard = true; // the button was pressed: focus goes into the popup
      marker.openPopup();
    });
  }
  function showButton(code) {
    var button = make("button", "link-button show-on-map", d.msgShow);
    button.type = "button";
    button.addEventListener("click", function () { show(code); });
    return button;
  }

  function setPlaceInUrl(value) {
    var url = new URL(window.location.href);
    url.searchParams.set(placeName, value);
    url.searchParams.delete("trang");
    var address = url.toString().replace(/%2C/g, ","); // "gan=21.02850,105.85420"
    try { window.history.replaceState(null, "", address); } catch (e) { /* file: or sandboxed */ }
    // Forms keep the place: the filters' hidden field and the place's text field.
    var filters = document.querySelector("form.catalogue-form");
    if (filters && !filters.querySelector('input[name="' + placeName + '"]')) {
      var hidden = make("input");
      hidden.type = "hidden";
      hidden.name = placeName;
      filters.appendChild(hidden);
    }
    document.querySelectorAll('input[name="' + placeName + '"]').forEach(function (input) {
      input.value = value;
      input.removeAttribute("aria-invalid");
    });
    return address;
  }

  function choose(lat, lon, announce) {
    lat = Math.round(lat * 1e5) / 1e5;
    lon = Math.round(lon * 1e5) / 1e5;
    if (lat < BOX.latMin || lat > BOX.latMax || lon < BOX.lonMin || lon > BOX.lonMax) {
      say(d.msgOutside, true);
      return;
    }
    here = [lat, lon];
    if (hereMarker) map.removeLayer(hereMarker);
    hereMarker = L.marker(here, {
      icon: L.divIcon({ className: "map-here", iconSize: [18, 18] }),
      interactive: false,
      keyboard: false
    }).addTo(map);
    if (!announce) return;
    var value = lat.toFixed(5) + "," + lon.toFixed(5);
    var url = setPlaceInUrl(value);
    var nearest = points.map(function (p) { return { p: p, km: km(here, [p.lat, p.lon]) }; })
      .sort(function (a, b) { return a.km - b.km; })
      .slice(0, nearestCount);
    var section = document.getElementById("map-nearest");
    var list = section.querySelector("ol");
    list.textContent = "";
    nearest.forEach(function (item) {
      var li = list.appendChild(make("li"));
      var link = li.appendChild(make("h3")).appendChild(make("a", "", item.p.name));
      link.href = item.p.url;
      li.appendChild(make("p", "muted", fill(d.msgKm, { km: num(item.km, 1) })));
      li.appendChild(make("p", "", fill(d.msgProducts, { n: num(item.p.products) }) + " · " + fill(d.msgStars, { n: item.p.stars })));
      li.appendChild(showButton(item.p.code));
    });
    document.getElementById("map-nearest-all").href = url;
    section.hidden = nearest.length === 0;
    say(fill(d.msgChosen, { place: num(lat, 4) + "; " + num(lon, 4), n: nearest.length }));
    if (nearest.length) {
      var bounds = L.latLngBounds([here]);
      nearest.forEach(function (item) { bounds.extend([item.p.lat, item.p.lon]); });
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
    }
  }

  map.on("click", function (e) { choose(e.latlng.lat, e.latlng.lng, true); });
  var centre = document.getElementById("map-centre");
  if (centre) centre.addEventListener("click", function () {
    var c = map.getCenter();
    choose(c.lat, c.lng, true);
  });
  var locate = document.getElementById("map-locate");
  if (locate) {
    if (!navigator.geolocation) {
      locate.hidden = true;
    } else {
      locate.addEventListener("click", function () {
        say(d.msgLocating);
        navigator.geolocation.getCurrentPosition(
          function (position) { choose(position.coords.latitude, position.coords.longitude, true); },
          function () { say(d.msgNoLocation, true); },
          { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
        );
      });
    }
  }

  say(d.msgLoading);
  fetch(d.points, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      points = data.points || [];
      var markers = points.map(function (p) {
        var marker = L.marker([p.lat, p.lon], { icon: pinIcon(p), keyboard: true, title: p.name, riseOnHover: true });
        marker.bindPopup(function () { return popup(p); }, { maxWidth: Math.max(160, Math.min(300, el.clientWidth - 80)) });
        marker.on("popupclose", function () {
          var icon = marker.getElement();
          if (byKeyboard && icon) icon.focus();
        });
        byCode[p.code] = marker;
        return marker;
      });
      cluster.addLayers(markers);
      map.addLayer(cluster);
      var news = fill(d.msgCount, { n: num(points.length) });
      if (data.total > points.length) news += " " + fill(d.msgCapped, { shown: num(points.length), total: num(data.total) });
      say(news);
      var start = (d.place || "").split(",");
      if (start.length === 2) {
        choose(parseFloat(start[0]), parseFloat(start[1]), false);
        var bounds = L.latLngBounds([here]);
        points.slice(0).sort(function (a, b) { return km(here, [a.lat, a.lon]) - km(here, [b.lat, b.lon]); })
          .slice(0, nearestCount).forEach(function (p) { bounds.extend([p.lat, p.lon]); });
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
      } else if (points.length) {
        map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 12 });
      }
      document.querySelectorAll("#producer-list li[data-code]").forEach(function (li) {
        if (byCode[li.getAttribute("data-code")]) li.appendChild(showButton(li.getAttribute("data-code")));
      });
    })
    .catch(function () { say(d.msgNoPoints, true); });
})();
