/* Progressive enhancement only: every feature below has a working no-JS fallback. */
(function () {
  "use strict";
  var overlay = document.getElementById("search-overlay");
  var opener = document.querySelector(".search-open");
  var lastFocus = null;

  function openSearch(event) {
    if (!overlay) return;
    var typed = document.getElementById("header-q");
    if (typed && typed.value.trim()) return; // the header form submits what was typed
    event.preventDefault();
    lastFocus = document.activeElement;
    overlay.hidden = false;
    document.getElementById("overlay-q").focus();
  }
  function closeSearch() {
    if (!overlay || overlay.hidden) return;
    overlay.hidden = true;
    if (lastFocus) lastFocus.focus();
  }
  if (opener) opener.addEventListener("click", openSearch);
  if (overlay) overlay.querySelector(".overlay-close").addEventListener("click", closeSearch);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeSearch();
    if (event.key === "/" && overlay && overlay.hidden && !/INPUT|TEXTAREA/.test(document.activeElement.tagName)) {
      openSearch(event);
    }
  });

  // Scroll to Top: smooth where the reader has not asked for reduced motion.
  var toTop = document.querySelector(".to-top");
  if (toTop) {
    toTop.addEventListener("click", function (event) {
      event.preventDefault();
      var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: still ? "auto" : "smooth" });
      document.getElementById("main").focus({ preventScroll: true });
    });
  }

  // Routine timer: a Start button beside each timed step counts down and announces the end.
  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  document.querySelectorAll(".duration[data-seconds]").forEach(function (label) {
    var total = parseInt(label.getAttribute("data-seconds"), 10);
    if (!total) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "timer";
    button.setAttribute("aria-pressed", "false");
    button.textContent = "Start timer";
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    label.after(button, status);
    var remaining = total, tick = null;
    function stop(message) {
      clearInterval(tick); tick = null;
      button.setAttribute("aria-pressed", "false");
      button.textContent = message;
    }
    button.addEventListener("click", function () {
      if (tick) { stop("Resume " + format(remaining)); return; }
      if (remaining <= 0) remaining = total;
      button.setAttribute("aria-pressed", "true");
      button.textContent = format(remaining);
      tick = setInterval(function () {
        remaining -= 1;
        button.textContent = format(remaining);
        if (remaining <= 0) { stop("Done, start again"); status.textContent = "Time is up for this step."; }
      }, 1000);
    });
  });
})();
/* shop (issue 15): "Was this helpful?" votes without leaving the page. Without JavaScript the form posts
   and the server sends the reader back to the review. */
(function () {
  "use strict";
  document.querySelectorAll(".helpful-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var count = form.querySelector(".helpful-count");
          if (typeof data.count === "number" && count) {
            count.textContent = data.count + (data.count === 1 ? " reader found" : " readers found") + " this helpful.";
          }
          var note = document.createElement("span");
          note.className = "notice";
          note.setAttribute("role", "status");
          note.textContent = data.message || "";
          if (button) button.replaceWith(note); else form.appendChild(note);
        })
        .catch(function () { form.submit(); });
    });
  });
})();
