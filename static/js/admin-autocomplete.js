// The admin's autocomplete boxes (Django's select2) leave their combobox and search box
// without a name screen readers (and axe) can use, and put the "clear" cross inside a
// list. Name them after the select they stand for (its aria-label, else its label) and
// move the cross out of the list. Boxes appear after page load (select2 builds them), so
// watch for them. Loaded on every admin page (templates/admin/base_site.html).
(function () {
  "use strict";

  function nameOf(select) {
    var named = select.getAttribute("aria-label");
    if (named) return named;
    if (select.labels && select.labels.length) {
      return select.labels[0].textContent.replace(/:\s*$/, "").trim();
    }
    return select.name;
  }

  function mend(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") return;
    var name = nameOf(select);
    var named = '[role="combobox"], [role="textbox"], .select2-search__field';
    container.querySelectorAll(named).forEach(function (el) {
      if (el.getAttribute("aria-label") === name) return;
      el.removeAttribute("aria-labelledby");
      el.setAttribute("aria-label", name);
    });
    container.querySelectorAll("ul > .select2-selection__clear").forEach(function (cross) {
      cross.parentElement.parentElement.insertBefore(cross, cross.parentElement);
    });
  }

  function mendAll(root) {
    if (root.matches && root.matches("span.select2-container")) mend(root);
    if (root.querySelectorAll) root.querySelectorAll("span.select2-container").forEach(mend);
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var box = change.target.closest && change.target.closest("span.select2-container");
      if (box) mend(box);
      change.addedNodes.forEach(mendAll);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
