/* /map: the world outline (Natural Earth, bundled: no tiles are fetched, so it works offline
   and under the pages' strict CSP) and one circle per place, sized by its number of events
   and coloured by their most frequent class. Text goes in with textContent only. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var KG = window.KG;
  var map = L.map(el, { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1 }).setView([25, 20], 2);
  map.createPane("world").style.zIndex = 250;  /* above tiles, below the points */
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outline: Natural Earth (public domain)");

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  function link(text, href) {
    var a = node("a", text);
    a.href = href;
    return a;
  }

  function popup(p) {
    var box = node("div", undefined, "map-popup");
    var title = node("strong");
    title.appendChild(link(p.label, p.href));
    box.appendChild(title);
    var count = node("div");
    count.appendChild(link(p.count + " event" + (p.count === 1 ? "" : "s") + " here", p.events));
    box.appendChild(count);
    var list = node("ul");
    p.classes.forEach(function (c) {
      var li = node("li");
      var dot = node("span", undefined, "dot");
      dot.style.backgroundColor = KG.colour(c["class"]);
      li.appendChild(dot);
      li.appendChild(document.createTextNode(c.label + " " + c.count));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function radius(n) { return Math.min(6 + 4 * Math.sqrt(n), 40); }

  var world = getJSON(el.getAttribute("data-world")).then(function (topo) {
    var land = window.topojson.feature(topo, topo.objects.countries);
    return L.geoJSON(land, { pane: "world", interactive: false, style: {
      color: "#a3adb8", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1 } }).addTo(map);
  });

  var points = getJSON(el.getAttribute("data-geojson")).then(function (data) {
    var seen = {};
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        seen[p["class"]] = p.classes[0].label;
        return L.circleMarker(latlng, { radius: radius(p.count), fillColor: KG.colour(p["class"]),
                                        color: "#ffffff", weight: 1.5, fillOpacity: 0.85 });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties;
        marker.bindPopup(function () { return popup(p); });
        marker.bindTooltip(function () { return node("span", p.label + " · " + p.count); });
      }
    }).addTo(map);
    if (data.features.length) {
      map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 7 });
    }
    var legend = document.getElementById("map-legend");
    if (legend) {
      KG.legend(legend, Object.keys(seen).sort().map(function (k) { return [k, seen[k]]; }));
    }
    return layer;
  });

  Promise.all([world, points]).then(function () {
    el.setAttribute("data-ready", "1");
  }).catch(function (err) {
    el.setAttribute("data-error", String(err));
    el.appendChild(node("p", "The map could not be drawn: " + err, "error"));
  });
}());
