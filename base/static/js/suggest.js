/* Search suggestions as the reader types (ARIA 1.2 combobox with a listbox popup). Without this script the
   fields are the ordinary search form. Data: /search/suggest/?q= → {"suggestions": [{kind, label, url}]}. */
(function () {
  "use strict";
  var KINDS = { point: "Point", complaint: "Complaint", caution: "Caution", article: "Article", product: "Product", person: "Person" };

  function combobox(input) {
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var items = [], active = -1, timer = null, request = null, lastQuery = "";

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.form.classList.add("has-suggestions");
    input.after(list, status);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      var options = list.children;
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (item, i) {
        var option = document.createElement("li");
        var kind = document.createElement("span");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label + " ";
        kind.className = "kind";
        kind.textContent = KINDS[item.kind] || "";
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { window.location.href = item.url; });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (suggestions.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
          ", use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = "No suggestions.";
      }
    }
    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < 2) { render([]); status.textContent = ""; return; }
      if (request) request.abort();
      request = new AbortController();
      fetch("/search/suggest/?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, signal: request.signal })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) render(data.suggestions || []); })
        .catch(function () { /* aborted by newer typing, or offline: the form still searches */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!items.length) return;
        event.preventDefault();
        if (!open) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        // Positions cycle through the options and back to the field itself (-1).
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= items.length) next = -1;
        if (next < -1) next = items.length - 1;
        highlight(next);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].url;
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        event.stopPropagation(); // the first ESC closes the list, the next one the overlay
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  ["header-q", "overlay-q"].forEach(function (id) {
    var input = document.getElementById(id);
    if (input && input.form && window.fetch) combobox(input);
  });
})();
