/* The query editor: CodeMirror on the textarea, run by fetch against /sparql, results as a
   table built with textContent (never innerHTML: values come from news text). */
(function () {
  "use strict";
  var ID = "https://w3id.org/newskg/id/";
  var NKG = "https://w3id.org/newskg/ontology#";
  var prefixes = JSON.parse(document.getElementById("kg-prefixes").textContent);
  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  var statusEl = document.getElementById("status");
  var results = document.getElementById("results");
  var downloads = document.getElementById("downloads");
  var editor = null;
  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query", lineNumbers: true, indentUnit: 2, viewportMargin: Infinity,
      extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run }
    });
  }

  function queryText() { return editor ? editor.getValue() : textarea.value; }

  function href(iri) {
    if (iri.indexOf(ID) === 0) { return "/id/" + iri.slice(ID.length); }
    if (iri.indexOf(NKG) === 0) { return "/ontology#" + iri.slice(NKG.length); }
    return /^https?:\/\//i.test(iri) ? iri : null;  // never javascript: or data: links
  }

  function compact(iri) {
    for (var p in prefixes) {
      if (iri.indexOf(prefixes[p]) === 0 && iri.length > prefixes[p].length) {
        return p + ":" + iri.slice(prefixes[p].length);
      }
    }
    return iri;
  }

  function isGraphQuery(q) {
    var body = q.replace(/#[^\n]*/g, " ").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, " ")
                .replace(/BASE\s*<[^>]*>/gi, " ");
    return /^\s*(CONSTRUCT|DESCRIBE)\b/i.test(body);
  }

  function link(text, url) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  function setDownloads(q) {
    downloads.textContent = "";
    var formats = isGraphQuery(q) ? [["Turtle", "ttl"], ["N-Triples", "nt"], ["JSON-LD", "jsonld"]]
                                  : [["CSV", "csv"], ["TSV", "tsv"], ["JSON", "json"]];
    downloads.appendChild(document.createTextNode("Download: "));
    formats.forEach(function (f, i) {
      if (i) { downloads.appendChild(document.createTextNode(" · ")); }
      var url = "/sparql?query=" + encodeURIComponent(q) + "&format=" + f[1];
      var a = link(f[0], url);
      a.setAttribute("download", "results." + f[1]);
      downloads.appendChild(a);
    });
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri" && href(term.value)) {
      var a = link(compact(term.value), href(term.value));
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "uri") {
      td.textContent = compact(term.value);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      var note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? compact(term.datatype) : "";
      if (note) {
        var small = document.createElement("small");
        small.className = "note";
        small.textContent = " " + note;
        td.appendChild(small);
      }
    }
    return td;
  }

  function table(data) {
    if (typeof data.boolean === "boolean") {
      var p = document.createElement("p");
      p.className = "boolean";
      p.textContent = data.boolean ? "true" : "false";
      return [p, "ASK: " + data.boolean];
    }
    var vars = data.head.vars, rows = data.results.bindings;
    var t = document.createElement("table");
    t.className = "data";
    var tr = document.createElement("tr");
    vars.forEach(function (v) {
      var th = document.createElement("th");
      th.textContent = "?" + v;
      tr.appendChild(th);
    });
    t.createTHead().appendChild(tr);
    var body = t.createTBody();
    rows.forEach(function (row) {
      var r = document.createElement("tr");
      vars.forEach(function (v) { r.appendChild(cell(row[v])); });
      body.appendChild(r);
    });
    return [t, rows.length + " row" + (rows.length === 1 ? "" : "s")];
  }

  function show(node, message) {
    results.textContent = "";
    results.appendChild(node);
    statusEl.textContent = message;
  }

  function run(ev) {
    if (ev && ev.preventDefault) { ev.preventDefault(); }
    var q = queryText();
    var started = Date.now();
    statusEl.textContent = "Running…";
    setDownloads(q);
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: "query=" + encodeURIComponent(q)
    }).then(function (resp) {
      var type = resp.headers.get("Content-Type") || "";
      return resp.text().then(function (body) {
        var secs = ((Date.now() - started) / 1000).toFixed(2) + " s";
        if (resp.headers.get("X-KG-Truncated")) { secs += "; truncated by the server's row limit"; }
        var pre = document.createElement("pre");
        if (!resp.ok) {
          pre.className = "error";
          pre.textContent = body;
          show(pre, "Error " + resp.status + " (" + secs + ")");
        } else if (type.indexOf("json") >= 0) {
          var out = table(JSON.parse(body));
          show(out[0], out[1] + " (" + secs + ")");
        } else {
          pre.textContent = body;
          show(pre, "Graph result (" + secs + ")");
        }
      });
    }).catch(function (err) {
      statusEl.textContent = "Could not reach the server: " + err;
    });
  }

  form.addEventListener("submit", run);
  // A shared link (/query?query=...&run=1) runs its query straight away.
  if (new URLSearchParams(window.location.search).get("run")) { run(); }
}());
