/* The search box on every page: suggestions from /search.json as you type (entities first),
   chosen with the mouse or the arrow keys and Enter; Escape closes them. */
(function () {
  "use strict";
  var DELAY = 150;

  function setup(input) {
    var form = input.form;
    var list = document.createElement("ul");
    list.className = "suggest";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    var timer = null, active = -1, asked = "";

    function items() { return list.querySelectorAll("li a"); }

    function close() { list.hidden = true; active = -1; input.setAttribute("aria-expanded", "false"); }

    function mark(i) {
      var all = items();
      if (!all.length) { return; }
      active = (i + all.length) % all.length;
      all.forEach(function (a, n) { a.parentNode.classList.toggle("active", n === active); });
      all[active].parentNode.setAttribute("aria-selected", "true");
    }

    function show(data) {
      list.textContent = "";
      data.results.forEach(function (r) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        var a = document.createElement("a");
        a.href = r.href;
        var name = document.createElement("span");
        name.className = "name";
        name.textContent = r.label;
        var kind = document.createElement("small");
        kind.className = "kind";
        kind.textContent = r.kind === "entity" ? r.class_label : r.kind;
        a.appendChild(name);
        a.appendChild(kind);
        li.appendChild(a);
        list.appendChild(li);
      });
      var all = document.createElement("li");
      all.className = "all";
      var more = document.createElement("a");
      more.href = "/search?q=" + encodeURIComponent(input.value.trim());
      more.textContent = data.total ? "All " + data.total + " results" : "No match: search anyway";
      all.appendChild(more);
      list.appendChild(all);
      list.hidden = false;
      active = -1;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      asked = q;
      fetch("/search.json?complete=1&size=8&q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && asked === input.value.trim()) { show(data); } })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (ev) {
      if (list.hidden) { return; }
      if (ev.key === "ArrowDown") { ev.preventDefault(); mark(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); mark(active - 1); }
      else if (ev.key === "Escape") { close(); }
      else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); window.location.href = items()[active].href; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("input[data-suggest]").forEach(setup);
}());
