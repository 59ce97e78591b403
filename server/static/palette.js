/* One colour per branch of the event classes, shared by the map, the charts and the legends. */
(function () {
  "use strict";
  var KG = window.KG = window.KG || {};
  KG.colours = {
    Killing: "#c62828", Attack: "#ef6c00", Bombardment: "#6a1b9a", Clash: "#8d6e63",
    SexualViolence: "#ad1457", Abduction: "#3949ab", Arrest: "#1565c0", Looting: "#f9a825",
    Displacement: "#00838f", Protest: "#2e7d32", Appeal: "#64b5f6", Threat: "#ffa726",
    Agreement: "#26a69a", Rebellion: "#5d4037", TransferOfPower: "#546e7a", Rescue: "#9ccc65",
    Event: "#9e9e9e", Execution: "#8e1b1b", Airstrike: "#4a148c", Shelling: "#8e24aa"
  };
  var spare = ["#00acc1", "#7cb342", "#d81b60", "#5e35b1", "#fb8c00", "#6d4c41"];
  KG.colour = function (name) {
    if (KG.colours[name]) { return KG.colours[name]; }
    var h = 0;
    for (var i = 0; i < name.length; i++) { h = (h * 31 + name.charCodeAt(i)) >>> 0; }
    return spare[h % spare.length];
  };
  /* Colour the swatches the server rendered (<span class="dot" data-class="Killing">). */
  KG.paintDots = function (root) {
    (root || document).querySelectorAll(".dot[data-class]").forEach(function (dot) {
      dot.style.backgroundColor = KG.colour(dot.getAttribute("data-class"));
    });
  };
  /* A legend: one swatch and label per [class, label] pair. */
  KG.legend = function (el, items) {
    el.textContent = "";
    items.forEach(function (item) {
      var span = document.createElement("span");
      span.className = "legend-item";
      var dot = document.createElement("span");
      dot.className = "dot";
      dot.style.backgroundColor = KG.colour(item[0]);
      span.appendChild(dot);
      span.appendChild(document.createTextNode(item[1]));
      el.appendChild(span);
    });
  };
  document.addEventListener("DOMContentLoaded", function () { KG.paintDots(); });
}());
