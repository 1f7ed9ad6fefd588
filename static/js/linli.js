// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
  // "Add to home screen": offered where the browser supports installing.
  var deferred = null;
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    deferred = event;
    var button = document.getElementById("install-app");
    if (button) button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#install-app") : null;
    if (!button || !deferred) return;
    deferred.prompt();
    deferred.userChoice.finally(function () { deferred = null; button.hidden = true; });
  });
  // Menus are <details>: they open and close without this. With it, opening one closes the
  // others, and a click elsewhere or Escape closes them (focus goes back to the menu's button).
  function menus() { return document.querySelectorAll("details.menu[open]"); }
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details.menu") || !opened.open) return;
    menus().forEach(function (other) { if (other !== opened) other.open = false; });
  }, true);
  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) { if (!menu.contains(event.target)) menu.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus().forEach(function (menu) { menu.open = false; menu.querySelector("summary").focus(); });
  });
})();
