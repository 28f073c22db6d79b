// The moderation queue's keyboard shortcuts: j / k move between comments, a approves, s marks
// as spam, d removes, r opens the comment's page at its reply form, ? lists the keys.
// Decisions post to the one-click URLs (the same the buttons use) and the row is updated in
// place; without this script the buttons and actions work as plain forms.
"use strict";
(function () {
  const DECISIONS = { a: "approve", s: "spam", d: "remove" };

  function isTyping(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable], dialog[open]");
  }

  function changePage() {
    // The change page: r's link lands on the reply form, which gets the focus.
    if (location.hash !== "#reply") return;
    const field = document.querySelector(".newsroom-reply textarea");
    // After the load: the browser's own scroll to the #reply target comes first.
    if (field) window.addEventListener("load", () => field.focus({ preventScroll: false }));
  }

  function queue(table) {
    const rows = () => Array.from(table.querySelectorAll("tbody tr"));
    const live = document.getElementById("queue-announce");
    const token = document.querySelector("#changelist-form [name=csrfmiddlewaretoken]");
    const base = location.pathname;
    let current = -1;

    function announce(text) {
      live.textContent = "";
      window.setTimeout(() => { live.textContent = text; }, 50);
    }

    function pkOf(row) {
      const box = row.querySelector("input.action-select");
      return box ? box.value : null;
    }

    function select(index) {
      const list = rows();
      if (!list.length) return;
      current = Math.max(0, Math.min(index, list.length - 1));
      list.forEach((row, i) => row.classList.toggle("queue-current", i === current));
      const row = list[current];
      row.tabIndex = -1;
      row.focus();
    }

    function nextUndecided() {
      // The next row still waiting, below and then from the top; else stay.
      const list = rows();
      const order = [...list.keys()].slice(current + 1).concat([...list.keys()].slice(0, current));
      const next = order.find((i) => !list[i].classList.contains("queue-decided"));
      select(next === undefined ? current : next);
    }

    async function decide(decision) {
      const row = rows()[current];
      const pk = row && pkOf(row);
      if (!pk || !token) return;
      const body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      body.append("queue", location.search.replace(/^\?/, ""));
      try {
        const response = await fetch(`${base}${pk}/${decision}/`, {
          method: "POST", body, credentials: "same-origin",
          headers: { Accept: "application/json", "X-CSRFToken": token.value },
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        row.classList.add("queue-decided", `queue-${answer.status}`);
        row.dataset.status = answer.status;
        const buttons = row.querySelector(".field-decide_buttons");
        if (buttons) buttons.textContent = answer.message;
        announce(answer.message);
        nextUndecided();
      } catch (error) {
        announce(document.getElementById("queue-keys-failed").innerHTML.trim());
      }
    }

    function help() {
      let dialog = document.querySelector(".queue-keys-dialog");
      if (!dialog) {
        const template = document.getElementById("queue-keys-help");
        document.body.append(template.content.cloneNode(true));
        dialog = document.querySelector(".queue-keys-dialog");
        // Back to the chosen row, if any (choosing one here would make the next j skip a row).
        dialog.addEventListener("close", () => { if (current >= 0) select(current); });
      }
      dialog.showModal();
    }

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key;
      if (key === "j") select(current + 1);
      else if (key === "k") select(current - 1);
      else if (key === "?") help();
      else if (key in DECISIONS && current >= 0) decide(DECISIONS[key]);
      else if (key === "r" && current >= 0) {
        const pk = pkOf(rows()[current]);
        if (pk) location.assign(`${base}${pk}/change/#reply`);
      } else return;
      event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const table = document.getElementById("result_list");
    if (table && document.getElementById("queue-announce")) queue(table);
    else changePage();
  });
})();
