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
