/* The admin's autocomplete widget (select2) leaves its search box without a name and puts
   its "clear" cross inside a list. Name the box after the field's label, and hide the
   cross from assistive technology (the keyboard clears with Backspace). Loaded by the
   history-keeping admins (meetings/admin_history.py), on change and version pages. */
(function () {
  "use strict";

  function fix() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      var name = label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
      container.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
        box.setAttribute("aria-label", name);
      });
      container.querySelectorAll(".select2-selection__clear:not([aria-hidden])").forEach(function (cross) {
        cross.setAttribute("aria-hidden", "true");
      });
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        fix();
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", fix);
  window.addEventListener("load", fix);
})();
