// The personal safety filter: a reader ticks "I'm pregnant" or "I take blood thinners" and the points and steps
// cautioned for them are marked (the routine skips them), each with its reason and source. The cautions come
// from the page (data-* attributes); the choice is kept in this browser's localStorage and never sent anywhere.
(function () {
  var filters = document.querySelectorAll(".safety-filter");
  if (!filters.length) return;
  var KEY = "safety-filter";
  var cautions = {};
  document.querySelectorAll(".safety-cautions > li[data-caution]").forEach(function (li) {
    cautions[li.dataset.caution] = li.dataset;
  });
  var boxes = document.querySelectorAll(".safety-filter input[data-condition]");

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function chosen() {
    var on = {};
    boxes.forEach(function (box) { if (box.checked) on[box.dataset.condition] = true; });
    return on;
  }
  function note(hits) {
    var p = document.createElement("p");
    p.className = "safety-note";
    hits.forEach(function (c, k) {
      if (k) p.append(" ");
      var strong = document.createElement("strong");
      strong.textContent = "Left out for you: " + c.title + ".";
      p.append(strong, " " + c.reason + " Source: ");
      if (c.sourceUrl) {
        var a = document.createElement("a");
        a.href = c.sourceUrl; a.rel = "noopener"; a.textContent = c.source;
        p.append(a, ".");
      } else {
        p.append(c.source + ".");
      }
    });
    return p;
  }
  function apply(announce) {
    var on = chosen(), points = 0, steps = 0;
    document.querySelectorAll("[data-cautions]").forEach(function (el) {
      var hits = el.dataset.cautions.split(" ").map(function (id) { return cautions[id]; })
        .filter(function (c) { return c && on[c.condition]; });
      var old = el.querySelector(":scope > .safety-note");
      if (old) old.remove();
      el.classList.toggle("safety-cautioned", hits.length > 0);
      if (!hits.length) return;
      if (el.matches("li") && !el.closest(".steps")) points++; else if (el.matches("li")) steps++; else points++;
      // A point section's note goes under its heading; a list item's at its end.
      var heading = el.querySelector(":scope > h2");
      if (heading) heading.after(note(hits)); else el.append(note(hits));
    });
    var words = [];
    if (points) words.push(points + " point" + (points === 1 ? "" : "s"));
    if (steps) words.push(steps + " step" + (steps === 1 ? "" : "s"));
    var text = Object.keys(on).length
      ? (words.length ? "Marked for you: " + words.join(" and ") + "." +
          (document.getElementById("routine") ? " The routine leaves them out." : "")
        : "Nothing here is cautioned for you.")
      : "Safety filter off: everything is shown.";
    if (announce) document.querySelectorAll(".safety-status").forEach(function (s) { s.textContent = text; });
    document.dispatchEvent(new CustomEvent("safety-filter-change"));
  }
  var saved = load();
  boxes.forEach(function (box) {
    box.checked = saved.indexOf(box.dataset.condition) !== -1;
    box.addEventListener("change", function () {
      // Every copy of the same choice on the page follows this one.
      boxes.forEach(function (other) { if (other.dataset.condition === box.dataset.condition) other.checked = box.checked; });
      var on = Object.keys(chosen());
      try { localStorage.setItem(KEY, JSON.stringify(on)); } catch (e) { /* no storage: this page only */ }
      apply(true);
    });
  });
  filters.forEach(function (f) { f.hidden = false; });
  apply(saved.length > 0);
})();
