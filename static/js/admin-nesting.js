/* Nested inlines (editorial/nesting.py): an issue's articles, each with its viewpoints.

   inlines.js starts every formset by the selector "#<prefix>-group .inline-related", which
   for the articles would take the viewpoints inside them for articles too. The articles'
   formset ("nested-stacked") is started here with its own rows only; the viewpoints of a
   new article wait in its template ("nested-template") and are started when the article is
   added, with the article's number in their prefix; a saved article's viewpoints are
   loaded when the editor asks ("Edit the 7 viewpoints here"). */
(function ($) {
  "use strict";
  if (!$ || !$.fn.stackedFormset) return;

  function startOuter(group) {
    const { options } = JSON.parse(group.dataset.inlineFormset);
    const rows = "#" + group.id + " > fieldset > .inline-related";
    $(rows).stackedFormset(rows, options);
    // A nested template's autocompletes must stay plain <select>s until a row is made of
    // them (admin/js/autocomplete.js would turn them into widgets when the article is added).
    group.querySelectorAll(".empty-form .js-inline-admin-formset .admin-autocomplete").forEach(hold);
    group.addEventListener("formset:added", (event) => {
      if (event.detail?.formsetName === options.prefix) startNested(event.target, options.prefix);
    });
  }

  function hold(select) {
    select.classList.remove("admin-autocomplete");
    select.dataset.autocompleteLater = "true";
  }

  function startNested(row, outerPrefix) {
    const index = row.id.slice(outerPrefix.length + 1);
    row.querySelectorAll(".js-inline-admin-formset[data-inline-type='nested-template']").forEach((group) => {
      const data = group.dataset.inlineFormset.split(outerPrefix + "-__prefix__").join(outerPrefix + "-" + index);
      group.dataset.inlineFormset = data;
      group.dataset.inlineType = "stacked";
      const { name, options } = JSON.parse(data);
      const rows = name + "-group .inline-related";
      $(rows).stackedFormset(rows, options);
      group.addEventListener("formset:added", (event) => {
        event.target.querySelectorAll("[data-autocomplete-later]").forEach((select) => select.classList.add("admin-autocomplete"));
      });
    });
    window.editorialOrdering?.start(row);
  }

  // A saved article's viewpoints come when asked: the page stays light with many of them.
  async function load(button) {
    const summary = button.closest("[data-nested-url]");
    button.disabled = true;
    const response = await fetch(summary.dataset.nestedUrl, { credentials: "same-origin" });
    if (!response.ok) {
      button.disabled = false;
      return;
    }
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const group = template.content.firstElementChild;
    summary.replaceWith(group);
    const { name, options } = JSON.parse(group.dataset.inlineFormset);
    const rows = name + "-group .inline-related";
    $(rows).stackedFormset(rows, options);
    $(group).find(".admin-autocomplete").not("[name*=__prefix__]").djangoAdminSelect2();
    window.editorialOrdering?.start(group.parentElement);
    window.editorialForm?.loaded(group);
    group.querySelector("input:not([type=hidden]), textarea, select")?.focus();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".nested-load");
    if (button) load(button);
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".js-inline-admin-formset[data-inline-type='nested-stacked']").forEach(startOuter);
  });
})(window.django?.jQuery);
