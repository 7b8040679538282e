// After a dataset check or a comparison: each checklist answer the result suggests, offered on
// its own line in words (Python words them: checker/web/evidence.py). "Use" saves it; an answer
// the reader already gave is replaced only with "Replace", and "Keep" leaves it. Nothing is
// saved without a press, and nothing leaves the browser.

import { saveAnswer, savedAnswers } from "./answers-store.js";
import { button, el } from "./dom.js";
import { call } from "./worker-client.js";

function line(version, item) {
  const done = el("span", {
    className: "ftr-evidence__done",
    "data-ftr-evidence-done": "",
    tabindex: "-1",
  });
  const choices = el("span", { className: "ftr-evidence__choices" });
  const row = el(
    "li",
    { "data-ftr-evidence-item": item.id, "data-state": item.state },
    el("span", { className: "ftr-evidence__question", text: item.question }),
    " ",
    choices,
    done,
  );
  const finish = (text) => {
    choices.remove();
    done.textContent = text;
    done.focus();
  };
  const save = () => {
    saveAnswer(version, item.id, item.answer);
    finish(item.used);
  };
  if (item.state === "new") {
    const use = button("Use", "data-ftr-evidence-use", true);
    use.addEventListener("click", save);
    choices.append(use);
  } else if (item.state === "different") {
    const replace = button("Replace", "data-ftr-evidence-replace", true);
    const keep = button("Keep", "data-ftr-evidence-keep");
    replace.addEventListener("click", save);
    keep.addEventListener("click", () => finish(item.kept));
    choices.append(replace, " ", keep);
  }
  return row;
}

// The latest offer per container: a reply that arrives after the report changed is dropped.
const offers = new WeakMap();

export function clearEvidence(container) {
  offers.set(container, (offers.get(container) ?? 0) + 1);
  container.replaceChildren();
  container.hidden = true;
}

// Fills `container` with the lines for `result` (a tool's to_dict()), `tool` "dataset" or
// "compare". The reader's saved answers are read now, so each line says what it would change.
export async function offerEvidence(container, tool, result) {
  clearEvidence(container);
  const mine = offers.get(container);
  try {
    const reply = await call(
      "checklist_evidence",
      tool,
      JSON.stringify(result),
      JSON.stringify(savedAnswers()),
    );
    if (mine !== offers.get(container) || !reply.items.length) return;
    container.replaceChildren(
      el("h3", { text: reply.heading }),
      el(
        "ul",
        { className: "ftr-evidence__items" },
        reply.items.map((item) => line(reply.version, item)),
      ),
      el(
        "p",
        {},
        el("a", { href: "../checklist/", text: "Open the checklist to see every answer." }),
      ),
    );
  } catch (error) {
    if (mine !== offers.get(container)) return;
    container.replaceChildren(
      el("p", { text: `The checklist answers could not be offered: ${error.message}` }),
    );
  }
  container.hidden = false;
}
