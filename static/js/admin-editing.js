/* The editors' change forms: no typing lost, errors found.

   - Leaving the page (a link, the sidebar, closing the tab) with changes not saved asks
     first (the browser's own "Leave site?" question); saving, or any button of the form,
     does not. A change undone is no change.
   - The error summary at the top (editorial/error_summary.py) links each error to its
     field: the link opens the field's language tab and puts the cursor in it. */
(function () {
  "use strict";

  const form = document.querySelector("#content-main form[method='post'][id$='_form']");
  if (!form) return;

  function state() {
    const values = [];
    for (const [name, value] of new FormData(form)) {
      if (name === "csrfmiddlewaretoken") continue;
      values.push(name + "=" + (value instanceof File ? value.name + ":" + value.size : value));
    }
    return values.sort().join("&");
  }

  let loaded = null;
  let touched = false;
  let submitting = false;
  // Widgets (the rich-text editor, language tabs, autocompletes) set themselves up after the
  // page has loaded; what they write then is not the editor's change.
  window.addEventListener("load", () => setTimeout(() => (loaded = state()), 300));
  for (const type of ["input", "change"]) {
    form.addEventListener(type, () => (touched = true), true);
  }
  document.addEventListener("formset:added", () => (touched = true));
  document.addEventListener("formset:removed", () => (touched = true));
  form.addEventListener("submit", () => (submitting = true));

  window.editorialForm = {
    hasUnsavedChanges: () => touched && loaded !== null && state() !== loaded,
    // Fields added to the page as they are stored (viewpoints loaded on demand): no change.
    loaded: () => {
      if (!touched && loaded !== null) loaded = state();
    },
    // A page that saves by itself (a merge of concurrent edits) calls this first.
    allowLeaving: () => (submitting = true),
  };

  window.addEventListener("beforeunload", (event) => {
    if (submitting || !window.editorialForm.hasUnsavedChanges()) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it to ask
  });

  function reveal(field) {
    // A field in a language tab that is not open: open its tab first.
    let panel = field.closest("[id^='tab_']");
    while (panel) {
      document.querySelector("a[href='#" + panel.id + "']")?.click();
      panel = panel.parentElement.closest("[id^='tab_']");
    }
    // A closed <details> (a collapsed fieldset) around it.
    for (let details = field.closest("details"); details; details = details.parentElement.closest("details")) {
      details.open = true;
    }
  }

  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-field]");
      if (!link) return;
      const field = document.getElementById(link.dataset.field);
      if (!field) return;
      event.preventDefault();
      reveal(field);
      const row = field.closest(".form-row, td, .fieldBox") || field;
      row.scrollIntoView({ block: "center" });
      // An autocomplete hides its <select> behind its own box.
      const target = field.matches("select.admin-autocomplete")
        ? field.parentElement.querySelector(".select2-selection") || field
        : field;
      target.focus({ preventScroll: true });
      history.replaceState(null, "", "#" + field.id);
    });
  }
})();
