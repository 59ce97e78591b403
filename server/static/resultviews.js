/* The query editor's result views besides the table, offered by what the columns hold (as the
   Wikidata Query Service does): a map when a column holds WKT points (or lat/lon columns), a
   timeline when one holds dates, a bar chart for a label and a number. `#defaultView:Map`
   (Table, Map, Timeline, BarChart) in the query picks the first view shown. */
(function () {
  "use strict";
  var KG = window.KG = window.KG || {};
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var WKT = /^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?[0-9.eE+-]+)\s+(-?[0-9.eE+-]+)\s*\)\s*$/i;
  var DATE = /^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$/;
  var DATE_TYPES = ["date", "dateTime", "gYear", "gYearMonth", "dateTimeStamp"];
  KG.VIEWS = { table: "Table", map: "Map", timeline: "Timeline", bar: "Bar chart" };
  var COMMENT_NAMES = { table: "table", map: "map", timeline: "timeline", barchart: "bar" };

  function values(data, v) {
    return data.results.bindings.map(function (row) { return row[v]; }).filter(Boolean);
  }

  function mostly(list, test) {
    return list.length > 0 && list.filter(test).length >= list.length * 0.8;
  }

  function isDate(term) {
    if (term.type !== "literal" && term.type !== "typed-literal") { return false; }
    if (term.datatype && term.datatype.indexOf(XSD) === 0) {
      return DATE_TYPES.indexOf(term.datatype.slice(XSD.length)) >= 0;
    }
    return !term.datatype && /^\d{4}-\d{2}-\d{2}$/.test(term.value);
  }

  function point(term) {
    var m = term && term.type !== "uri" ? WKT.exec(term.value) : null;
    return m ? [Number(m[2]), Number(m[1])] : null;  /* [lat, lon] */
  }

  /* Which views fit these results, and on which columns. */
  KG.viewsFor = function (data) {
    var out = { table: {} };
    if (!data.head || !data.results) { return out; }
    var vars = data.head.vars;
    var wkt = vars.filter(function (v) { return mostly(values(data, v), function (t) { return !!point(t); }); });
    var lat = vars.filter(function (v) { return /^(lat|latitude)$/i.test(v); });
    var lon = vars.filter(function (v) { return /^(lon|lng|long|longitude)$/i.test(v); });
    if (wkt.length) { out.map = { wkt: wkt[0] }; }
    else if (lat.length && lon.length) { out.map = { lat: lat[0], lon: lon[0] }; }
    var dates = vars.filter(function (v) { return mostly(values(data, v), isDate); });
    if (dates.length) { out.timeline = { date: dates[0] }; }
    var numbers = vars.filter(function (v) { return mostly(values(data, v), KG.isNumber); });
    var names = vars.filter(function (v) {
      return numbers.indexOf(v) < 0 && wkt.indexOf(v) < 0 && dates.indexOf(v) < 0 &&
        values(data, v).length > 0;
    });
    if (numbers.length && names.length) { out.bar = { label: names[0], number: numbers[0] }; }
    return out;
  };

  /* The view a `#defaultView:Name` comment asks for (null when there is none). */
  KG.defaultView = function (query) {
    var m = /#\s*defaultView\s*:\s*(\w+)/i.exec(query);
    if (!m) { return null; }
    return COMMENT_NAMES[m[1].toLowerCase()] || "unknown:" + m[1];
  };

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  /* Map: one circle per row with a point, its popup listing the row's values. */
  KG.renderMap = function (box, data, spec, labels, prefixes) {
    var div = el("div", undefined, "map result-map");
    box.appendChild(div);
    var map = L.map(div, { worldCopyJump: true, zoomSnap: 0.5 }).setView([25, 20], 2);
    map.createPane("world").style.zIndex = 250;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outline: Natural Earth (public domain)");
    fetch(box.getAttribute("data-world")).then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(window.topojson.feature(topo, topo.objects.countries), { pane: "world",
        interactive: false, style: { color: "#a3adb8", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1 } }).addTo(map);
    });
    var markers = [];
    data.results.bindings.forEach(function (row) {
      var at = spec.wkt ? point(row[spec.wkt])
        : row[spec.lat] && row[spec.lon] ? [Number(row[spec.lat].value), Number(row[spec.lon].value)] : null;
      if (!at || isNaN(at[0]) || isNaN(at[1])) { return; }
      var m = L.circleMarker(at, { radius: 7, fillColor: "#c62828", color: "#fff", weight: 1.5, fillOpacity: 0.85 });
      m.bindPopup(function () {
        var list = el("dl", undefined, "popup-row");
        data.head.vars.forEach(function (v) {
          if (!row[v] || v === spec.wkt) { return; }
          list.appendChild(el("dt", v));
          var dd = el("dd");
          var url = row[v].type === "uri" ? KG.href(row[v].value) : null;
          var text = KG.termText(row[v], labels, prefixes);
          if (url) { var a = el("a", text); a.href = url; dd.appendChild(a); } else { dd.textContent = text; }
          list.appendChild(dd);
        });
        return list;
      });
      markers.push(m);
    });
    var group = L.featureGroup(markers).addTo(map);
    if (markers.length) { map.fitBounds(group.getBounds(), { padding: [40, 40], maxZoom: 8 }); }
    div.setAttribute("data-ready", "1");
    return markers.length;
  };

  function period(value, width) { return value.slice(0, width); }

  /* Timeline: how many rows fall on each day, month or year of the date column. */
  KG.renderTimeline = function (box, data, spec) {
    var dates = values(data, spec.date).filter(isDate).map(function (t) { return t.value; }).sort();
    var first = new Date(dates[0].slice(0, 10)), last = new Date(dates[dates.length - 1].slice(0, 10));
    var days = (last - first) / 86400000;
    var width = dates.every(function (d) { return d.length >= 10; }) && days <= 92 ? 10
      : days <= 6 * 366 && dates.every(function (d) { return d.length >= 7; }) ? 7 : 4;
    var counts = {};
    dates.forEach(function (d) { counts[period(d, width)] = (counts[period(d, width)] || 0) + 1; });
    var keys = Object.keys(counts).sort();
    return chart(box, "bar", keys, [{ label: "rows per " + ({ 10: "day", 7: "month", 4: "year" })[width],
      data: keys.map(function (k) { return counts[k]; }), backgroundColor: "#1565c0",
      maxBarThickness: 56 }], false);
  };

  /* Bar chart: the number column against the label column, in the table's order. */
  KG.renderBars = function (box, data, spec, labels, prefixes) {
    var rows = data.results.bindings.filter(function (r) { return r[spec.number] && r[spec.label]; }).slice(0, 100);
    var names = rows.map(function (r) { return KG.termText(r[spec.label], labels, prefixes); });
    box.style.minHeight = (60 + 24 * rows.length) + "px";
    return chart(box, "bar", names, [{ label: "?" + spec.number, backgroundColor: "#6a1b9a",
      data: rows.map(function (r) { return Number(r[spec.number].value); }), maxBarThickness: 28 }], true, rows, spec);
  };

  function chart(box, type, labels, datasets, horizontal, rows, spec) {
    var wrap = el("div", undefined, "chart-box result-chart");
    if (horizontal) { wrap.style.height = Math.max(240, 60 + 24 * labels.length) + "px"; }
    var canvas = el("canvas");
    wrap.appendChild(canvas);
    box.appendChild(wrap);
    var c = new Chart(canvas, { type: type, data: { labels: labels, datasets: datasets }, options: {
      indexAxis: horizontal ? "y" : "x", responsive: true, maintainAspectRatio: false,
      scales: { x: { beginAtZero: true }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
      onClick: function (ev, items) {
        if (!rows || !items.length) { return; }
        var term = rows[items[0].index][spec.label];
        var url = term.type === "uri" ? KG.href(term.value) : null;
        if (url) { window.location.href = url; }
      }
    } });
    canvas.setAttribute("data-ready", "1");
    return c;
  }
}());
