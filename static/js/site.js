// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Copy-citation button: shown only when the clipboard can be used.
  document.querySelectorAll(".copy-citation").forEach(function (button) {
    var source = document.querySelector(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value || source.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy citation"; }, 2000);
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
