// The dataset page: streams the chosen files to the Python checker in the worker, in chunks, and
// shows the report. The checks live in Python only.

import { useAsEvidence } from "./answers-store.js";
import { download, el } from "./dom.js";
import { acceptDrops } from "./files.js";
import { offerRepair } from "./repair.js";
import { chart, svg } from "./svg.js";
import { call, startWorker, validateFiles } from "./worker-client.js";

const NUMBER = new Intl.NumberFormat("en");

// Python's messages mark names as `code` (Markdown); show those as code, not as backticks.
function withCode(text) {
  return String(text ?? "")
    .split("`")
    .map((part, index) => (index % 2 ? el("code", { text: part }) : part));
}

function distribution(stats) {
  return stats
    ? `${NUMBER.format(stats.min)} / ${NUMBER.format(stats.median)} / ${NUMBER.format(stats.p90)} / ${NUMBER.format(stats.max)}`
    : "–";
}

function summaryTable(report) {
  const stats = report.stats || {};
  const figures = stats.token_figures || {};
  const rows = [
    ["Format", report.format_description || report.format],
    ...(report.method ? [["Training method", report.method.summary]] : []),
    ["Limits applied", report.provider_name + (report.model ? `, ${report.model}` : "")],
    ...report.files.map((file) => [
      `${file.file === "train" ? "Training" : "Validation"} file`,
      `${file.name}: ${NUMBER.format(file.examples)} examples, ${NUMBER.format(file.errors)} errors, ${NUMBER.format(file.warnings)} warnings`,
    ]),
    ["Messages per example (min / median / p90 / max)", distribution(stats.messages_per_example)],
    ["Tokens per example (min / median / p90 / max)", distribution(stats.tokens_per_example)],
    ...(figures.tokens_per_example
      ? [["How tokens per example were counted", figures.tokens_per_example]]
      : []),
    ["Estimated assistant tokens per example", distribution(stats.assistant_tokens_per_example)],
  ];
  if (stats.token_limit)
    rows.push([
      `Examples over ${stats.model}'s limit of ${NUMBER.format(stats.token_limit)} tokens`,
      NUMBER.format(stats.examples_over_token_limit) +
        (figures.examples_over_token_limit ? ` (${figures.examples_over_token_limit})` : ""),
    ]);
  if (stats.estimated_epochs)
    rows.push([
      "Estimated epochs / billed training tokens",
      `${stats.estimated_epochs} / ${figures.billed_tokens || NUMBER.format(stats.estimated_billed_tokens)}`,
    ]);
  return el(
    "table",
    { className: "ftr-summary" },
    el(
      "tbody",
      {},
      rows.map(([name, value]) =>
        el("tr", {}, el("th", { scope: "row", text: name }), el("td", {}, withCode(value))),
      ),
    ),
  );
}

function histogram(report) {
  const bins = report.stats?.token_histogram;
  if (!bins?.counts?.length) return null;
  const width = 560;
  const height = 160;
  const most = Math.max(...bins.counts, 1);
  const barWidth = (width - 20) / bins.counts.length;
  const root = chart(
    width,
    height + 30,
    `Histogram of tokens per example, from ${bins.edges[0]} to ${bins.edges[bins.edges.length - 1]}`,
  );
  bins.counts.forEach((count, index) => {
    const barHeight = (count / most) * height;
    const bar = svg("rect", {
      x: 10 + index * barWidth,
      y: height - barHeight,
      width: Math.max(1, barWidth - 2),
      height: barHeight,
      class: "ftr-chart__bar",
    });
    bar.append(
      svg("title", {}, `${bins.edges[index]}–${bins.edges[index + 1]} tokens: ${count} examples`),
    );
    root.append(bar);
  });
  root.append(
    svg(
      "text",
      { x: 10, y: height + 20, class: "ftr-chart__value" },
      `${NUMBER.format(bins.edges[0])} tokens`,
    ),
    svg(
      "text",
      { x: width - 10, y: height + 20, "text-anchor": "end", class: "ftr-chart__value" },
      `${NUMBER.format(bins.edges[bins.edges.length - 1])} tokens`,
    ),
  );
  return el(
    "figure",
    { className: "ftr-figure" },
    root,
    el("figcaption", { text: "Tokens per training example" }),
  );
}

function findingList(report) {
  const groups = Object.entries(report.findings || {});
  if (!groups.length) return el("p", { text: "No findings." });
  return el(
    "div",
    { className: "ftr-findings" },
    groups.map(([code, group]) =>
      el(
        "section",
        { className: `ftr-finding ftr-finding--${group.severity}`, "data-ftr-finding": code },
        el(
          "h4",
          {},
          el("code", { text: code }),
          ` ${group.severity}, ${NUMBER.format(group.count)} found`,
        ),
        group.action
          ? el(
              "p",
              { className: "ftr-finding__action" },
              withCode(`${group.description} ${group.action}`),
            )
          : null,
        el(
          "ul",
          {},
          group.shown.map((finding) =>
            el(
              "li",
              { "data-line": finding.line ?? "" },
              el("span", {
                text: finding.line ? `${finding.file} line ${finding.line}: ` : `${finding.file}: `,
              }),
              el("span", {}, withCode(finding.message)),
              finding.excerpt
                ? el("code", { className: "ftr-excerpt", text: finding.excerpt })
                : null,
            ),
          ),
        ),
        group.count > group.shown.length
          ? el("p", { text: `…and ${NUMBER.format(group.count - group.shown.length)} more.` })
          : null,
      ),
    ),
  );
}

// Carries the training size over to the cost page (after the "#", never sent anywhere).
function costLink(report) {
  const stats = report.stats || {};
  if (!stats.estimated_epochs || !stats.estimated_billed_tokens) return null;
  const params = new URLSearchParams({
    "training-tokens": String(Math.round(stats.estimated_billed_tokens / stats.estimated_epochs)),
    epochs: String(stats.estimated_epochs),
  });
  if (stats.model) params.set("model", stats.model);
  return el(
    "p",
    {},
    el("a", {
      href: `../cost/#${params}`,
      "data-ftr-cost-link": "",
      text: "What would training and hosting this cost? Open the cost calculator with these figures.",
    }),
  );
}

function renderReport(container, report) {
  const parts = [
    el(
      "p",
      {
        className: `ftr-verdict ftr-verdict--${report.verdict}`,
        "data-ftr-dataset-verdict": report.verdict,
      },
      el("strong", { text: report.verdict_label }),
    ),
    summaryTable(report),
    histogram(report),
    ...(report.notes || []).map((note) => el("p", { className: "ftr-note" }, withCode(note))),
    el("p", { className: "ftr-version" }, withCode(report.token_estimate_note)),
    costLink(report),
    el("h3", { text: "Findings" }),
    findingList(report),
  ];
  container.replaceChildren(...parts.filter(Boolean));
  container.hidden = false;
}

export function initDataset(doc) {
  const tool = doc.querySelector("[data-ftr-dataset]");
  if (!tool) return () => {};
  const form = tool.querySelector("form");
  const cancelButton = tool.querySelector("[data-ftr-cancel]");
  const progress = tool.querySelector("[data-ftr-dataset-progress]");
  const rate = tool.querySelector("[data-ftr-dataset-rate]");
  const status = tool.querySelector("[data-ftr-tool-status]");
  const output = tool.querySelector("[data-ftr-dataset-report]");
  const actions = tool.querySelector("[data-ftr-tool-actions]");
  let last = null;
  let running = null;
  acceptDrops(tool, (message) => {
    status.textContent = message;
  });
  startWorker();

  // A report is only ever shown for the files that produced it; a new run, a cancel, an error or
  // a change of file or model removes it and its buttons.
  function clearReport() {
    last = null;
    output.replaceChildren();
    output.hidden = true;
    actions.hidden = true;
  }

  function resetProgress() {
    progress.querySelector("progress").value = 0;
    rate.textContent = "";
  }

  form.addEventListener("change", () => {
    if (!last || running) return;
    clearReport();
    status.textContent = "The files or the model changed: check again for a new report.";
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (running) return;
    const files = ["train", "validation"]
      .map((role) => ({ role, file: form.querySelector(`input[data-role=${role}]`).files[0] }))
      .filter((entry) => entry.file);
    if (!files.length || files[0].role !== "train") {
      status.textContent = "Choose a training file first.";
      return;
    }
    clearReport();
    resetProgress();
    progress.hidden = false;
    cancelButton.hidden = false;
    status.textContent = "Checking…";
    running = validateFiles(
      files,
      form.elements.model.value,
      ({ bytes, total, examples, seconds }) => {
        const percent = total ? Math.round((bytes / total) * 100) : 0;
        progress.querySelector("progress").value = percent;
        rate.textContent = `${percent}%, ${NUMBER.format(examples)} examples, ${NUMBER.format(Math.round(examples / Math.max(seconds, 0.001)))} examples/s`;
      },
    );
    try {
      const text = await running.promise;
      if (text === null) {
        status.textContent = "Cancelled. Nothing was kept.";
        return;
      }
      const reply = JSON.parse(text);
      if (!reply.ok) throw new Error(reply.error);
      last = reply;
      renderReport(output, reply.report);
      offerRepair(output, files, reply.report).catch(() => {});
      actions.hidden = false;
      status.textContent = `Checked. ${reply.report.verdict_label}`;
    } catch (error) {
      status.textContent = `The dataset could not be checked: ${error.message}`;
    } finally {
      running = null;
      progress.hidden = true;
      resetProgress();
      cancelButton.hidden = true;
    }
  });

  cancelButton.addEventListener("click", () => running?.cancel());

  actions.addEventListener("click", (event) => {
    if (!last) return;
    const format = event.target.closest("[data-ftr-download]")?.dataset.ftrDownload;
    if (format === "markdown") download("dataset-report.md", last.markdown, "text/markdown");
    if (format === "json")
      download("dataset-report.json", JSON.stringify(last.report, null, 2), "application/json");
    if (event.target.closest("[data-ftr-evidence]")) {
      call("checklist_evidence", "dataset", JSON.stringify(last.report)).then(
        (reply) => {
          status.textContent = useAsEvidence(reply);
        },
        (error) => {
          status.textContent = `The evidence could not be added: ${error.message}`;
        },
      );
    }
  });
  return () => running?.cancel();
}
