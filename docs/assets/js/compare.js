// The comparison page: reads the chosen, dropped or pasted results, has the Python checker in the
// worker compare them, and shows the view Python returns (checker/view.py): the verdict sentence,
// the rows and notes as the command line prints them, and a chart drawn by svg.js. No number is
// formatted and no position worked out here.

import { download, el, rowTable } from "./dom.js";
import { clearEvidence, offerEvidence } from "./evidence.js";
import { acceptDrops, readText } from "./files.js";
import { chartFigure } from "./svg.js";
import { call, startWorker } from "./worker-client.js";

const VERDICT_CLASS = { better: "ready", worse: "not-ready" };

function renderReport(report, view) {
  report.replaceChildren(
    el(
      "p",
      {
        className: `ftr-verdict ftr-verdict--${VERDICT_CLASS[view.code] ?? "almost"}`,
        "data-ftr-compare-verdict": view.code,
      },
      el("strong", { text: view.verdict }),
    ),
    ...view.notes.map((note) => el("p", { className: "ftr-note", text: note })),
    chartFigure(view.chart),
    rowTable(view.rows, { className: "ftr-summary" }),
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
  const paste = tool.querySelector("[data-ftr-paste]");
  const resultsFile = tool.querySelector("#compare-results");
  const evidence = tool.querySelector("[data-ftr-evidence]");
  let last = null;
  let run = 0;
  acceptDrops(tool, (message) => {
    status.textContent = message;
  });
  startWorker();

  // A report is only ever shown for the inputs that produced it.
  function clearReport() {
    last = null;
    report.replaceChildren();
    report.hidden = true;
    actions.hidden = true;
    clearEvidence(evidence);
  }

  const mode = () => form.querySelector("input[name=compare-mode]:checked").value;
  form.addEventListener("change", (event) => {
    for (const part of form.querySelectorAll("[data-ftr-mode]"))
      part.hidden = part.dataset.ftrMode !== mode();
    if (event.target === resultsFile && resultsFile.files.length) paste.value = "";
    if (last) {
      clearReport();
      status.textContent = "The inputs changed: compare again for a new result.";
    }
  });
  paste.addEventListener("input", () => {
    if (paste.value) resultsFile.value = "";
    if (last) {
      clearReport();
      status.textContent = "The inputs changed: compare again for a new result.";
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const mine = ++run;
    clearReport();
    const roles = mode() === "results" ? ["results"] : ["baseline", "candidate", "reference"];
    const request = {
      metric: form.elements.metric.value,
      seed: Number(form.elements.seed.value) || 0,
    };
    try {
      const files = [];
      for (const role of roles) {
        const file = form.querySelector(`input[data-role=${role}]`).files[0];
        if (role === "results" && !file && paste.value.trim()) {
          request.results = { name: "pasted results", text: paste.value };
          continue;
        }
        if (!file)
          throw new Error(
            role === "results" ? "choose, drop or paste a results file" : `choose the ${role} file`,
          );
        files.push([role, file]);
      }
      // Python decides, before anything is read, whether the tab can hold these files.
      await call(
        "compare_precheck",
        JSON.stringify(files.map(([, file]) => ({ name: file.name, size: file.size }))),
      );
      for (const [role, file] of files) request[role] = await readText(file);
      status.textContent = "Comparing…";
      const reply = await call("compare_files", JSON.stringify(request));
      if (mine !== run) return;
      last = reply;
      renderReport(report, reply.view);
      actions.hidden = false;
      status.textContent = `Done. ${reply.view.verdict}`;
      offerEvidence(evidence, "compare", reply.result);
    } catch (error) {
      if (mine === run) status.textContent = `Cannot compare: ${error.message}`;
    }
  });

  actions.addEventListener("click", (event) => {
    const format = event.target.closest("[data-ftr-download]")?.dataset.ftrDownload;
    if (!format || !last) return;
    if (format === "markdown") download("comparison.md", last.markdown, "text/markdown");
    else download("comparison.json", JSON.stringify(last.result, null, 2), "application/json");
  });
  return () => {
    run += 1;
  };
}
