/* The reading site's only script: small enhancements; every page works without it. */
(function () {
  "use strict";

  // "Copy link" buttons are hidden until the clipboard can be used.
  function setUpCopyLinks() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
          var original = button.textContent;
          button.textContent = button.getAttribute("data-copied-text");
          window.setTimeout(function () { button.textContent = original; }, 2000);
        });
      });
    });
  }

  // The language menu closes with Escape (focus back on its toggle) and on a click outside.
  function setUpLanguageMenu() {
    document.querySelectorAll("details.language-switcher").forEach(function (menu) {
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (menu.open && !menu.contains(event.target)) { menu.open = false; }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyLinks();
    setUpLanguageMenu();
  });
}());
