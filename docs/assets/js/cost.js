// The cost page: sends the form to checker.web.cost_estimate in the worker and shows what Python
// says (the sentence, the table, the chart). No arithmetic or wording lives here.

import { download, el, rowTable } from "./dom.js";
import { chartSvg } from "./svg.js";
import { call, startWorker } from "./worker-client.js";

// A link from the dataset page may carry figures after the "#", e.g.
// cost/#training-tokens=84326&epochs=3&model=gpt-4.1-mini. Only whole numbers and known options are taken;
// Python checks everything again when the form is sent.
function prefill(form, hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const tokens = params.get("training-tokens");
  if (tokens && /^\d{1,15}$/.test(tokens)) form.elements.training_tokens.value = tokens;
  const epochs = params.get("epochs");
  if (epochs && /^\d{1,3}$/.test(epochs)) form.elements.epochs.value = epochs;
  for (const name of ["model", "provider"]) {
    const value = params.get(name);
    const select = form.elements[name];
    if (value && [...select.options].some((option) => option.value === value)) select.value = value;
  }
}

// `fields` are the names checker.cost.site.cost_form says the request holds.
function request(form, fields) {
  const body = { prices: {} };
  for (const name of fields) body[name] = form.elements[name].value;
  for (const input of form.querySelectorAll("[data-price]"))
    body.prices[input.dataset.price] = input.value;
  return body;
}

// The prices facts.toml states for each provider/model/deployment, and the sentence saying where
// they come from, both written by Python at build time: shown as the fields' placeholders, so an
// empty field means "the stated price" and a typed one overrides it.
function showStatedPrices(form, note, stated) {
  const key = ["provider", "model", "deployment"]
    .map((name) => form.elements[name].value)
    .join("/");
  const entry = stated[key] ?? stated[""];
  for (const input of form.querySelectorAll("[data-price]"))
    input.placeholder = entry.values[input.dataset.price] ?? "";
  note.textContent = entry.note;
}

function drawChart(spec) {
  const root = chartSvg(spec);
  root.classList.add("ftr-chart--wide");
  return root;
}

function render(report, reply) {
  report.replaceChildren(
    el("p", {
      className: "ftr-verdict",
      "data-ftr-cost-verdict": reply.pays_back ? "pays-back" : "never",
      text: reply.headline,
    }),
    drawChart(reply.chart),
    rowTable(reply.rows),
    ...reply.result.notes.map((note) => el("p", { text: `Note: ${note}` })),
  );
  report.hidden = false;
}

export function initCost(doc) {
  const tool = doc.querySelector("[data-ftr-cost]");
  if (!tool) return () => {};
  const form = tool.querySelector("form");
  const status = tool.querySelector("[data-ftr-tool-status]");
  const report = tool.querySelector("[data-ftr-cost-report]");
  const actions = tool.querySelector("[data-ftr-tool-actions]");
  const note = tool.querySelector("[data-ftr-cost-price-note]");
  let last = null;
  prefill(form, window.location.hash);
  const stated = JSON.parse(tool.dataset.ftrCostPrices);
  const fields = JSON.parse(tool.dataset.ftrCostFields);
  showStatedPrices(form, note, stated);
  for (const name of ["provider", "model", "deployment"])
    form.elements[name].addEventListener("change", () => showStatedPrices(form, note, stated));
  startWorker();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Working it out…";
    try {
      const reply = await call("cost_estimate", JSON.stringify(request(form, fields)));
      last = reply;
      render(report, reply);
      actions.hidden = false;
      status.textContent = `Done: ${reply.headline}`;
    } catch (error) {
      report.hidden = true;
      actions.hidden = true;
      status.textContent = `Cannot work out the cost: ${error.message}`;
    }
  });

  actions.addEventListener("click", (event) => {
    const format = event.target.closest("[data-ftr-download]")?.dataset.ftrDownload;
    if (!format || !last) return;
    if (format === "markdown") download("cost.md", last.markdown, "text/markdown");
    else download("cost.json", last.json, "application/json");
  });
  return () => {};
}
