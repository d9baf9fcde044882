// Suggestions as a name or subject is typed, under every box with data-suggest-url.
// An ARIA 1.2 combobox: arrow keys move through the list, Enter opens the page of the
// person or subject chosen, Escape closes the list. Progressive enhancement only: without
// this file each box is a plain form field, and the search page names people itself.
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 150;
  var counter = 0;

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describe(item, kind) {
    if (kind === "subject") return "subject · " + plural(item.meetings, "meeting", "meetings");
    var parts = ["person"];
    if (item.country) parts.push(item.country);
    parts.push(plural(item.statements, "statement", "statements"));
    return parts.join(" · ");
  }

  function Combobox(input) {
    counter += 1;
    this.input = input;
    this.url = input.dataset.suggestUrl;
    this.kinds = (input.dataset.suggest || "people subjects").split(" ");
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.request = null;

    var wrap = document.createElement("div");
    wrap.className = "suggest-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);

    this.list = document.createElement("ul");
    this.list.id = "suggest-list-" + counter;
    this.list.className = "suggest-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", "Suggestions");
    this.list.hidden = true;
    wrap.appendChild(this.list);

    this.status = document.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    wrap.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKey.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    // mousedown, not click: the choice is made before the box loses the focus.
    this.list.addEventListener("mousedown", this.onPick.bind(this));
  }

  Combobox.prototype.onInput = function () {
    var self = this;
    clearTimeout(this.timer);
    var text = this.input.value.trim();
    if (text.length < MIN_LENGTH) {
      this.close();
      return;
    }
    this.timer = setTimeout(function () { self.fetch(text); }, DELAY_MS);
  };

  Combobox.prototype.fetch = function (text) {
    var self = this;
    if (this.request) this.request.abort();
    this.request = new AbortController();
    fetch(this.url + "?q=" + encodeURIComponent(text), {
      signal: this.request.signal,
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && self.input.value.trim() === text) self.show(data);
      })
      .catch(function () { /* aborted or offline: the form still works */ });
  };

  Combobox.prototype.show = function (data) {
    var self = this;
    this.items = [];
    this.kinds.forEach(function (kind) {
      var key = kind === "subject" || kind === "subjects" ? "subjects" : "people";
      (data[key] || []).forEach(function (item) {
        self.items.push({ item: item, kind: key === "people" ? "person" : "subject" });
      });
    });
    this.list.textContent = "";
    this.items.forEach(function (entry, index) {
      var option = document.createElement("li");
      option.id = self.list.id + "-" + index;
      option.className = "suggest-option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var name = document.createElement("span");
      name.className = "suggest-name";
      name.textContent = entry.item.name;
      var about = document.createElement("span");
      about.className = "suggest-about";
      about.textContent = describe(entry.item, entry.kind);
      option.appendChild(name);
      option.appendChild(about);
      self.list.appendChild(option);
    });
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var open = this.items.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    this.status.textContent = open
      ? plural(this.items.length, "suggestion", "suggestions") + "; use the arrow keys to choose"
      : "No suggestions";
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Combobox.prototype.move = function (step) {
    if (!this.items.length) return;
    if (this.list.hidden) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
    var options = this.list.children;
    if (this.active >= 0) {
      options[this.active].setAttribute("aria-selected", "false");
      options[this.active].classList.remove("is-active");
    }
    // Positions run from -1 (the box itself) to the last option, and wrap around.
    var count = options.length;
    this.active = ((this.active + 1 + step + count + 1) % (count + 1)) - 1;
    if (this.active < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    option.classList.add("is-active");
    option.scrollIntoView({ block: "nearest" });
    this.input.setAttribute("aria-activedescendant", option.id);
  };

  Combobox.prototype.choose = function (index) {
    var entry = this.items[index];
    if (!entry) return;
    this.input.value = entry.item.name;
    this.close();
    window.location.href = entry.item.url;
  };

  Combobox.prototype.onKey = function (event) {
    if (event.key === "ArrowDown" || event.key === "Down") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter" && !this.list.hidden && this.active >= 0) {
      event.preventDefault();
      this.choose(this.active);
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (!this.list.hidden) event.preventDefault();
      this.close();
    }
  };

  Combobox.prototype.onPick = function (event) {
    var option = event.target.closest(".suggest-option");
    if (!option) return;
    event.preventDefault();
    this.choose(Array.prototype.indexOf.call(this.list.children, option));
  };

  if (!window.fetch || !window.AbortController) return;
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    new Combobox(input);
  });
})();
