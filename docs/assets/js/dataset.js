// The dataset page: as soon as a file is chosen or dropped, streams it to the Python checker in
// the worker, in chunks, and shows the report, then what can be converted or fixed and the
// checklist answers the check suggests. The checks live in Python only.

import { download, el, withCode } from "./dom.js";
import { clearEvidence, offerEvidence } from "./evidence.js";
import { acceptDrops } from "./files.js";
import { offerRepair } from "./repair.js";
import { chartFigure } from "./svg.js";
import { startWorker, validateFiles } from "./worker-client.js";

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
        el("h4", {}, withCode(group.title)),
        el(
          "p",
          { className: "ftr-finding__meta" },
          `${group.label} `,
          el("code", { className: "ftr-code-label", text: group.code }),
        ),
        el("p", { className: "ftr-finding__action" }, withCode(group.action)),
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

function verdictLine(code, text) {
  return el(
    "p",
    { className: `ftr-verdict ftr-verdict--${code}`, "data-ftr-dataset-verdict": code },
    el("strong", { text }),
  );
}

function renderReport(container, view) {
  const parts = [
    verdictLine(view.verdict.code, view.verdict.label),
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

// A file in another format (a CSV, an Alpaca array): not a list of errors but what it is, with
// the check of the file as it is folded away; the reader is sent to Convert.
function showSource(container, sentence) {
  const details = el(
    "details",
    { className: "ftr-as-is" },
    el("summary", { text: "What the checker says about the file as it is" }),
    ...[...container.childNodes].filter((node) => !node.matches?.("[data-ftr-repair]")),
  );
  container.prepend(verdictLine("convert", sentence), details);
}

// The check of a converted or fixed file, under the Convert or Fix result.
function checkedResult(reply) {
  return el(
    "div",
    { className: "ftr-repair__checked", "data-ftr-repair-checked": reply.view.verdict.code },
    verdictLine(reply.view.verdict.code, reply.checked),
    reply.view.findings.length ? findingList(reply.view) : null,
  );
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
  const evidence = tool.querySelector("[data-ftr-evidence]");
  let last = null;
  let running = null;
  let again = false; // a file or the model changed during a check: check again when it stops
  let queued = false;
  let checks = 0;
  let dropped = ""; // what a drop of several files did, said with the check it starts
  acceptDrops(tool, (message) => {
    dropped = message;
    status.textContent = message;
  });
  const say = (text) => {
    status.textContent = dropped ? `${dropped} ${text}` : text;
  };
  startWorker();

  // A report is only ever shown for the files that produced it; a new run, a cancel, an error or
  // a change of file or model removes it and its buttons.
  function clearReport() {
    last = null;
    output.replaceChildren();
    output.hidden = true;
    actions.hidden = true;
    clearEvidence(evidence);
  }

  function resetProgress() {
    progress.querySelector("progress").value = 0;
    rate.textContent = "";
  }

  function chosen() {
    return ["train", "validation"]
      .map((role) => ({ role, file: form.querySelector(`input[data-role=${role}]`).files[0] }))
      .filter((entry) => entry.file);
  }

  async function check() {
    if (running) {
      again = true;
      running.cancel();
      return;
    }
    const files = chosen();
    if (!files.length || files[0].role !== "train") {
      clearReport();
      status.textContent = "Choose a training file first.";
      return;
    }
    const mine = ++checks;
    clearReport();
    resetProgress();
    progress.hidden = false;
    cancelButton.hidden = false;
    say("Checking…");
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
      actions.hidden = false;
      say(reply.view.status);
      offerAfter(files, reply.report, mine);
    } catch (error) {
      status.textContent = `The dataset could not be checked: ${error.message}`;
    } finally {
      if (!again) dropped = "";
      running = null;
      progress.hidden = true;
      resetProgress();
      cancelButton.hidden = true;
      if (again) {
        again = false;
        check();
      }
    }
  }

  // Convert or Fix, then the checklist answers (none for a file still to be converted).
  async function offerAfter(files, report, mine) {
    const current = () => mine === checks && last !== null;
    let offer = null;
    try {
      offer = await offerRepair(output, files, report, {
        checked: checkedResult,
        onChecked: (checkedReport) => {
          if (current()) offerEvidence(evidence, "dataset", checkedReport);
        },
        onSource: (sentence, heading) => {
          if (!current()) return;
          showSource(output, sentence);
          status.textContent = sentence;
          heading.focus({ preventScroll: true });
          output.scrollIntoView({ block: "start" });
        },
      });
    } catch {
      // No offer: the report stands on its own.
    }
    if (current() && !offer?.convert) offerEvidence(evidence, "dataset", report);
  }

  // A check starts by itself when a file is chosen or dropped (several change events from one
  // drop make one check) or when the model changes with a file there; the button checks again.
  function soon() {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      check();
    }, 0);
  }

  form.addEventListener("change", (event) => {
    if (event.target.type === "file" || chosen().length) soon();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!running) soon();
  });
  // A file chosen before this script was listening is checked now.
  if (chosen().length) soon();

  cancelButton.addEventListener("click", () => {
    again = false;
    running?.cancel();
  });

  actions.addEventListener("click", (event) => {
    if (!last) return;
    const format = event.target.closest("[data-ftr-download]")?.dataset.ftrDownload;
    if (format === "markdown") download("dataset-report.md", last.markdown, "text/markdown");
    if (format === "json")
      download("dataset-report.json", JSON.stringify(last.report, null, 2), "application/json");
  });
  return () => {
    checks += 1;
    again = false;
    running?.cancel();
  };
}
