// Autocomplete for the search boxes (header and search page): an ARIA 1.2 combobox over
// /api/search/suggest/. Without JavaScript the forms work as they are (progressive enhancement).
(function () {
  "use strict";

  function combobox(input) {
    const list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    let active = -1;
    let timer = null;
    let controller = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const items = list.querySelectorAll("li");
      items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
      else input.removeAttribute("aria-activedescendant");
    }

    function show(suggestions) {
      list.replaceChildren();
      suggestions.forEach((suggestion, i) => {
        const item = document.createElement("li");
        item.id = input.id + "-option-" + i;
        item.setAttribute("role", "option");
        item.textContent = suggestion.title;
        item.dataset.url = suggestion.url;
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.appendChild(item);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", suggestions.length ? "true" : "false");
      active = -1;
    }

    function fetchSuggestions() {
      const text = input.value.trim();
      if (text.length < 2) return close();
      if (controller) controller.abort();
      controller = new AbortController();
      const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { suggestions: [] }))
        .then((data) => show(data.suggestions || []))
        .catch(() => {});
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", (event) => {
      const count = list.querySelectorAll("li").length;
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp" && count) {
        event.preventDefault();
        highlight(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(list.querySelectorAll("li")[active].dataset.url);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  if (window.fetch) document.querySelectorAll("input[data-suggest-url]").forEach(combobox);
})();
