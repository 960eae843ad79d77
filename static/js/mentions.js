// @mentions in comment boxes: typing "@" and a few letters lists the members who may read the page
// (an ARIA 1.2 combobox, keyboard first: arrows, Enter or Tab to choose, Escape to close). Without
// JavaScript, typing @username works the same: the server reads the mention.
(function () {
  "use strict";

  const TYPED = /(?:^|[\s(])@([\w.+-]{1,50})$/;

  function mentions(area) {
    const list = document.createElement("ul");
    list.id = area.id + "-mentions";
    list.className = "search-suggestions mention-suggestions";
    list.setAttribute("role", "listbox");
    const box = area.closest("[data-mentions]");
    list.setAttribute("aria-label", box.dataset.mentionsLabel || "");
    list.hidden = true;
    area.insertAdjacentElement("afterend", list);
    area.setAttribute("role", "combobox");
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    area.setAttribute("aria-expanded", "false");

    let active = -1;
    let timer = null;
    let controller = null;

    function typed() {
      const before = area.value.slice(0, area.selectionStart);
      const match = TYPED.exec(before);
      return match ? match[1] : null;
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      active = -1;
      area.setAttribute("aria-expanded", "false");
      area.removeAttribute("aria-activedescendant");
    }

    function choose(username) {
      const caret = area.selectionStart;
      const before = area.value.slice(0, caret).replace(/@[\w.+-]*$/, "@" + username + " ");
      area.value = before + area.value.slice(caret);
      area.setSelectionRange(before.length, before.length);
      close();
      area.focus();
    }

    function highlight(index) {
      const items = list.querySelectorAll("li");
      items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0) area.setAttribute("aria-activedescendant", items[index].id);
      else area.removeAttribute("aria-activedescendant");
    }

    function show(results) {
      list.replaceChildren();
      results.forEach((member, i) => {
        const item = document.createElement("li");
        item.id = area.id + "-mention-" + i;
        item.setAttribute("role", "option");
        item.textContent = "@" + member.username + (member.name ? " — " + member.name : "");
        item.dataset.username = member.username;
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(member.username);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      area.setAttribute("aria-expanded", results.length ? "true" : "false");
      highlight(results.length ? 0 : -1);
    }

    function lookUp() {
      const prefix = typed();
      if (!prefix) return close();
      if (controller) controller.abort();
      controller = new AbortController();
      const url = box.dataset.mentions + "&q=" + encodeURIComponent(prefix);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => show(data.results || []))
        .catch(() => {});
    }

    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });
    area.addEventListener("keydown", (event) => {
      const items = list.querySelectorAll("li");
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(items[active].dataset.username);
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
    area.addEventListener("blur", () => setTimeout(close, 100));
  }

  if (window.fetch) document.querySelectorAll("[data-mentions] textarea").forEach(mentions);
})();
