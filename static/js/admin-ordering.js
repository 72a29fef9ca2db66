/* Ordered inline rows in the editors' admin (articles, viewpoints, images, organizer roles).

   Each row of an inline formset with a "position" field gets a drag handle and "move up" /
   "move down" buttons; the handle also moves its row with the arrow keys. Moving a row
   writes the positions 1, 2, 3… in the order shown, and a new row takes the next position,
   so what the editor sees is what is saved. Works with Django's inlines.js, nested
   formsets included, and loads as a file (the admin's Content-Security-Policy forbids
   inline scripts). Texts come from the page (#editorial-strings). */
(function () {
  "use strict";

  const strings = JSON.parse(document.getElementById("editorial-strings")?.textContent || "{}");
  const text = (key, values) =>
    (strings[key] || key).replace(/%\((\w+)\)s/g, (match, name) => values?.[name] ?? match);

  let live;
  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "visually-hidden";
      live.setAttribute("aria-live", "polite");
      document.body.append(live);
    }
    live.textContent = message;
  }

  class OrderedFormset {
    constructor(group, prefix) {
      this.group = group;
      this.prefix = prefix;
      this.rowId = new RegExp("^" + prefix + "-(\\d+)$");
      this.tabular = group.dataset.inlineType === "tabular";
      this.rows().forEach((row) => this.enhance(row));
      group.addEventListener("formset:added", (event) => {
        if (event.detail?.formsetName !== this.prefix) return;
        const row = event.target;
        const taken = this.rows()
          .filter((other) => other !== row)
          .map((other) => Number(this.positionInput(other).value) || 0);
        this.positionInput(row).value = Math.max(0, ...taken) + 1;
        this.enhance(row);
      });
      // inlines.js renumbers the rows in the order they stand in the page when a new row
      // is removed: put them back in the order of their numbers first, so that a saved
      // row keeps its number, then show them by position again.
      group.addEventListener(
        "click",
        (event) => {
          const link = event.target.closest(".inline-deletelink");
          if (link && this.owns(link.closest(".inline-related, tr"))) this.sortBy((row) => this.index(row));
        },
        true,
      );
      document.addEventListener("formset:removed", (event) => {
        if (event.detail?.formsetName === this.prefix) {
          this.sortBy((row) => Number(this.positionInput(row).value) || 0);
        }
      });
    }

    owns(row) {
      return Boolean(row && this.rowId.test(row.id));
    }

    rows() {
      return Array.from(this.group.querySelectorAll("[id^='" + this.prefix + "-']")).filter((row) =>
        this.owns(row),
      );
    }

    index(row) {
      return Number(this.rowId.exec(row.id)[1]);
    }

    positionInput(row) {
      return row.querySelector("[name='" + row.id + "-position']");
    }

    label(row) {
      const heading = row.querySelector(":scope > h3 .inline_label");
      return heading ? heading.textContent.trim() : text("Row %(number)s", { number: this.rows().indexOf(row) + 1 });
    }

    button(className, label, symbol) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "order-button " + className;
      button.setAttribute("aria-label", label);
      button.title = label;
      button.textContent = symbol;
      return button;
    }

    enhance(row) {
      const input = this.positionInput(row);
      if (!input || row.querySelector(":scope .order-controls[data-for='" + row.id + "']")) return;
      const controls = document.createElement("span");
      controls.className = "order-controls";
      controls.dataset.for = row.id;
      // Not a <button>: Chromium starts no drag from a form control.
      const handle = document.createElement("span");
      handle.className = "order-button order-handle";
      handle.setAttribute("role", "button");
      handle.tabIndex = 0;
      handle.setAttribute("aria-label", text("Drag to reorder, or use the arrow keys"));
      handle.title = handle.getAttribute("aria-label");
      handle.textContent = "⠿";
      handle.draggable = true;
      const up = this.button("order-up", text("Move up"), "↑");
      const down = this.button("order-down", text("Move down"), "↓");
      controls.append(handle, up, down);
      // The position is kept up to date here; the editor orders the rows instead.
      input.type = "hidden";
      if (this.tabular) {
        input.closest("td").append(controls);
      } else {
        row.querySelector(":scope > h3").prepend(controls);
        input.closest(".form-row")?.classList.add("order-position");
      }
      up.addEventListener("click", () => this.move(row, -1, up));
      down.addEventListener("click", () => this.move(row, 1, down));
      handle.addEventListener("keydown", (event) => {
        if (event.key === "ArrowUp" || event.key === "ArrowDown") {
          event.preventDefault();
          this.move(row, event.key === "ArrowUp" ? -1 : 1, handle);
        }
      });
      handle.addEventListener("dragstart", (event) => {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
        if (row.offsetHeight < 300) event.dataTransfer.setDragImage(row, 20, 20);
        this.dragged = row;
        row.classList.add("order-dragging");
      });
      handle.addEventListener("dragend", () => this.drop());
      row.addEventListener("dragover", (event) => this.dragOver(event, row));
      row.addEventListener("drop", (event) => {
        if (this.dragged) {
          event.preventDefault();
          event.stopPropagation();
          this.drop();
        }
      });
    }

    dragOver(event, row) {
      if (!this.dragged || row === this.dragged || !this.owns(row)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      row.parentNode.insertBefore(this.dragged, after ? row.nextSibling : row);
    }

    drop() {
      const row = this.dragged;
      if (!row) return;
      this.dragged = null;
      row.classList.remove("order-dragging");
      this.renumber(row);
    }

    move(row, step, focus) {
      const rows = this.rows();
      const target = rows[rows.indexOf(row) + step];
      if (!target) return;
      target.parentNode.insertBefore(row, step < 0 ? target : target.nextSibling);
      focus.focus();
      this.renumber(row);
    }

    sortBy(key) {
      const rows = this.rows();
      if (!rows.length) return;
      const anchor = rows[rows.length - 1].nextSibling;
      const parent = rows[0].parentNode;
      rows.sort((a, b) => key(a) - key(b)).forEach((row) => parent.insertBefore(row, anchor));
    }

    renumber(moved) {
      const rows = this.rows();
      rows.forEach((row, index) => {
        const input = this.positionInput(row);
        if (input.value !== String(index + 1)) {
          input.value = index + 1;
          input.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
      if (moved) {
        announce(
          text("%(row)s moved to position %(position)s of %(count)s.", {
            row: this.label(moved),
            position: rows.indexOf(moved) + 1,
            count: rows.length,
          }),
        );
      }
    }
  }

  function start(root) {
    root.querySelectorAll(".js-inline-admin-formset[data-inline-formset]").forEach((group) => {
      if (group.dataset.ordered) return;
      const prefix = JSON.parse(group.dataset.inlineFormset).options.prefix;
      if (prefix.includes("__prefix__")) return; // the template of a nested row
      const sample = group.querySelector("[name^='" + prefix + "-'][name$='-position']");
      if (!sample) return;
      group.dataset.ordered = "true";
      new OrderedFormset(group, prefix);
    });
  }

  window.editorialOrdering = { start };
  document.addEventListener("DOMContentLoaded", () => start(document));
})();
