/* The reading site's only script: small enhancements; every page works without it. */
(function () {
  "use strict";

  // Copy buttons (a page's link, a citation) are hidden until the clipboard can be used.
  // data-copy-link: the text to copy; data-copy-target: the id of the element to copy.
  function setUpCopyButtons() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("[data-copy-link], [data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var target = button.getAttribute("data-copy-target");
        var text = target
          ? document.getElementById(target).textContent.trim()
          : button.getAttribute("data-copy-link");
        navigator.clipboard.writeText(text).then(function () {
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

  // The language links of a page whose address holds the reader's own words (a search)
  // leave them out, so that a page never repeats them; they are added back on the way.
  function setUpLanguageLinksKeepingTheQuery() {
    document.querySelectorAll("a[data-keep-query]").forEach(function (link) {
      link.addEventListener("click", function () {
        if (window.location.search) {
          link.href = link.href.split("?")[0] + window.location.search;
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyButtons();
    setUpLanguageMenu();
    setUpLanguageLinksKeepingTheQuery();
  });
}());
