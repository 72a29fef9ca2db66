/* The page-wide language switch of the change forms: every field's language tabs at once.

   django-modeltranslation puts an unlabelled select ("ZH-HANS") beside the page title and
   opens the interface language's tabs after each save. This replaces it with labelled
   buttons (简体中文 · Simplified Chinese, English, …) and remembers the choice for the
   next page and the next save (localStorage), so a translator stays in English. */
(function () {
  "use strict";

  const KEY = "editorial-content-language";
  const strings = JSON.parse(document.getElementById("editorial-strings")?.textContent || "{}");

  function start() {
    const select = document.getElementById("modeltranslation-main-switch");
    if (!select) return false;
    if (select.dataset.replaced) return true;
    select.dataset.replaced = "true";
    select.hidden = true;
    const codes = Array.from(select.options).map((option) => option.textContent.trim().toLowerCase());
    const group = document.createElement("div");
    group.className = "language-switch";
    group.setAttribute("role", "group");
    const label = document.createElement("span");
    label.className = "language-switch__label";
    label.id = "language-switch-label";
    label.textContent = strings["Languages of the fields:"] || "Languages of the fields:";
    group.setAttribute("aria-labelledby", label.id);
    const list = document.createElement("ul");
    const buttons = codes.map((code, index) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.lang = code;
      button.textContent = strings.languages?.[code] || code;
      button.addEventListener("click", () => choose(index, true));
      item.append(button);
      list.append(item);
      return button;
    });
    group.append(label, list);
    // The page shows the languages the issue is written in; the others are
    // translated side by side.
    const translate = document.querySelector(".object-tools a[href$='/translate/']");
    if (translate) {
      const more = document.createElement("a");
      more.href = translate.href;
      more.className = "language-switch__more";
      more.textContent = strings["Other languages: translate side by side"] || translate.textContent;
      group.append(more);
    }
    // Below the page's buttons (the admin floats them up beside the title).
    const tools = document.querySelector("#content-main > .object-tools");
    if (tools) tools.after(group);
    else document.querySelector("#content > h1, #content h1")?.after(group);

    function choose(index, remember) {
      select.value = String(index);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      buttons.forEach((button, i) => button.setAttribute("aria-pressed", String(i === index)));
      if (remember) localStorage.setItem(KEY, codes[index]);
    }

    // A tab opened by hand moves the switch too (modeltranslation sets the select's value).
    select.addEventListener("change", () =>
      buttons.forEach((button, i) => button.setAttribute("aria-pressed", String(String(i) === select.value))),
    );
    const remembered = codes.indexOf(localStorage.getItem(KEY));
    if (remembered >= 0) {
      choose(remembered, false);
    } else {
      // Nothing chosen yet: the tabs modeltranslation opened (the interface language's).
      const active = document.querySelector(".ui-tabs-nav li.ui-tabs-active");
      const index = active ? Array.from(active.parentElement.children).indexOf(active) : 0;
      buttons.forEach((button, i) => button.setAttribute("aria-pressed", String(i === index)));
      select.value = String(index);
    }
    return true;
  }

  // modeltranslation builds its select (after its tabs) when jQuery is ready: wait for it.
  function whenReady() {
    if (start()) return;
    const observer = new MutationObserver(() => start() && observer.disconnect());
    observer.observe(document.getElementById("content") || document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenReady);
  else whenReady();
})();
