/* The query editor: CodeMirror on the textarea, run by fetch against /sparql. The address
   follows the query (/query?query=...&view=...&run=1 is the link to share); results are shown
   with labels, sortable and paged (results.js), or as a map, timeline or bar chart
   (resultviews.js); downloads are offered in the formats the query's form can be given in; a
   syntax error is marked at the parser's line and column. */
(function () {
  "use strict";
  var KG = window.KG;
  var prefixes = JSON.parse(document.getElementById("kg-prefixes").textContent);
  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  var statusEl = document.getElementById("status");
  var results = document.getElementById("results");
  var pager = document.getElementById("pager");
  var tabs = document.getElementById("views");
  var downloads = document.getElementById("downloads");
  var share = document.getElementById("share-link");
  var params = new URLSearchParams(window.location.search);
  var wantedView = params.get("view");
  var editor = null, marks = [], current = null, ran = false;
  var FORMATS = {
    select: [["CSV", "csv", "text/csv"], ["TSV", "tsv", "text/tab-separated-values"],
             ["JSON", "json", "application/sparql-results+json"], ["XML", "xml", "application/sparql-results+xml"]],
    ask: [["JSON", "json", "application/sparql-results+json"], ["XML", "xml", "application/sparql-results+xml"]],
    graph: [["Turtle", "ttl", "text/turtle"], ["N-Triples", "nt", "application/n-triples"],
            ["JSON-LD", "jsonld", "application/ld+json"], ["RDF/XML", "rdf", "application/rdf+xml"]]
  };

  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, indentUnit: 2, viewportMargin: Infinity,
      gutters: ["CodeMirror-linenumbers", "error-gutter"],
      extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run }
    });
    editor.on("change", function () { clearError(); ran = false; follow(); });
  } else {
    textarea.addEventListener("input", function () { ran = false; follow(); });
  }

  function queryText() { return editor ? editor.getValue() : textarea.value; }

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  /* The address follows the query: the link to share, with the view, runs it when opened. */
  function address(ran) {
    var p = new URLSearchParams();
    p.set("query", queryText());
    if (current && current.view && current.view !== "table") { p.set("view", current.view); }
    if (ran) { p.set("run", "1"); }
    return "/query?" + p.toString();
  }

  /* The address bar shows run=1 only while the results shown are this query's; the share
     link always runs the query when opened. */
  function follow() {
    window.history.replaceState(null, "", address(ran));
    share.href = address(true);
  }

  function clearError() {
    marks.forEach(function (m) { m.clear(); });
    marks = [];
    if (editor) { editor.clearGutter("error-gutter"); }
  }

  /* Mark "error at LINE:COLUMN" (pyoxigraph's parser) in the editor. */
  function markError(message) {
    var m = /at (\d+):(\d+)/.exec(message);
    if (!m || !editor) { return null; }
    var line = Number(m[1]) - 1, text = editor.getLine(line) || "";
    var ch = Math.min(Math.max(Number(m[2]) - 1, 0), Math.max(text.length - 1, 0));
    marks.push(editor.markText({ line: line, ch: ch }, { line: line, ch: Math.max(ch + 1, text.length ? ch + 1 : ch) },
                               { className: "cm-error-mark" }));
    var lineMark = editor.addLineClass(line, "background", "cm-error-line");
    marks.push({ clear: function () { editor.removeLineClass(lineMark, "background", "cm-error-line"); } });
    var marker = el("span", "●", "error-marker");
    marker.title = message;
    editor.setGutterMarker(line, "error-gutter", marker);
    editor.setCursor({ line: line, ch: ch });
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  function setDownloads(kind) {
    downloads.textContent = "";
    downloads.appendChild(document.createTextNode("Download: "));
    FORMATS[kind].forEach(function (f, i) {
      if (i) { downloads.appendChild(document.createTextNode(" · ")); }
      var a = el("a", f[0]);
      a.href = "#";
      a.setAttribute("data-format", f[1]);
      a.addEventListener("click", function (ev) { ev.preventDefault(); download(f); });
      downloads.appendChild(a);
    });
  }

  function download(f) {
    fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded",
                                                   "Accept": f[2] },
                       body: "query=" + encodeURIComponent(queryText()) })
      .then(function (r) { return r.ok ? r.blob() : Promise.reject(new Error("status " + r.status)); })
      .then(function (blob) {
        var a = el("a");
        a.href = URL.createObjectURL(blob);
        a.download = "results." + f[1];
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      })
      .catch(function (err) { statusEl.textContent = "Download failed: " + err.message; });
  }

  function labelsFor(data) {
    var seen = {};
    (data.results ? data.results.bindings : []).forEach(function (row) {
      Object.keys(row).forEach(function (v) { if (row[v].type === "uri") { seen[row[v].value] = 1; } });
    });
    var iris = Object.keys(seen).slice(0, 5000);
    if (!iris.length) { return Promise.resolve({}); }
    return fetch("/labels.json", { method: "POST", headers: { "Content-Type": "application/json" },
                                   body: JSON.stringify({ iris: iris }) })
      .then(function (r) { return r.ok ? r.json() : { labels: {} }; })
      .then(function (d) { return d.labels || {}; })
      .catch(function () { return {}; });
  }

  function showView(name) {
    var fits = current.views;
    var note = "";
    if (!fits[name]) {
      if (name && name !== "table") { note = "This result has no column for a " + (KG.VIEWS[name] || name.replace("unknown:", "")) + " view; shown as a table."; }
      name = "table";
    }
    current.view = name;
    results.textContent = "";
    pager.textContent = "";
    if (note) { results.appendChild(el("p", note, "view-note")); }
    tabs.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-selected", b.getAttribute("data-view") === name ? "true" : "false");
    });
    if (name === "table") { current.table.box = results; current.table.render(); }
    else if (name === "map") { KG.renderMap(results, current.data, fits.map, current.labels, prefixes); }
    else if (name === "timeline") { KG.renderTimeline(results, current.data, fits.timeline); }
    else if (name === "bar") { KG.renderBars(results, current.data, fits.bar, current.labels, prefixes); }
    results.setAttribute("data-view", name);
    ran = true;
    follow();
  }

  function setTabs() {
    tabs.textContent = "";
    Object.keys(KG.VIEWS).forEach(function (name) {
      if (!current.views[name]) { return; }
      var b = el("button", KG.VIEWS[name], "view-tab");
      b.type = "button";
      b.setAttribute("role", "tab");
      b.setAttribute("data-view", name);
      b.addEventListener("click", function () { showView(name); });
      tabs.appendChild(b);
    });
  }

  function showSelect(data, secs, truncated) {
    return labelsFor(data).then(function (labels) {
      var tableBox = el("div");
      current = { data: data, labels: labels, views: KG.viewsFor(data), view: "table",
                  table: new KG.ResultTable(tableBox, pager, data, labels, prefixes, 100) };
      setTabs();
      var n = data.results.bindings.length;
      statusEl.textContent = n + " row" + (n === 1 ? "" : "s") + " (" + secs + (truncated ? "; truncated by the server's row limit" : "") + ")";
      showView(wantedView || KG.defaultView(queryText()) || "table");
      wantedView = null;
    });
  }

  function answer(resp, body, secs) {
    var type = resp.headers.get("Content-Type") || "";
    results.textContent = "";
    pager.textContent = "";
    tabs.textContent = "";
    if (!resp.ok) {
      var pre = el("pre", body, "error");
      var at = resp.status === 400 ? markError(body) : null;
      if (at) { results.appendChild(el("p", "Syntax error at line " + at.line + ", column " + at.column + ":", "error-at")); }
      results.appendChild(pre);
      statusEl.textContent = "Error " + resp.status + " (" + secs + ")";
      downloads.textContent = "";
      return null;
    }
    if (type.indexOf("json") >= 0) {
      var data = JSON.parse(body);
      if (typeof data.boolean === "boolean") {
        results.appendChild(el("p", data.boolean ? "true" : "false", "boolean"));
        statusEl.textContent = "ASK: " + data.boolean + " (" + secs + ")";
        setDownloads("ask");
        current = { views: { table: {} }, view: "table" };
        ran = true;
        follow();
        return null;
      }
      setDownloads("select");
      return showSelect(data, secs, resp.headers.get("X-KG-Truncated"));
    }
    results.appendChild(el("pre", body, "graph"));
    statusEl.textContent = "Graph result (" + secs + ")";
    setDownloads("graph");
    current = { views: { table: {} }, view: "table" };
    ran = true;
    follow();
    return null;
  }

  function run(ev) {
    if (ev && ev.preventDefault) { ev.preventDefault(); }
    clearError();
    var started = Date.now();
    statusEl.textContent = "Running…";
    results.setAttribute("aria-busy", "true");
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(queryText())
    }).then(function (resp) {
      return resp.text().then(function (body) {
        return answer(resp, body, ((Date.now() - started) / 1000).toFixed(2) + " s");
      });
    }).catch(function (err) {
      statusEl.textContent = "Could not reach the server: " + err;
    }).then(function () { results.removeAttribute("aria-busy"); });
  }

  form.addEventListener("submit", run);
  document.getElementById("copy-link").addEventListener("click", function () {
    var url = new URL(share.getAttribute("href"), window.location.href).href;
    if (navigator.clipboard) { navigator.clipboard.writeText(url).catch(function () {}); }
    statusEl.textContent = "Link copied: " + url;
  });
  share.href = address(true);
  if (params.get("run")) { run(); }
}());
