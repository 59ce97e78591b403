/* Charts (Chart.js, bundled): events over time by class from /timeline.json (canvas[data-src]),
   events by class from /events.json facets (canvas[data-bars]). Dragging across a timeline
   picks a span of time and offers the list of its events (/events?...&from=&to=). */
(function () {
  "use strict";
  var KG = window.KG;
  if (!window.Chart) { return; }
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.color = "#39424c";
  Chart.defaults.animation = false;

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function note(canvas, text) {
    var p = document.createElement("p");
    p.className = "chart-empty";
    p.textContent = text;
    canvas.parentNode.replaceChild(p, canvas);
  }

  function resultBox(canvas) {
    var box = canvas.closest(".chart-box");
    var out = box && box.nextElementSibling && box.nextElementSibling.classList.contains("brush-result")
      ? box.nextElementSibling : null;
    if (!out) {
      out = document.createElement("p");
      out.className = "brush-result";
      out.setAttribute("aria-live", "polite");
      (box || canvas).insertAdjacentElement("afterend", out);
    }
    return out;
  }

  /* The brush: a shaded span of bars while dragging, a link to those events when let go. */
  function brush(canvas, chart, data) {
    var state = { from: null, to: null, dragging: false };
    chart.$brush = state;
    function index(ev) {
      var rect = canvas.getBoundingClientRect();
      var i = Math.round(chart.scales.x.getValueForPixel(ev.clientX - rect.left));
      return Math.max(0, Math.min(data.periods.length - 1, i));
    }
    canvas.addEventListener("pointerdown", function (ev) {
      state.dragging = true;
      state.from = state.to = index(ev);
      chart.draw();
    });
    canvas.addEventListener("pointermove", function (ev) {
      if (state.dragging) { state.to = index(ev); chart.draw(); }
    });
    window.addEventListener("pointerup", function () {
      if (!state.dragging) { return; }
      state.dragging = false;
      var a = Math.min(state.from, state.to), b = Math.max(state.from, state.to);
      var n = 0;
      data.series.forEach(function (s) { for (var i = a; i <= b; i++) { n += s.counts[i]; } });
      var url = new URL(data.events, window.location.href);
      url.searchParams.set("from", data.periods[a]);
      url.searchParams.set("to", data.periods[b]);
      var out = resultBox(canvas);
      out.textContent = "";
      var link = document.createElement("a");
      link.href = url.pathname + url.search;
      link.className = "brush-link";
      link.textContent = "List the " + n + " event" + (n === 1 ? "" : "s") + " from " +
        data.periods[a] + " to " + data.periods[b] + " →";
      out.appendChild(link);
      chart.draw();
    });
  }

  var brushPlugin = {
    id: "kgBrush",
    afterDatasetsDraw: function (chart) {
      var s = chart.$brush;
      if (!s || s.from === null) { return; }
      var x = chart.scales.x, area = chart.chartArea;
      var a = Math.min(s.from, s.to), b = Math.max(s.from, s.to);
      var half = (x.getPixelForValue(1) - x.getPixelForValue(0)) / 2 || 10;
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = "rgba(11, 92, 173, 0.15)";
      ctx.strokeStyle = "rgba(11, 92, 173, 0.8)";
      var left = x.getPixelForValue(a) - half, width = x.getPixelForValue(b) + half - left;
      ctx.fillRect(left, area.top, width, area.bottom - area.top);
      ctx.strokeRect(left, area.top, width, area.bottom - area.top);
      ctx.restore();
    }
  };

  function timeline(canvas) {
    getJSON(canvas.getAttribute("data-src")).then(function (data) {
      if (!data.periods.length) {
        note(canvas, "No dated events" + (data.undated ? " (" + data.undated + " without a date)" : "") + ".");
        return;
      }
      var chart = new Chart(canvas, {
        type: "bar",
        data: { labels: data.periods, datasets: data.series.map(function (s) {
          return { label: s.label, data: s.counts, backgroundColor: KG.colour(s["class"]),
                   stack: "events", borderWidth: 0, categoryPercentage: 0.95, barPercentage: 0.95, maxBarThickness: 56 };
        }) },
        options: {
          responsive: true, maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: { x: { stacked: true, grid: { display: false },
                         ticks: { autoSkip: true, maxRotation: 0 } },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 },
                         title: { display: true, text: "events per " + data.granularity } } },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } },
                     tooltip: { filter: function (item) { return item.raw > 0; } } }
        },
        plugins: canvas.getAttribute("data-brush") ? [brushPlugin] : []
      });
      if (canvas.getAttribute("data-brush")) { brush(canvas, chart, data); }
      canvas.setAttribute("data-ready", "1");
    }).catch(function (err) { note(canvas, "The chart could not be drawn: " + err); });
  }

  function bars(canvas) {
    getJSON(canvas.getAttribute("data-bars")).then(function (data) {
      var values = (data.facets["class"] || []);
      if (!values.length) { note(canvas, "No events yet."); return; }
      canvas.parentNode.style.height = Math.max(320, 40 + 22 * values.length) + "px";
      var chart = new Chart(canvas, {
        type: "bar",
        data: { labels: values.map(function (v) { return v.label; }), datasets: [{
          label: "events", data: values.map(function (v) { return v.count; }),
          backgroundColor: values.map(function (v) { return KG.colour(v.iri.split("#").pop()); })
        }] },
        options: {
          indexAxis: "y", responsive: true, maintainAspectRatio: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } },
          plugins: { legend: { display: false } },
          onClick: function (ev, items) {
            if (items.length) { window.location.href = values[items[0].index].href; }
          },
          onHover: function (ev, items) {
            ev.native.target.style.cursor = items.length ? "pointer" : "default";
          }
        }
      });
      canvas.setAttribute("data-ready", "1");
      return chart;
    }).catch(function (err) { note(canvas, "The chart could not be drawn: " + err); });
  }

  document.querySelectorAll("canvas[data-src]").forEach(timeline);
  document.querySelectorAll("canvas[data-bars]").forEach(bars);
  /* The numbers stay open without JavaScript; with a chart drawn they can fold away. */
  document.querySelectorAll("details.numbers[data-fold]").forEach(function (d) { d.open = false; });
}());
