// "Reset answers" on a checklist: ask first, saying what will be cleared, then offer to undo.
// On the full checklist it clears every answer; on a question page only that question's. The
// "cleared" notice and its Undo go away once the reader answers again.

import { el } from "./dom.js";

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// answers: the page's live answers object; ids: the items this panel's Reset clears;
// replace(next): make `next` the page's answers (store, fill the forms, score again);
// saving(): false while shared answers are viewed, when storage is left alone.
// The question and its result appear right after `anchor` (the row of action buttons).
export function setUpReset({ anchor, answers, ids, wholeChecklist, replace, saving = () => true }) {
  let box = null;

  function close() {
    box?.remove();
    box = null;
  }

  function show(children, focus) {
    close();
    box = el(
      "div",
      { className: "ftr-notice ftr-reset", role: "group", "aria-label": "Reset answers" },
      ...children,
    );
    anchor.after(box);
    focus?.focus();
  }

  function ask() {
    const mine = ids.filter((id) => Object.hasOwn(answers, id));
    if (!mine.length) {
      show([
        el("p", {
          text: wholeChecklist
            ? "There are no answers to clear."
            : "You have not answered this question yet: there is nothing to clear.",
        }),
      ]);
      return;
    }
    const others = Object.keys(answers).length - mine.length;
    const what = wholeChecklist
      ? `Clear all ${plural(mine.length, "answer")}? ` +
        (saving()
          ? "They are removed from this page and from this browser's storage."
          : "They are removed from this page; your saved answers stay as they are.")
      : `Clear your ${plural(mine.length, "answer")} to this question?` +
        (others ? ` Your ${plural(others, "answer")} to other questions stay.` : "");
    const keep = el("button", {
      type: "button",
      className: "md-button",
      "data-ftr-reset-keep": true,
      text: "Keep my answers",
    });
    const clear = el("button", {
      type: "button",
      className: "md-button md-button--primary",
      "data-ftr-reset-confirm": true,
      text: `Clear ${plural(mine.length, "answer")}`,
    });
    keep.addEventListener("click", close);
    clear.addEventListener("click", () => confirm(mine));
    show([el("p", { text: what }), el("div", { className: "ftr-actions" }, clear, keep)], keep);
  }

  function confirm(mine) {
    const before = { ...answers };
    const next = { ...answers };
    for (const id of mine) delete next[id];
    replace(next);
    const undo = el("button", {
      type: "button",
      className: "md-button",
      "data-ftr-reset-undo": true,
      text: "Undo",
    });
    undo.addEventListener("click", () => {
      replace(before);
      close();
    });
    show(
      [
        el("p", {
          "data-ftr-reset-done": true,
          text: `Your ${plural(mine.length, "answer")} ${mine.length === 1 ? "was" : "were"} cleared.`,
        }),
        el("div", { className: "ftr-actions" }, undo),
      ],
      undo,
    );
  }

  return { ask, answered: close };
}
