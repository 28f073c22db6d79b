// The admin's autocomplete fields are select2 controls, which select2 builds without an
// accessible name. Each takes the name of the <select> it stands for (its aria-label, else
// its <label>), and the list select2 uses for chosen items is marked as layout only.
"use strict";
(function () {
  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    return label ? label.textContent.replace(/[:*\s]+$/, "").trim() : "";
  }

  function name(container) {
    const select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;  // the open drop-down, not the field
    const label = nameOf(select);
    if (!label) return;
    for (const control of container.querySelectorAll(
      '[role="combobox"], [role="textbox"], .select2-search__field'
    )) {
      if (control.getAttribute("aria-label") !== label) control.setAttribute("aria-label", label);
    }
    for (const list of container.querySelectorAll("ul.select2-selection__rendered")) {
      for (const part of [list, ...list.children]) {
        if (part.getAttribute("role") !== "none") part.setAttribute("role", "none");
      }
    }
  }

  function nameAll() {
    document.querySelectorAll(".select2-container").forEach(name);
  }

  // select2 builds its controls after the page loads, and again for each inline row added.
  new MutationObserver(nameAll).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameAll);
})();
