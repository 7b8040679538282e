// The cost page: sends the form to checker.web.cost_estimate in the worker and shows what Python
// says (the sentence, the table, the prices used, the notes, the chart). The fields, their ranges
// and the choices are written by Python at build time; no arithmetic or wording lives here.

import { download, el, rowTable } from "./dom.js";
import { chartSvg } from "./svg.js";
import { call, startWorker } from "./worker-client.js";

// Choose `value` among the options of the selected provider, if it is one of them.
function choose(select, value, provider) {
  const option = [...select.options].find(
    (item) =>
      item.value === value &&
      (!item.parentElement.dataset.provider || item.parentElement.dataset.provider === provider),
  );
  if (option) option.selected = true;
  return Boolean(option);
}

// A link from the dataset page may carry figures after the "#", e.g.
// cost/#training-tokens=84326&epochs=3&model=gpt-4.1-mini. Only whole numbers and known options are taken;
// Python checks everything again when the form is sent.
function prefill(form, hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const tokens = params.get("training-tokens");
  if (tokens && /^\d{1,15}$/.test(tokens)) form.elements.training_tokens.value = tokens;
  const epochs = params.get("epochs");
  if (epochs && /^\d{1,3}$/.test(epochs)) form.elements.epochs.value = epochs;
  const provider = params.get("provider");
  if (provider) choose(form.elements.provider, provider);
  const model = params.get("model");
  if (model) choose(form.elements.model, model, form.elements.provider.value);
}

// Every named field of the form, as text; the prices by their data-price key.
function request(form) {
  const body = { prices: {} };
  for (const field of form.elements) if (field.name) body[field.name] = field.value;
  for (const input of form.querySelectorAll("[data-price]"))
    body.prices[input.dataset.price] = input.value;
  return body;
}

// Only the selected provider's models are shown; deployment fields only where it bills deployments.
function showProvider(form) {
  const provider = form.elements.provider.value;
  const hosted = form.elements.provider.selectedOptions[0]?.dataset.hosted === "yes";
  for (const select of [form.elements.model, form.elements.baseline_model]) {
    for (const group of select.querySelectorAll("optgroup")) {
      const mine = group.dataset.provider === provider;
      group.hidden = !mine;
      group.disabled = !mine;
    }
    if (select.selectedOptions[0]?.disabled || select.selectedOptions[0]?.parentElement.disabled) {
      const first = [...select.options].find((option) => !option.parentElement.disabled);
      if (first) first.selected = true;
    }
  }
  for (const part of form.querySelectorAll("[data-ftr-cost-hosted]")) part.hidden = !hosted;
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

function link(text, url) {
  return url?.startsWith("https://") ? el("a", { href: url, text }) : text;
}

function priceTable(prices) {
  return [
    el(
      "table",
      { className: "ftr-cost__prices" },
      el("caption", { text: "Prices used" }),
      el(
        "tbody",
        {},
        prices.rows.map(([what, amount]) =>
          el("tr", {}, el("th", { scope: "row", text: what }), el("td", { text: amount })),
        ),
      ),
    ),
    ...prices.sources.map((source) =>
      el(
        "p",
        { className: "ftr-cost__source" },
        "Source: ",
        link(source.source, source.url),
        `, ${source.dates}`,
        source.confirm_url
          ? [" (confirm on ", link("the provider's page", source.confirm_url), ")"]
          : [],
        ".",
      ),
    ),
  ];
}

function render(report, reply) {
  report.replaceChildren(
    el("p", {
      className: "ftr-verdict",
      "data-ftr-cost-verdict": reply.pays_back ? "pays-back" : "never",
      text: reply.headline,
    }),
    rowTable(reply.rows),
    reply.chart.elements.length ? chartSvg(reply.chart) : null,
    ...priceTable(reply.prices),
    ...reply.notes.map((note) => el("p", { className: "ftr-cost__note", text: `Note: ${note}` })),
  );
  report.hidden = false;
}

function clearFieldMessages(form) {
  for (const message of form.querySelectorAll("[data-ftr-cost-field-message]")) message.remove();
  for (const input of form.querySelectorAll("[aria-invalid]"))
    input.removeAttribute("aria-invalid");
}

// Python names the fields a message is about: form names, or "price:KEY".
function showFieldMessage(form, fieldError) {
  const inputs = fieldError.fields
    .map((name) =>
      name.startsWith("price:")
        ? form.querySelector(`[data-price="${CSS.escape(name.slice(6))}"]`)
        : form.elements[name],
    )
    .filter((input) => input?.after);
  for (const input of inputs) input.setAttribute("aria-invalid", "true");
  if (!inputs.length) return;
  inputs[0].after(
    el("span", {
      className: "ftr-cost__field-message",
      "data-ftr-cost-field-message": "",
      text: fieldError.message,
    }),
  );
  inputs[0].focus();
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
  showProvider(form);
  showStatedPrices(form, note, stated);
  form.elements.provider.addEventListener("change", () => showProvider(form));
  for (const name of ["provider", "model", "deployment"])
    form.elements[name].addEventListener("change", () => showStatedPrices(form, note, stated));
  startWorker();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldMessages(form);
    status.textContent = "Working it out…";
    try {
      const reply = await call("cost_estimate", JSON.stringify(request(form)));
      if (reply.field_error) {
        report.hidden = true;
        actions.hidden = true;
        status.textContent = `Cannot work out the cost: ${reply.field_error.message}`;
        showFieldMessage(form, reply.field_error);
        return;
      }
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
