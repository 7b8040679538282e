// The comparison page: reads the dropped files, has the Python checker in the worker compare
// them, and shows the result with a chart. The statistics live in Python only.

import { useAsEvidence } from "./answers-store.js";
import { download, el } from "./dom.js";
import { acceptDrops, readText } from "./files.js";
import { chart, svg } from "./svg.js";
import { call, startWorker } from "./worker-client.js";

const VERDICT_WORDS = {
  better: "The fine-tuned model did better than the baseline, by more than chance explains.",
  worse: "The fine-tuned model did worse than the baseline, by more than chance explains.",
};

function points(value, kind) {
  const sign = value > 0 ? "+" : "";
  return kind === "pass/fail" ? `${sign}${(value * 100).toFixed(1)} points` : `${sign}${value.toFixed(3)}`;
}

function percent(value, kind) {
  return kind === "pass/fail" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

function intervalChart(result) {
  const { kind, baseline, candidate, difference } = result;
  const width = 560;
  const left = 150;
  const span = width - left - 20;
  const root = chart(width, 150, `Baseline ${percent(baseline.estimate, kind)}, candidate ${percent(candidate.estimate, kind)}, difference ${points(difference.estimate, kind)}`);
  const low = kind === "pass/fail" ? 0 : Math.min(0, baseline.low, candidate.low);
  const high = kind === "pass/fail" ? 1 : Math.max(baseline.high, candidate.high, low + 1e-9);
  const x = (value) => left + ((value - low) / (high - low)) * span;
  const rows = [["Baseline", baseline, 20], ["Fine-tuned", candidate, 55]];
  for (const [label, estimate, y] of rows) {
    root.append(
      svg("text", { x: 0, y: y + 14, class: "ftr-chart__label" }, label),
      svg("rect", { x: x(low), y, width: Math.max(0, x(estimate.estimate) - x(low)), height: 20, class: "ftr-chart__bar" }),
      svg("line", { x1: x(estimate.low), x2: x(estimate.high), y1: y + 10, y2: y + 10, class: "ftr-chart__whisker" }),
      svg("text", { x: Math.min(x(estimate.high) + 6, width - 60), y: y + 14, class: "ftr-chart__value" }, percent(estimate.estimate, kind)),
    );
  }
  const reach = Math.max(Math.abs(difference.low), Math.abs(difference.high), 1e-9);
  const dx = (value) => left + span / 2 + (value / reach) * (span / 2 - 10);
  root.append(
    svg("text", { x: 0, y: 114, class: "ftr-chart__label" }, "Difference"),
    svg("line", { x1: dx(0), x2: dx(0), y1: 95, y2: 130, class: "ftr-chart__zero" }),
    svg("line", { x1: dx(difference.low), x2: dx(difference.high), y1: 110, y2: 110, class: "ftr-chart__whisker" }),
    svg("circle", { cx: dx(difference.estimate), cy: 110, r: 5, class: "ftr-chart__point" }),
    svg("text", { x: dx(0) + 4, y: 144, class: "ftr-chart__value" }, "0"),
  );
  return root;
}

function renderReport(report, reply) {
  const { result } = reply;
  const rows = [
    ["Items", `${result.items} (${result.kind})`],
    ["Baseline", `${percent(result.baseline.estimate, result.kind)} (95% interval ${percent(result.baseline.low, result.kind)} to ${percent(result.baseline.high, result.kind)})`],
    ["Fine-tuned", `${percent(result.candidate.estimate, result.kind)} (95% interval ${percent(result.candidate.low, result.kind)} to ${percent(result.candidate.high, result.kind)})`],
    ["Difference (fine-tuned minus baseline)", `${points(result.difference.estimate, result.kind)} (95% interval ${points(result.difference.low, result.kind)} to ${points(result.difference.high, result.kind)})`],
    [result.test.name, `p = ${result.test.p_value.toPrecision(3)}`],
  ];
  if (result.counts) rows.push(["Only baseline right / only fine-tuned right", `${result.counts.only_baseline} / ${result.counts.only_candidate}`]);
  if (result.minimum_detectable_effect.value !== null) rows.push(["Smallest detectable difference", points(result.minimum_detectable_effect.value, result.kind).replace("+", "")]);
  report.replaceChildren(
    el("p", { className: "ftr-verdict", "data-ftr-compare-verdict": result.verdict },
      el("span", { text: "Verdict: " }), el("strong", { text: result.verdict })),
    el("p", { text: VERDICT_WORDS[result.verdict] || "The data cannot tell the two models apart: the difference seen could be chance at this number of items." }),
    ...result.notes.map((note) => el("p", { text: note })),
    intervalChart(result),
    el("table", {}, el("tbody", {}, rows.map(([name, value]) => el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: value }))))),
  );
  report.hidden = false;
}

export function initCompare(doc) {
  const tool = doc.querySelector("[data-ftr-compare]");
  if (!tool) return () => {};
  const form = tool.querySelector("form");
  const status = tool.querySelector("[data-ftr-tool-status]");
  const report = tool.querySelector("[data-ftr-compare-report]");
  const actions = tool.querySelector("[data-ftr-tool-actions]");
  let last = null;
  acceptDrops(tool);
  startWorker();

  const mode = () => form.querySelector("input[name=compare-mode]:checked").value;
  form.addEventListener("change", () => {
    for (const part of form.querySelectorAll("[data-ftr-mode]")) part.hidden = part.dataset.ftrMode !== mode();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const roles = mode() === "results" ? ["results"] : ["baseline", "candidate", "reference"];
    const request = { metric: form.elements.metric.value, seed: Number(form.elements.seed.value) || 0 };
    try {
      const files = roles.map((role) => {
        const file = form.querySelector(`input[data-role=${role}]`).files[0];
        if (!file) throw new Error(`choose the ${role} file`);
        return [role, file];
      });
      // Python decides, before anything is read, whether the tab can hold these files.
      const precheck = JSON.parse(await call("compare_precheck", JSON.stringify(files.map(([, file]) => ({ name: file.name, size: file.size })))));
      if (!precheck.ok) throw new Error(precheck.error);
      for (const [role, file] of files) request[role] = await readText(file);
      status.textContent = "Comparing…";
      const reply = JSON.parse(await call("compare_files", JSON.stringify(request)));
      if (!reply.ok) throw new Error(reply.error);
      last = reply;
      renderReport(report, reply);
      actions.hidden = false;
      status.textContent = `Done: ${reply.result.verdict}.`;
    } catch (error) {
      status.textContent = `Cannot compare: ${error.message}`;
    }
  });

  // The template is another page's; the evidence button is added here, next to the downloads.
  const evidence = el("button", { type: "button", className: "md-button", "data-ftr-evidence": true, text: "Use as evidence in the checklist" });
  actions.append(evidence);
  evidence.addEventListener("click", async () => {
    if (!last) return;
    try {
      const reply = JSON.parse(await call("checklist_evidence", "compare", JSON.stringify(last.result)));
      status.textContent = useAsEvidence(reply);
    } catch (error) {
      status.textContent = `The evidence could not be added: ${error.message}`;
    }
  });

  actions.addEventListener("click", (event) => {
    const format = event.target.closest("[data-ftr-download]")?.dataset.ftrDownload;
    if (!format || !last) return;
    if (format === "markdown") download("comparison.md", last.markdown, "text/markdown");
    else download("comparison.json", JSON.stringify(last.result, null, 2), "application/json");
  });
  return () => {};
}
