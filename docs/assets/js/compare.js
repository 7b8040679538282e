// The comparison page: reads the chosen, dropped or pasted results, has the Python checker in the
// worker compare them, and shows what Python returns: the verdict sentence, the rows and notes as
// the command line prints them, and a chart whose labels come formatted. No number is formatted
// here.

import { useAsEvidence } from "./answers-store.js";
import { download, el } from "./dom.js";
import { acceptDrops, readText } from "./files.js";
import { chart, svg } from "./svg.js";
import { call, startWorker } from "./worker-client.js";

const WIDTH = 600;
const LEFT = 100; // row names
const RIGHT = 110; // value labels, right of the plot so they never sit on a whisker
const PLOT = WIDTH - LEFT - RIGHT;

function scale([low, high]) {
  return (value) => LEFT + ((value - low) / (high - low || 1)) * PLOT;
}

function interval(x, row, y) {
  return [
    svg("line", { x1: x(row.low), x2: x(row.high), y1: y, y2: y, class: "ftr-chart__whisker" }),
    svg("line", {
      x1: x(row.low),
      x2: x(row.low),
      y1: y - 6,
      y2: y + 6,
      class: "ftr-chart__whisker",
    }),
    svg("line", {
      x1: x(row.high),
      x2: x(row.high),
      y1: y - 6,
      y2: y + 6,
      class: "ftr-chart__whisker",
    }),
  ];
}

function axis(x, ticks, y) {
  return [
    svg("line", { x1: LEFT, x2: LEFT + PLOT, y1: y, y2: y, class: "ftr-chart__axis" }),
    ...ticks.flatMap(([value, label], index) => [
      svg("line", { x1: x(value), x2: x(value), y1: y, y2: y + 4, class: "ftr-chart__axis" }),
      svg(
        "text",
        {
          x: x(value),
          y: y + 16,
          "text-anchor": index === 0 ? "start" : index === ticks.length - 1 ? "end" : "middle",
          class: "ftr-chart__tick",
        },
        label,
      ),
    ]),
  ];
}

function legendItem(kind) {
  const mark = svg("svg", { viewBox: "0 0 24 12", width: 24, height: 12, "aria-hidden": "true" });
  if (kind === "bar")
    mark.append(svg("rect", { x: 0, y: 1, width: 24, height: 10, class: "ftr-chart__bar" }));
  if (kind === "interval")
    mark.append(
      svg("line", { x1: 2, x2: 22, y1: 6, y2: 6, class: "ftr-chart__whisker" }),
      svg("line", { x1: 2, x2: 2, y1: 1, y2: 11, class: "ftr-chart__whisker" }),
      svg("line", { x1: 22, x2: 22, y1: 1, y2: 11, class: "ftr-chart__whisker" }),
    );
  if (kind === "point")
    mark.append(svg("circle", { cx: 12, cy: 6, r: 5, class: "ftr-chart__point" }));
  if (kind === "zero")
    mark.append(svg("line", { x1: 12, x2: 12, y1: 0, y2: 12, class: "ftr-chart__zero" }));
  return mark;
}

function intervalChart(data) {
  const x = scale(data.models.axis);
  const root = chart(WIDTH, 230, data.title);
  data.models.bars.forEach((row, index) => {
    const y = 10 + index * 36;
    root.append(
      svg("text", { x: 0, y: y + 15, class: "ftr-chart__label" }, row.name),
      svg("rect", {
        x: LEFT,
        y,
        width: Math.max(0, x(row.estimate) - LEFT),
        height: 22,
        class: "ftr-chart__bar",
      }),
      ...interval(x, row, y + 11),
      svg("text", { x: WIDTH - RIGHT + 10, y: y + 15, class: "ftr-chart__value" }, row.label),
    );
  });
  root.append(...axis(x, data.models.ticks, 84));
  const dx = scale(data.difference.axis);
  const diff = data.difference.bar;
  root.append(
    svg("text", { x: 0, y: 149, class: "ftr-chart__label" }, diff.name),
    svg("line", { x1: dx(0), x2: dx(0), y1: 125, y2: 175, class: "ftr-chart__zero" }),
    ...interval(dx, diff, 145),
    svg("circle", { cx: dx(diff.estimate), cy: 145, r: 5, class: "ftr-chart__point" }),
    svg("text", { x: WIDTH - RIGHT + 10, y: 149, class: "ftr-chart__value" }, diff.label),
    ...axis(dx, data.difference.ticks, 180),
  );
  const legend = el(
    "ul",
    { className: "ftr-legend" },
    data.legend.map(([kind, text]) => el("li", {}, legendItem(kind), el("span", { text }))),
  );
  return el("figure", { className: "ftr-figure" }, root, legend);
}

function renderReport(report, reply) {
  report.replaceChildren(
    el(
      "p",
      {
        className: `ftr-verdict ftr-verdict--${reply.verdict.code === "better" ? "ready" : reply.verdict.code === "worse" ? "not-ready" : "almost"}`,
        "data-ftr-compare-verdict": reply.verdict.code,
      },
      el("strong", { text: reply.verdict.sentence }),
    ),
    ...reply.notes.map((note) => el("p", { className: "ftr-note", text: note })),
    intervalChart(reply.chart),
    el(
      "table",
      { className: "ftr-summary" },
      el(
        "tbody",
        {},
        reply.rows.map(([name, value]) =>
          el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: value })),
        ),
      ),
    ),
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
      renderReport(report, reply);
      actions.hidden = false;
      status.textContent = `Done. ${reply.verdict.sentence}`;
    } catch (error) {
      if (mine === run) status.textContent = `Cannot compare: ${error.message}`;
    }
  });

  // The template is another page's; the evidence button is added here, next to the downloads.
  const evidence = el("button", {
    type: "button",
    className: "md-button",
    "data-ftr-evidence": true,
    text: "Use as evidence in the checklist",
  });
  actions.append(evidence);
  evidence.addEventListener("click", async () => {
    if (!last) return;
    try {
      const reply = await call("checklist_evidence", "compare", JSON.stringify(last.result));
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
  return () => {
    run += 1;
  };
}
