// The dataset page: streams the chosen files to the Python checker in the worker, in chunks, and
// shows the report. The checks live in Python only.

import { useAsEvidence } from "./answers-store.js";
import { download, el } from "./dom.js";
import { acceptDrops } from "./files.js";
import { offerRepair } from "./repair.js";
import { chartFigure } from "./svg.js";
import { call, startWorker, validateFiles } from "./worker-client.js";

// Python's messages mark names as `code` (Markdown); show those as code, not as backticks.
function withCode(text) {
  return String(text ?? "")
    .split("`")
    .map((part, index) => (index % 2 ? el("code", { text: part }) : part));
}

function factTable(view) {
  return el(
    "table",
    { className: "ftr-summary" },
    el(
      "tbody",
      {},
      view.facts.map(([label, value]) =>
        el("tr", {}, el("th", { scope: "row", text: label }), el("td", {}, withCode(value))),
      ),
    ),
  );
}

function distributionTable(view) {
  const { columns, rows } = view.distribution;
  if (!rows.length) return null;
  return el(
    "table",
    { className: "ftr-summary", "data-ftr-distribution": "" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        el("th", { scope: "col", text: "training data" }),
        columns.map((column) => el("th", { scope: "col", text: column })),
      ),
    ),
    el(
      "tbody",
      {},
      rows.map(([label, values]) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", text: label }),
          values.map((value) => el("td", { text: value })),
        ),
      ),
    ),
  );
}

// The histogram is drawn as Python describes it (checker/dataset/render.py histogram_chart).
function histogram(view) {
  return view.chart ? chartFigure(view.chart) : null;
}

function findingList(view) {
  if (!view.findings.length) return el("p", { text: "No findings." });
  return el(
    "div",
    { className: "ftr-findings" },
    view.findings.map((group) =>
      el(
        "section",
        {
          className: `ftr-finding ftr-finding--${group.severity}`,
          "data-ftr-finding": group.code,
        },
        el("h4", {}, el("code", { text: group.code }), ` ${group.label}`),
        el("p", { className: "ftr-finding__action" }, withCode(group.advice)),
        el(
          "ul",
          {},
          group.shown.map((finding) =>
            el(
              "li",
              { "data-line": finding.line ?? "" },
              el("span", { text: `${finding.where}: ` }),
              el("span", {}, withCode(finding.message)),
              finding.excerpt
                ? el("code", { className: "ftr-excerpt", text: finding.excerpt })
                : null,
            ),
          ),
        ),
        group.more ? el("p", { text: group.more }) : null,
      ),
    ),
  );
}

// Carries the training size over to the cost page (after the "#", never sent anywhere).
function costLink(view) {
  if (!view.cost) return null;
  return el(
    "p",
    {},
    el("a", {
      href: `../cost/#${new URLSearchParams(view.cost)}`,
      "data-ftr-cost-link": "",
      text: "What would training and hosting this cost? Open the cost calculator with these figures.",
    }),
  );
}

function renderReport(container, view) {
  const parts = [
    el(
      "p",
      {
        className: `ftr-verdict ftr-verdict--${view.verdict.code}`,
        "data-ftr-dataset-verdict": view.verdict.code,
      },
      el("strong", { text: view.verdict.label }),
    ),
    factTable(view),
    distributionTable(view),
    histogram(view),
    ...view.notes.map((note) => el("p", { className: "ftr-note" }, withCode(note))),
    el("p", { className: "ftr-version" }, withCode(view.token_note)),
    costLink(view),
    el("h3", { text: "Findings" }),
    findingList(view),
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
    running = validateFiles(files, form.elements.model.value, ({ percent, text }) => {
      progress.querySelector("progress").value = percent;
      rate.textContent = text;
    });
    try {
      const text = await running.promise;
      if (text === null) {
        status.textContent = "Cancelled. Nothing was kept.";
        return;
      }
      const reply = JSON.parse(text);
      if (!reply.ok) throw new Error(reply.error);
      last = reply;
      renderReport(output, reply.view);
      offerRepair(output, files, reply.report).catch(() => {});
      actions.hidden = false;
      status.textContent = reply.view.status;
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
