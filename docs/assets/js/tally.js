// What is known before Python starts (and until its first report): how many statements are
// answered, and which required ones are not, counted from the checklist's own markup
// (hooks/templates/checklist.html marks each statement [data-item], the required ones
// [data-required]). A number the checker refused
// (aria-invalid, set from its reply) does not count, as the checker does not count it either.
import { el } from "./dom.js";

function answered(item) {
  if (item.querySelector("input[type=radio]:checked, [data-ftr-unsure]:checked")) return true;
  const number = item.querySelector("[data-ftr-number]");
  return Boolean(number?.value.trim()) && number.getAttribute("aria-invalid") !== "true";
}

// Shows the tally in the result panel and keeps it current as the reader answers; returns
// {update, stop}: update() after answers are filled in by a script (no input events then).
export function showTally(forms, panel) {
  const box = panel.querySelector("[data-ftr-tally]");
  if (!box) return { update() {}, stop() {} };
  const text = box.querySelector("[data-ftr-tally-text]");
  const missing = box.querySelector("[data-ftr-missing]");
  function update() {
    const items = forms.flatMap((form) => [...form.querySelectorAll("[data-item]")]);
    const open = items.filter((item) => item.hasAttribute("data-required") && !answered(item));
    const done = items.filter(answered).length;
    const required = items.filter((item) => item.hasAttribute("data-required")).length;
    text.textContent =
      `${done} of ${items.length} statements answered; ` +
      (open.length
        ? `${open.length} of ${required} required ${open.length === 1 ? "statement is" : "statements are"} still to answer:`
        : `all ${required} required statements answered.`);
    missing.replaceChildren(
      ...open.map((item) =>
        el(
          "li",
          { "data-ftr-missing-item": item.dataset.item },
          el("a", {
            href: `#${item.id}`,
            text: item.querySelector("[data-ftr-statement]")?.textContent.trim() || item.id,
          }),
        ),
      ),
    );
    missing.hidden = !open.length;
    // Once the checker's report is shown, it says this in Python's words, with steps that link to
    // what is left: counted once, there.
    box.hidden = Boolean(panel.querySelector("[data-ftr-report]:not([hidden])"));
  }
  for (const form of forms) {
    form.addEventListener("change", update);
    form.addEventListener("input", update);
  }
  update();
  return {
    update,
    stop() {
      for (const form of forms) {
        form.removeEventListener("change", update);
        form.removeEventListener("input", update);
      }
    },
  };
}
