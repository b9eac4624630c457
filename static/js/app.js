// Progressive enhancement only: every page works without JavaScript.
(function () {
  "use strict";
  // Keep a local copy of long texts while typing, so a crash or a closed tab loses nothing.
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var key = "brouillon:" + form.getAttribute("data-autosave");
    var area = form.querySelector("textarea");
    if (!area || !window.localStorage) return;
    var saved = localStorage.getItem(key);
    if (saved && !area.value.trim()) {
      area.value = saved;
      var note = document.createElement("p");
      note.className = "help";
      note.textContent = "Brouillon restauré depuis cet appareil.";
      area.insertAdjacentElement("afterend", note);
    }
    area.addEventListener("input", function () { localStorage.setItem(key, area.value); });
    form.addEventListener("submit", function () { localStorage.removeItem(key); });
  });
  // Relative times ("il y a 3 heures") stay as rendered; nothing else to do here yet.
})();

// Check as you type: fields marked data-privacy-check are sent to the detector after a
// pause; what would cause a hold is highlighted with its reason, and "Anonymiser" applies
// the proposed replacements. Without JavaScript the same check happens on submit.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var endpoint = document.querySelector('meta[name="privacy-check-url"]');
  if (!meta || !endpoint || !window.fetch) return;

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function highlighted(text, findings) {
    var out = "", pos = 0;
    findings.forEach(function (f) {
      out += escapeHtml(text.slice(pos, f.start));
      out += '<mark title="' + escapeHtml(f.reason) + '">' + escapeHtml(text.slice(f.start, f.end)) + "</mark>";
      pos = f.end;
    });
    return out + escapeHtml(text.slice(pos));
  }

  document.querySelectorAll("[data-privacy-check]").forEach(function (field) {
    var panel = document.createElement("div");
    panel.className = "privacy-panel";
    panel.setAttribute("aria-live", "polite");
    panel.hidden = true;
    field.insertAdjacentElement("afterend", panel);
    var timer = null, lastSent = null;

    function render(data, text) {
      if (!data.hold) { panel.hidden = true; panel.innerHTML = ""; return; }
      var reasons = {};
      data.findings.forEach(function (f) { reasons[f.reason] = true; });
      panel.innerHTML =
        '<p class="privacy-title"><strong>Ce texte serait retenu avant publication</strong> : il pourrait permettre de reconnaître un patient.</p>' +
        '<ul class="privacy-findings">' + data.findings.map(function (f) {
          return "<li><mark>" + escapeHtml(f.fragment) + "</mark> — " + escapeHtml(f.reason) +
            " → <em>" + escapeHtml(f.replacement) + "</em></li>";
        }).join("") + "</ul>" +
        '<div class="privacy-preview">' + highlighted(text, data.findings).replace(/\n/g, "<br>") + "</div>" +
        '<button type="button" class="button small privacy-anonymise">Anonymiser</button>';
      panel.hidden = false;
      panel.querySelector(".privacy-anonymise").addEventListener("click", function () {
        field.value = data.redacted;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        check();
        field.focus();
      });
    }

    function check() {
      var text = field.value;
      if (text === lastSent) return;
      lastSent = text;
      if (!text.trim()) { panel.hidden = true; return; }
      fetch(endpoint.content, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": meta.content },
        body: JSON.stringify({ text: text }),
        credentials: "same-origin"
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && field.value === text) render(data, text); })
        .catch(function () { /* the server checks again on submit */ });
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(check, 600);
    });
    if (field.value.trim()) check();
  });
})();

// Board: suggested NGAP tags become buttons that add the tag to the tags field.
(function () {
  "use strict";
  document.querySelectorAll(".suggested-tags[data-tag-field]").forEach(function (box) {
    var input = document.getElementById(box.getAttribute("data-tag-field"));
    var list = box.querySelector(".suggested-list");
    if (!input || !list) return;
    var current = function () {
      return input.value.split(",").map(function (t) { return t.trim(); })
        .filter(function (t) { return t.length > 0; });
    };
    list.textContent = "";
    box.getAttribute("data-tags").split(",").forEach(function (tag) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tag;
      button.setAttribute("aria-label", "Ajouter le tag " + tag);
      button.addEventListener("click", function () {
        var tags = current();
        var present = tags.some(function (t) { return t.toUpperCase() === tag.toUpperCase(); });
        if (!present) tags.push(tag);
        input.value = tags.join(", ");
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.focus();
      });
      list.appendChild(button);
      list.appendChild(document.createTextNode(" "));
    });
  });
})();

// Moderators: the queue count in the navigation bar refreshes every 30 seconds.
(function () {
  "use strict";
  var link = document.querySelector("[data-review-count-url]");
  var badge = link && link.querySelector("[data-review-count]");
  if (!badge || !window.fetch) return;
  function refresh() {
    if (document.hidden) return;
    fetch(link.getAttribute("data-review-count-url"), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && typeof data.pending === "number") badge.textContent = String(data.pending);
      })
      .catch(function () { /* keep the last known count */ });
  }
  setInterval(refresh, 30000);
  document.addEventListener("visibilitychange", refresh);
})();
