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

  // Scroll to Top: without JavaScript a plain link in the footer. With it, a floating button that shows
  // only once the reader is a screen or more down the page; smooth unless the reader asked for less motion.
  var toTop = document.querySelector(".to-top");
  if (toTop) {
    var placed = false;
    var place = function () {
      placed = false;
      toTop.hidden = window.scrollY < window.innerHeight;
    };
    toTop.classList.add("floating");
    place();
    window.addEventListener("scroll", function () {
      if (!placed) { placed = true; window.requestAnimationFrame(place); }
    }, { passive: true });
    window.addEventListener("resize", place, { passive: true });
    toTop.addEventListener("click", function (event) {
      event.preventDefault();
      var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: still ? "auto" : "smooth" });
      document.getElementById("main").focus({ preventScroll: true });
    });
  }

  // Print: the article's own print layout (the routine card where it has points), from a visible button.
  var printer = document.querySelector(".print-button");
  if (printer && window.print) {
    printer.parentNode.hidden = false;
    printer.addEventListener("click", function () { window.print(); });
  }

  // Guided routine: walks through the article's point sections one at a time with a countdown.
  // Everything it shows comes from the server-rendered sections (data-* attributes); without JS it stays hidden.
  var dialog = document.getElementById("routine");
  if (dialog && dialog.showModal) routine(dialog);

  function routine(dialog) {
    var $ = function (sel) { return dialog.querySelector(sel); };
    var opener = document.querySelector(".routine-open");
    var sections = document.querySelectorAll(".point-section[data-code]");
    var key = "routine:" + location.pathname;
    var stages = [];
    // The stages, without the points and steps the reader's safety filter leaves out (safety.js marks them).
    function build() {
      stages = [];
      sections.forEach(function (section, n) {
        if (section.classList.contains("safety-cautioned")) return;
        var timed = Array.prototype.filter.call(section.querySelectorAll(".duration[data-seconds]"), function (span) {
          return !span.closest("li").classList.contains("safety-cautioned");
        });
        if (!timed.length) stages.push({ n: n, secs: 0, side: "" });
        timed.forEach(function (span) {
          var step = Array.prototype.indexOf.call(section.querySelectorAll(".steps > li"), span.closest("li"));
          var sides = span.getAttribute("data-sides");
          (sides ? sides.split("|") : [""]).forEach(function (side, k, all) {
            stages.push({ n: n, step: step, secs: parseInt(span.getAttribute("data-seconds"), 10) || 0,
                          side: side, sideOf: all.length > 1 ? (k + 1) + " of " + all.length : "" });
          });
        });
      });
      if (opener) opener.disabled = !stages.length;
    }
    build();
    if (!sections.length || !opener) return;
    opener.parentNode.hidden = false;
    document.addEventListener("safety-filter-change", function () { if (!dialog.open) build(); });

    var toggle = $(".routine-toggle"), live = $(".routine-live"), time = $(".routine-time");
    var i = 0, left = 0, endsAt = 0, tick = null, shown = -1, lock = null, audio = null, done = false;
    var begun = false; // this step's countdown has been started: opening the routine does not start it

    function spoken(s) {
      var m = Math.floor(s / 60), r = s % 60, parts = [];
      if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
      if (r) parts.push(r + (r === 1 ? " second" : " seconds"));
      return parts.join(" ");
    }
    function fmt(s) { return Math.floor(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + (s % 60); }
    // The live region changes once a step, never with the ticking clock (which is outside it).
    function say(text) { live.textContent = text; }
    function save() {
      try { sessionStorage.setItem(key, JSON.stringify({ i: i, left: left })); } catch (e) { /* private mode */ }
    }
    function fresh(node) {
      // A copy for the dialog, with its ids renamed so the page keeps unique ids.
      var copy = node.cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (el) { el.id = "r-" + el.id; });
      copy.querySelectorAll("[aria-labelledby]").forEach(function (el) {
        el.setAttribute("aria-labelledby", "r-" + el.getAttribute("aria-labelledby"));
      });
      return copy;
    }
    function pointName(section) {
      var h = document.createElement("span"), d = section.dataset;
      h.textContent = d.code + " · " + d.pinyin;
      if (d.hanzi) {
        var zh = document.createElement("span");
        zh.lang = "zh"; zh.textContent = d.hanzi;
        h.append(" ", zh);
      }
      return h;
    }
    function show() {
      var st = stages[i], section = sections[st.n];
      if (shown !== st.n) {
        $(".routine-point").replaceChildren(pointName(section));
        $(".routine-progress").textContent = "Point " + (st.n + 1) + " of " + sections.length + ": " +
          section.querySelector("h2").textContent.replace(/^[^:]*:\s*/, "");
        var fig = section.querySelector(".point-figure");
        $(".routine-figure").replaceChildren(fig ? fresh(fig) : "");
        var caution = section.querySelector(".caution");
        $(".routine-steps").replaceChildren(fresh(section.querySelector(".steps")));
        if (caution) $(".routine-steps").prepend(fresh(caution));
      }
      $(".routine-steps").querySelectorAll("li").forEach(function (li, k) {
        if (k === st.step) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
      });
      $(".routine-side").textContent = st.side ? "Now the " + st.side + " (" + st.sideOf + ")" : "";
      var again = shown === st.n && !st.side; // a further step of the same point
      say("Point " + (st.n + 1) + " of " + sections.length + ": " + section.dataset.code + " " +
          section.dataset.pinyin + (st.side ? ", " + st.side : "") + (again ? ", step " + (st.step + 1) : "") +
          "." + (st.secs ? " " + spoken(st.secs) + "." : ""));
      shown = st.n;
      $(".routine-back").setAttribute("aria-disabled", String(i === 0));
      render();
    }
    function render() {
      time.textContent = stages[i].secs ? fmt(left) : "no timer";
      $(".routine-state").textContent = tick || !begun || !stages[i].secs ? "" : "(paused)";
      toggle.textContent = tick ? "Pause" : begun ? "Resume" : "Start";
      if (!stages[i].secs && document.activeElement === toggle) $(".routine-skip").focus(); // keep focus
      toggle.hidden = !stages[i].secs;
      $(".routine-skip").textContent = stages[i].secs ? "Skip" : "Next";
    }
    function go(to) {
      var running = !!tick;
      clearInterval(tick); tick = null;
      i = to; left = stages[i].secs; done = false; begun = false;
      $(".routine-done").hidden = true; $(".routine-controls").hidden = false;
      show(); save();
      // A new countdown starts on a whole second; a point without one waits for Next.
      if (running && stages[i].secs) run(); else if (running) wake(false);
    }
    function run() {
      if (!stages[i].secs || tick) return;
      endsAt = Date.now() + left * 1000;
      begun = true;
      tick = setInterval(step, 250);
      wake(true); render();
    }
    function pause() {
      clearInterval(tick); tick = null;
      wake(false); render(); save();
    }
    function step() {
      var now = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      if (now === left) return;
      left = now; save(); render();
      if (left > 0) return;
      signal();
      if (i + 1 < stages.length) { go(i + 1); return; }
      finish();
    }
    function finish() {
      pause(); done = true;
      $(".routine-controls").hidden = true;
      $(".routine-done").hidden = false;
      $(".routine-again").focus();
      try { sessionStorage.removeItem(key); } catch (e) { /* private mode */ }
    }
    function signal() {
      if ($(".routine-vibrate").checked && navigator.vibrate) navigator.vibrate(200);
      if (!$(".routine-sound").checked || !audio) return;
      var osc = audio.createOscillator(), gain = audio.createGain(), t = audio.currentTime;
      osc.frequency.value = 528;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.12, t + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 1.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(t); osc.stop(t + 1.3);
    }
    function unlockAudio() {
      // Browsers let a page make sound only after a click, so the context is made or resumed on one.
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!$(".routine-sound").checked || !Ctx) return;
      audio = audio || new Ctx();
      if (audio.state === "suspended") audio.resume();
    }
    function wake(on) {
      if (!navigator.wakeLock) return;
      if (on && !lock) {
        navigator.wakeLock.request("screen").then(function (l) {
          if (!tick) { l.release(); return; }
          lock = l; l.addEventListener("release", function () { lock = null; });
        }).catch(function () { /* not allowed now: the screen may dim */ });
      } else if (!on && lock) {
        lock.release(); lock = null;
      }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && tick) wake(true);
    });

    function open(at, secs, running) {
      if (!dialog.open) dialog.showModal();
      shown = -1; i = at; left = secs; begun = secs < stages[at].secs;
      $(".routine-done").hidden = true; $(".routine-controls").hidden = false; done = false;
      show(); save();
      if (running) run(); else render();
      (toggle.hidden ? $(".routine-skip") : toggle).focus();
    }
    // Opening shows the first point and its Start button; the countdown waits for Start.
    opener.addEventListener("click", function () {
      build();
      if (!stages.length) return;
      unlockAudio(); open(0, stages[0].secs, false);
    });
    toggle.addEventListener("click", function () { unlockAudio(); if (tick) pause(); else run(); });
    $(".routine-back").addEventListener("click", function () { if (i > 0) go(i - 1); });
    $(".routine-skip").addEventListener("click", function () {
      if (i + 1 < stages.length) go(i + 1); else finish();
    });
    $(".routine-again").addEventListener("click", function () { open(0, stages[0].secs, false); });
    $(".routine-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      pause();
      try { sessionStorage.removeItem(key); } catch (e) { /* private mode */ }
      opener.focus();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "/") event.stopPropagation(); // the search overlay cannot open over the routine
      if (/INPUT/.test(event.target.tagName) || done) return;
      if (event.key === "ArrowLeft" && i > 0) go(i - 1);
      if (event.key === "ArrowRight") $(".routine-skip").click();
    });
    [["sound", ".routine-sound"], ["vibrate", ".routine-vibrate"]].forEach(function (pair) {
      var box = $(pair[1]);
      try { box.checked = localStorage.getItem("routine-" + pair[0]) === "on"; } catch (e) { /* no storage */ }
      box.addEventListener("change", function () {
        try { localStorage.setItem("routine-" + pair[0], box.checked ? "on" : "off"); } catch (e) { /* no storage */ }
        if (pair[0] === "sound") unlockAudio(); else if (box.checked) navigator.vibrate(60);
      });
    });
    // Offer vibration only where it can be felt: a phone or tablet, not a desktop that ignores it.
    if (navigator.vibrate && matchMedia("(pointer: coarse)").matches) $(".routine-vibrate-label").hidden = false;

    // Coming back (reload, or back from another page in this tab): reopen where the reader was, paused.
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key)); } catch (e) { /* nothing saved */ }
    if (saved && stages[saved.i]) {
      var secs = stages[saved.i].secs;
      open(saved.i, saved.left > 0 && saved.left < secs ? Math.round(saved.left) : secs, false);
    }
  }
})();
/* shop: "Was this helpful?" votes without leaving the page. Without JavaScript the form posts
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
