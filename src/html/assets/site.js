// ergo html: progressive enhancement only; every page reads completely without it.
// 1. Hovering or focusing an element with data-d (a proof line, a graph node) highlights
//    the elements whose ids it lists: what that step or theorem depends on.
// 2. On a theory index, the search box filters the theorem rows by name or statement.
// 3. Following a link to a closed <details> (a ground fact's proof) opens it.
(function () {
  "use strict";
  var current = null;
  function mark(el, on) {
    if (!el) return;
    el.classList.toggle("hot", on);
    el.getAttribute("data-d").split(" ").forEach(function (id) {
      var t = id && document.getElementById(id);
      if (t) t.classList.toggle("dep", on);
    });
  }
  function show(el) {
    if (el === current) return;
    mark(current, false);
    current = el;
    mark(current, true);
  }
  function owner(e) {
    var t = e.target;
    return t && t.closest ? t.closest("[data-d]") : null;
  }
  document.addEventListener("mouseover", function (e) { show(owner(e)); });
  document.addEventListener("focusin", function (e) { show(owner(e)); });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (t && t.tagName === "DETAILS" && !t.open) { t.open = true; t.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  var q = document.getElementById("q");
  if (!q) return;
  var rows = document.querySelectorAll("#thms tbody tr");
  var count = document.getElementById("qn");
  function squash(s) { return s.toLowerCase().replace(/\s+/g, ""); }
  var texts = Array.prototype.map.call(rows, function (r) { return squash(r.textContent); });
  q.hidden = false;
  q.addEventListener("input", function () {
    var s = squash(q.value), shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var hit = texts[i].indexOf(s) >= 0;
      rows[i].hidden = !hit;
      if (hit) shown++;
    }
    count.textContent = s ? shown + " of " + rows.length + " theorems" : "";
  });
})();
