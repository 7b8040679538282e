// "Viewing shared answers": a share link opened in a browser that has saved answers of its own.
// The shared answers are shown, but nothing is saved until the reader chooses: Keep mine, Replace
// mine (with an Undo), or Compare. The caller keeps storage untouched while this is open.

import { button, el } from "./dom.js";

function count(number) {
  return `${number} answer${number === 1 ? "" : "s"}`;
}

function shown(value) {
  return value === undefined ? "not answered" : value;
}

// The statements whose answers differ: [{ id, statement, mine, theirs }].
export function differences(mine, theirs, statementOf) {
  const ids = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])];
  return ids
    .filter((id) => mine[id] !== theirs[id])
    .map((id) => ({ id, statement: statementOf(id), mine: mine[id], theirs: theirs[id] }));
}

function compareTable(rows) {
  return el(
    "table",
    { "data-ftr-shared-table": true },
    el("caption", {
      text: `${rows.length} statement${rows.length === 1 ? "" : "s"} answered differently`,
    }),
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col", text: "Statement" }),
        el("th", { scope: "col", text: "Yours (saved)" }),
        el("th", { scope: "col", text: "Shared" }),
      ),
    ),
    el(
      "tbody",
      {},
      rows.map((row) =>
        el(
          "tr",
          { "data-ftr-shared-row": row.id },
          el("th", { scope: "row", text: row.statement }),
          el("td", { text: shown(row.mine) }),
          el("td", { text: shown(row.theirs) }),
        ),
      ),
    ),
  );
}

// before: the node the banner goes in front of (the checklist form). mine and theirs: the saved
// and the shared answers. statementOf(id): a statement's text. keep() and replace() switch the
// page's answers; replace() returns undo(), which puts the saved answers back exactly.
export function showSharedView({ before, mine, theirs, statementOf, keep, replace }) {
  const rows = differences(mine, theirs, statementOf);
  const heading = el("h2", {
    id: "ftr-shared-title",
    className: "ftr-shared__title",
    text: "You are viewing shared answers",
  });
  const text = el("p", {
    "data-ftr-shared-text": true,
    text:
      `The checklist shows the ${count(Object.keys(theirs).length)} from the link you opened. ` +
      `Your own ${count(Object.keys(mine).length)} saved in this browser are unchanged, and ` +
      "changes you make while viewing are not saved until you choose.",
  });
  const keepButton = button("Keep mine", "data-ftr-shared-keep");
  const replaceButton = button("Replace mine", "data-ftr-shared-replace", true);
  const compareButton = button("Compare", "data-ftr-shared-compare");
  compareButton.setAttribute("aria-expanded", "false");
  compareButton.setAttribute("aria-controls", "ftr-shared-compare");
  const comparison = el(
    "div",
    { id: "ftr-shared-compare", hidden: true },
    rows.length
      ? compareTable(rows)
      : el("p", { text: "The shared answers are the same as yours." }),
  );
  const banner = el(
    "section",
    {
      className: "ftr-notice ftr-shared",
      role: "region",
      "aria-labelledby": heading.id,
      "data-ftr-shared": "viewing",
    },
    heading,
    el("div", { role: "alert" }, text),
    el("div", { className: "ftr-actions" }, keepButton, replaceButton, compareButton),
    comparison,
  );
  before.before(banner);

  // After a choice the banner says what happened, in the same place, and takes focus.
  function done(message, extra = null) {
    banner.dataset.ftrShared = "done";
    const line = el("p", { "data-ftr-shared-done": true, tabindex: "-1", text: message });
    banner.replaceChildren(el("div", { role: "status" }, line), extra);
    line.focus();
  }

  compareButton.addEventListener("click", () => {
    const open = comparison.hidden;
    comparison.hidden = !open;
    compareButton.setAttribute("aria-expanded", String(open));
  });
  keepButton.addEventListener("click", () => {
    keep();
    done("Showing your own saved answers again. The shared answers were not saved.");
  });
  replaceButton.addEventListener("click", () => {
    const undo = replace();
    const undoButton = button("Undo", "data-ftr-shared-undo");
    undoButton.addEventListener("click", () => {
      undo();
      done("Your previous answers are back, as they were saved.");
    });
    done(
      "The shared answers are now your saved answers in this browser.",
      el("div", { className: "ftr-actions" }, undoButton),
    );
  });
}
