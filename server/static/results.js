/* The query editor's result table: SPARQL JSON results shown with labels (each IRI a link to
   its page, its short form beside), sortable by any column, a page of rows at a time. Values
   come from news text: they go in with textContent, never innerHTML. */
(function () {
  "use strict";
  var KG = window.KG = window.KG || {};
  var ID = "https://w3id.org/newskg/id/";
  var NKG = "https://w3id.org/newskg/ontology#";
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "short",
                 "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger"];

  KG.href = function (iri) {
    if (iri.indexOf(ID) === 0) { return "/id/" + iri.slice(ID.length); }
    if (iri.indexOf(NKG) === 0) { return "/ontology#" + iri.slice(NKG.length); }
    return /^https?:\/\//i.test(iri) ? iri : null;  /* never javascript: or data: links */
  };

  KG.compact = function (iri, prefixes) {
    for (var p in prefixes) {
      if (iri.indexOf(prefixes[p]) === 0 && iri.length > prefixes[p].length) {
        return p + ":" + iri.slice(prefixes[p].length);
      }
    }
    return iri;
  };

  KG.isNumber = function (term) {
    return !!term && term.type !== "uri" && !!term.datatype && term.datatype.indexOf(XSD) === 0 &&
      NUMERIC.indexOf(term.datatype.slice(XSD.length)) >= 0;
  };

  /* The text a term is shown (and sorted) by: an IRI's label, else its short form. */
  KG.termText = function (term, labels, prefixes) {
    if (!term) { return ""; }
    if (term.type === "uri") { return labels[term.value] || KG.compact(term.value, prefixes); }
    if (term.type === "bnode") { return "_:" + term.value; }
    if (term.type === "triple") { return "<< triple >>"; }
    return term.value;
  };

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) { n.textContent = text; }
    if (cls) { n.className = cls; }
    return n;
  }

  function cell(term, labels, prefixes) {
    var td = el("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var short = KG.compact(term.value, prefixes), url = KG.href(term.value);
      var name = labels[term.value];
      var main = url ? el("a", name || short) : el("span", name || short);
      if (url) { main.href = url; }
      main.title = term.value;
      td.appendChild(main);
      if (name) { td.appendChild(document.createTextNode(" ")); td.appendChild(el("small", short, "iri")); }
    } else {
      td.textContent = KG.termText(term, labels, prefixes);
      if (KG.isNumber(term)) { td.className = "num"; }
      var note = term["xml:lang"] ? "@" + term["xml:lang"]
        : term.datatype && !KG.isNumber(term) ? KG.compact(term.datatype, prefixes) : "";
      if (note) { td.appendChild(document.createTextNode(" ")); td.appendChild(el("small", note, "note")); }
    }
    return td;
  }

  function compare(a, b, labels, prefixes) {
    if (!a && !b) { return 0; }
    if (!a) { return 1; }  /* unbound last */
    if (!b) { return -1; }
    if (KG.isNumber(a) && KG.isNumber(b)) { return Number(a.value) - Number(b.value); }
    return KG.termText(a, labels, prefixes).localeCompare(KG.termText(b, labels, prefixes),
                                                          undefined, { numeric: true });
  }

  /* A table over `data` (SPARQL JSON results) in `box`, with its pager in `pager`. */
  KG.ResultTable = function (box, pager, data, labels, prefixes, size) {
    this.box = box; this.pager = pager; this.data = data; this.labels = labels;
    this.prefixes = prefixes; this.size = size || 100; this.page = 0;
    this.sortBy = null; this.desc = false;
    this.rows = data.results.bindings.slice();
  };

  KG.ResultTable.prototype.sort = function (v) {
    var self = this;
    this.desc = this.sortBy === v ? !this.desc : false;
    this.sortBy = v;
    this.rows.sort(function (x, y) {
      var c = compare(x[v], y[v], self.labels, self.prefixes);
      return self.desc && x[v] && y[v] ? -c : c;
    });
    this.page = 0;
    this.render();
  };

  KG.ResultTable.prototype.render = function () {
    var self = this, vars = this.data.head.vars;
    var t = el("table", undefined, "data results-table");
    var tr = el("tr");
    vars.forEach(function (v) {
      var th = el("th");
      var button = el("button", "?" + v, "sort");
      button.type = "button";
      button.title = "sort by ?" + v;
      if (self.sortBy === v) {
        button.appendChild(el("span", self.desc ? " ↓" : " ↑", "arrow"));
        th.setAttribute("aria-sort", self.desc ? "descending" : "ascending");
      }
      button.addEventListener("click", function () { self.sort(v); });
      th.appendChild(button);
      tr.appendChild(th);
    });
    t.createTHead().appendChild(tr);
    var body = t.createTBody();
    var start = this.page * this.size;
    this.rows.slice(start, start + this.size).forEach(function (row) {
      var r = el("tr");
      vars.forEach(function (v) { r.appendChild(cell(row[v], self.labels, self.prefixes)); });
      body.appendChild(r);
    });
    this.box.textContent = "";
    this.box.appendChild(t);
    this.renderPager();
  };

  KG.ResultTable.prototype.renderPager = function () {
    var self = this, n = this.rows.length, last = Math.max(0, Math.ceil(n / this.size) - 1);
    this.pager.textContent = "";
    if (n <= this.size) { return; }
    function go(text, page, enabled) {
      var b = el("button", text, "page-button");
      b.type = "button";
      b.disabled = !enabled;
      b.addEventListener("click", function () { self.page = page; self.render(); });
      self.pager.appendChild(b);
    }
    go("« first", 0, this.page > 0);
    go("‹ previous", this.page - 1, this.page > 0);
    var from = this.page * this.size + 1, to = Math.min(n, from + this.size - 1);
    this.pager.appendChild(el("span", "rows " + from + "–" + to + " of " + n, "page-info"));
    go("next ›", this.page + 1, this.page < last);
    go("last »", last, this.page < last);
  };
}());
