// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons (a citation, a statement's link): shown only when the clipboard can be used.
  // data-copy names the element whose text is copied; data-copy-text is the text itself.
  var copyStatus = null;  // one live region tells screen readers what was copied
  document.querySelectorAll(".copy-button").forEach(function (button) {
    var source = button.dataset.copy ? document.querySelector(button.dataset.copy) : null;
    var text = button.dataset.copyText || (source && (source.value || source.textContent.trim()));
    if (!text || !navigator.clipboard) return;
    if (!copyStatus) {
      copyStatus = document.createElement("p");
      copyStatus.className = "visually-hidden";
      copyStatus.setAttribute("role", "status");
      document.body.appendChild(copyStatus);
    }
    var label = button.innerHTML;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.copied || "Copied";
        copyStatus.textContent = button.textContent;
        setTimeout(function () { button.innerHTML = label; copyStatus.textContent = ""; }, 2000);
      });
    });
  });

  // The Refine panel starts closed (a phone shows the results below its summary);
  // where it has a column of its own, it is opened. The width matches site.css.
  var narrow = window.matchMedia("(max-width: 60rem)");
  function fitRefine() {
    document.querySelectorAll("details.refine").forEach(function (panel) {
      panel.open = !narrow.matches;
    });
  }
  fitRefine();
  narrow.addEventListener("change", fitRefine);

  // Highlight a statement's span in the original text without reloading the page.
  var original = document.getElementById("original");
  if (!original) return;

  function highlight(anchor, scrollPage) {
    var span = document.getElementById("original-" + anchor);
    if (!span) return false;
    original.querySelectorAll(".is-selected, mark.original-span").forEach(function (el) {
      el.classList.remove("is-selected");
    });
    document.querySelectorAll(".statement.is-selected").forEach(function (el) {
      el.classList.remove("is-selected");
    });
    span.classList.add("is-selected");
    var statement = document.getElementById(anchor);
    if (statement) statement.classList.add("is-selected");
    original.scrollTop = Math.max(0, span.offsetTop - 48);
    if (scrollPage && getComputedStyle(original.parentNode).position !== "sticky") {
      span.scrollIntoView({ block: "center" });
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.show-original");
    if (!link || !highlight(link.dataset.statement, true)) return;
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("s", link.dataset.statement.replace(/^s/, ""));
    url.hash = link.dataset.statement;
    history.replaceState(null, "", url);
  });

  function fromHash() {
    var anchor = window.location.hash.replace(/^#(original-)?/, "");
    if (/^s\d+$/.test(anchor)) highlight(anchor, false);
  }
  window.addEventListener("hashchange", fromHash);
  var marked = original.querySelector("mark.original-span");
  if (marked) original.scrollTop = Math.max(0, marked.offsetTop - 48);
  fromHash();
})();
