// The readiness checklist: collects answers from the generated form, has the Python checker in
// the worker score them, and shows the result. The scoring rules live in Python only.

import {
  forget,
  readShared,
  readStored,
  restoreText,
  shareFragment,
  store,
  storedText,
} from "./answers-store.js";
import { download, el, notice, safeHref } from "./dom.js";
import { setUpReset } from "./reset.js";
import { showSharedView } from "./shared-view.js";
import { startOnTouch } from "./start-on-touch.js";
import { showTally } from "./tally.js";
import { call, onStatus, startWorker, workerStarted } from "./worker-client.js";

function readForms(forms, answers) {
  for (const form of forms) {
    for (const input of form.querySelectorAll("input[type=radio]:checked"))
      answers[input.name] = input.value;
    for (const input of form.querySelectorAll("input[data-ftr-number]")) {
      const unsure = form.querySelector(`[data-ftr-unsure="${input.name}"]`);
      const text = input.value.trim();
      if (unsure?.checked) answers[input.name] = "unsure";
      else if (text) answers[input.name] = text;
      else delete answers[input.name];
    }
  }
}

function fillForms(forms, answers) {
  for (const form of forms) {
    for (const input of form.querySelectorAll("input[type=radio]")) {
      input.checked = answers[input.name] === input.value;
    }
    for (const input of form.querySelectorAll("input[data-ftr-number]")) {
      const value = answers[input.name];
      input.value = typeof value === "string" && value !== "unsure" ? value : "";
      const unsure = form.querySelector(`[data-ftr-unsure="${input.name}"]`);
      if (unsure) unsure.checked = value === "unsure";
    }
  }
}

function showFieldErrors(doc, errors) {
  for (const slot of doc.querySelectorAll("[data-ftr-field-error]")) {
    const message = Object.hasOwn(errors, slot.dataset.ftrFieldError)
      ? errors[slot.dataset.ftrFieldError]
      : "";
    slot.textContent = message;
    slot.hidden = !message;
    slot
      .closest("[data-item]")
      ?.querySelector("[data-ftr-number]")
      ?.setAttribute("aria-invalid", message ? "true" : "false");
  }
}

// Bars coloured by band: under `bands.low` (the floor every question needs for "ready") the meter
// shows as poor, from `bands.high` (the overall ready mark) as good; the result's `band` names it.
// `shown` is Python's wording of each question's score and progress ({id: {label, progress}}).
function sectionBars(sections, shown, links, bands) {
  return el(
    "ul",
    { className: "ftr-bars" },
    sections.map((section) => {
      const { label, progress } = shown[section.id];
      const scored = section.score !== null;
      return el(
        "li",
        { "data-ftr-section": section.id, "data-ftr-band": section.band || "none" },
        el("a", { href: safeHref(links[section.id]), text: section.title }),
        scored
          ? el("meter", {
              min: 0,
              max: 100,
              low: bands.low,
              high: bands.high,
              optimum: 100,
              value: section.score,
              className: `ftr-bars__meter ftr-bars__meter--${section.band}`,
              "aria-label": `${section.title}: ${label} out of 100`,
            })
          : el("span", {}),
        el("span", { className: "ftr-bars__score", text: label }),
        el("span", { className: "ftr-bars__answered", text: progress }),
      );
    }),
  );
}

// A statement still to answer on this page is linked in place ("Go to the statement", which
// moves focus there); other steps link to the page that explains them.
function stepItem(step, links, onPage) {
  return el(
    "li",
    { "data-ftr-step": step.id, "data-ftr-step-kind": step.kind },
    el("strong", { text: `${step.label}: ` }),
    el("span", { text: step.text }),
    " ",
    onPage(step.id)
      ? el("a", { href: `#${step.id}`, "data-ftr-jump": step.id, text: "Go to the statement" })
      : el("a", { href: safeHref(links[step.link]), text: "How" }),
  );
}

function stepList(steps, shown, links, onPage) {
  if (!steps.length) return null;
  const first = steps.slice(0, shown);
  const rest = steps.slice(shown);
  return el(
    "div",
    { className: "ftr-steps", "data-ftr-steps": true },
    el("h3", { text: "Next steps" }),
    el(
      "ol",
      {},
      first.map((step) => stepItem(step, links, onPage)),
    ),
    rest.length
      ? el(
          "details",
          { "data-ftr-more-steps": true },
          el("summary", { text: `${rest.length} more` }),
          el(
            "ol",
            { start: shown + 1 },
            rest.map((step) => stepItem(step, links, onPage)),
          ),
        )
      : null,
  );
}

function nextMove(move, links) {
  return el(
    "div",
    { className: "ftr-move", "data-ftr-move": move.route },
    el(
      "p",
      { className: "ftr-move__text" },
      el("strong", { text: "Next move: " }),
      el("span", { text: move.text }),
      " ",
      el("a", { href: safeHref(links[move.link]), text: "How" }),
    ),
    el("p", { className: "ftr-move__why", "data-ftr-move-why": true, text: move.why }),
  );
}

function versionLine(result) {
  return el("p", {
    className: "ftr-version",
    text: `Criteria version ${result.criteria_version}. Scored in your browser by the same Python checker as the command line.`,
  });
}

// The full checklist: the next move, the overall verdict and score, a bar per question, the steps.
// Before a verdict the move to "answer the rest" would only repeat the verdict and the steps.
function renderAll(report, { result, sections: shown }, data, onPage) {
  const verdict = el(
    "p",
    { className: `ftr-verdict ftr-verdict--${result.verdict}`, "data-ftr-verdict": result.verdict },
    el("span", { text: "Verdict: " }),
    el("strong", { text: result.summary }),
  );
  if (result.score !== null)
    verdict.append(
      el("span", {
        className: "ftr-score",
        "data-ftr-score": result.score,
        text: ` Score ${result.score}/100`,
      }),
    );
  const repeats = result.verdict === "incomplete" && result.next_move.route === "answer";
  const parts = [
    repeats ? null : nextMove(result.next_move, data.links),
    verdict,
    sectionBars(result.sections, shown, data.links, data.bands),
    stepList(result.next_steps, result.steps_shown, data.links, onPage),
    versionLine(result),
  ];
  report.replaceChildren(...parts.filter(Boolean));
  report.hidden = false;
}

// A question's page scores that question only (Python's question_view); the overall verdict
// weighs all five questions, so it is left to the full checklist, one link away.
function renderQuestion(report, { result, question }, data, onPage) {
  const line = el(
    "p",
    {
      className: `ftr-verdict ftr-verdict--question ftr-verdict--${question.band || "none"}`,
      "data-ftr-question-result": question.band || "none",
    },
    el("span", {
      "data-ftr-question-progress": true,
      text: `This question: ${question.progress}.`,
    }),
    " ",
    el("strong", { "data-ftr-question-summary": true, text: `${question.summary}.` }),
  );
  const meter =
    question.score === null
      ? null
      : el("meter", {
          min: 0,
          max: 100,
          low: data.bands.low,
          high: data.bands.high,
          optimum: 100,
          value: question.score,
          className: `ftr-bars__meter ftr-bars__meter--${question.band}`,
          "data-ftr-question-score": question.score,
          "aria-label": `${question.title}: ${question.score} out of 100`,
        });
  const overall = el(
    "p",
    { className: "ftr-overall-link" },
    "The overall verdict weighs all five questions: see it on the ",
    el("a", { href: safeHref(data.links.checklist), text: "full readiness checklist" }),
    ", which has your answers to this question too.",
  );
  const parts = [
    line,
    meter,
    stepList(question.steps, question.steps_shown, data.links, onPage),
    overall,
    versionLine(result),
  ];
  report.replaceChildren(...parts.filter(Boolean));
  report.hidden = false;
}

// The result in a line: [lead, verdict]. The lead (the next move) is left out of the sticky bar on
// a phone, where the bar must stay short (checklist.css).
function headlineParts(reply, scope) {
  const { result, question } = reply;
  if (scope !== "all") return ["", `This question: ${question.progress}. ${question.summary}`];
  if (result.score === null) return ["", result.summary];
  return [`Next move: ${result.next_move.text} `, `${result.summary} · score ${result.score}/100`];
}

function headline(reply, scope) {
  return headlineParts(reply, scope).join("");
}

export function initChecklist(doc) {
  const forms = [...doc.querySelectorAll("form[data-ftr-checklist]")];
  const panel = doc.querySelector("[data-ftr-result]");
  if (!forms.length || !panel) return () => {};
  const data = JSON.parse(panel.dataset.ftrData);
  const scope = panel.dataset.scope;
  const $ = (selector) => panel.querySelector(selector);
  const status = $("[data-ftr-status]");
  const progress = $("[data-ftr-progress]");
  const notices = $("[data-ftr-notices]");
  const report = $("[data-ftr-report]");
  const actions = $("[data-ftr-actions]");
  let alive = true;
  let ticket = 0;
  let tally = { update() {}, stop() {} };

  // A share link never overwrites saved answers unasked: with saved answers of their own, the
  // reader views the shared ones (nothing is stored meanwhile, and the link stays in the address
  // bar, so a reload shows the same choice) until they keep theirs or replace them.
  const shared = readShared(location.hash, data);
  const saved = readStored(data);
  const answers = {};
  const sameAnswers = (a, b) =>
    Object.keys(a).length === Object.keys(b).length &&
    Object.entries(a).every(([id, value]) => b[id] === value);
  const mineCount = Object.keys(saved.answers).length;
  let viewing = Boolean(
    shared?.answers && mineCount && !sameAnswers(saved.answers, shared.answers),
  );
  const dropHash = () => history.replaceState(null, "", location.pathname + location.search);
  for (const message of shared?.messages || []) notice(notices, message.text, message.kind);
  if (viewing) {
    Object.assign(answers, shared.answers);
  } else if (shared?.answers) {
    Object.assign(answers, shared.answers);
    store(data.version, answers);
    dropHash();
    notice(
      notices,
      mineCount
        ? "The share link holds the same answers as yours."
        : "Answers were loaded from a share link. You had no saved answers here, so these are now saved in this browser.",
    );
  } else {
    Object.assign(answers, saved.answers);
    for (const message of saved.messages) notice(notices, message.text, message.kind);
    if (shared) dropHash();
  }
  fillForms(forms, answers);
  actions.hidden = false;

  function persist() {
    if (viewing) return;
    if (Object.keys(answers).length) store(data.version, answers);
    else forget();
  }

  function showLive(text, percent = null, error = false, lead = "") {
    for (const live of doc.querySelectorAll("[data-ftr-live]")) {
      live
        .querySelector("[data-ftr-live-text]")
        .replaceChildren(lead ? el("span", { className: "ftr-live__lead", text: lead }) : "", text);
      const bar = live.querySelector("progress");
      bar.hidden = percent === null;
      if (percent !== null) bar.value = percent;
      live.classList.toggle("ftr-live--error", error);
      live.hidden = false;
    }
  }

  // A step about a statement on this page that is still unanswered links to it, in place.
  const onPage = (id) =>
    !Object.hasOwn(answers, id) && Boolean(doc.querySelector(`[data-item="${CSS.escape(id)}"]`));
  report.addEventListener("click", (event) => {
    const link = event.target.closest("[data-ftr-jump]");
    const item = link && doc.querySelector(`[data-item="${CSS.escape(link.dataset.ftrJump)}"]`);
    if (!item) return;
    // Material's instant navigation would otherwise take the link and leave focus on the body.
    event.preventDefault();
    event.stopPropagation();
    item.scrollIntoView({ block: "start" });
    item.querySelector("input")?.focus();
  });

  async function rescore() {
    const mine = ++ticket;
    try {
      const reply = await call(
        "assess_answers",
        JSON.stringify(answers),
        ...(scope === "all" ? [] : [scope]),
      );
      const { result } = reply;
      if (!alive || mine !== ticket) return;
      if (scope === "all") renderAll(report, reply, data, onPage);
      else renderQuestion(report, reply, data, onPage);
      showFieldErrors(doc, result.field_errors || {});
      tally.update();
      const [lead, verdict] = headlineParts(reply, scope);
      showLive(`${verdict} · details below the list`, null, false, lead);
      // Still announced, but shown once: the report below says the same.
      status.textContent = `${headline(reply, scope)}.`;
      status.classList.add("ftr-sr-only");
    } catch (error) {
      // When the checker could not start, the status already says so and what to do instead.
      if (alive && mine === ticket && !panel.classList.contains("ftr-result--error")) {
        status.textContent = `The checker could not score your answers: ${error.message}`;
        status.classList.remove("ftr-sr-only");
      }
    }
  }

  // save: false when `next` is what storage already holds (left exactly as it is).
  function replaceAnswers(next, save = true) {
    for (const id of Object.keys(answers)) delete answers[id];
    Object.assign(answers, next);
    if (save) persist();
    fillForms(forms, answers);
    tally.update();
    rescore();
  }
  if (viewing) {
    const statementOf = (id) =>
      doc
        .querySelector(`[data-item="${CSS.escape(id)}"] [data-ftr-statement]`)
        ?.textContent.trim() || id;
    showSharedView({
      before: forms[0],
      mine: { ...saved.answers },
      theirs: { ...shared.answers },
      statementOf,
      keep() {
        viewing = false;
        dropHash();
        replaceAnswers(saved.answers, false);
        for (const message of saved.messages) notice(notices, message.text, message.kind);
      },
      replace() {
        const before = storedText();
        viewing = false;
        dropHash();
        replaceAnswers({ ...answers });
        return () => {
          restoreText(before);
          replaceAnswers(readStored(data).answers, false);
        };
      },
    });
  }
  const reset = setUpReset({
    anchor: actions,
    answers,
    ids: forms.flatMap((form) =>
      [...form.querySelectorAll("[data-item]")].map((node) => node.dataset.item),
    ),
    wholeChecklist: scope === "all",
    replace: replaceAnswers,
    saving: () => !viewing,
  });

  function onChange(event) {
    const target = event.target;
    if (target.type !== "radio" && !target.matches("[data-ftr-number], [data-ftr-unsure]")) return;
    reset.answered();
    // Typing a number replaces "unsure"; ticking unsure clears the number.
    if (target.matches("[data-ftr-number]") && target.value.trim()) {
      const unsure = target.form.querySelector(`[data-ftr-unsure="${target.name}"]`);
      if (unsure) unsure.checked = false;
    }
    if (target.matches("[data-ftr-unsure]") && target.checked) {
      const field = target.form.querySelector(
        `[data-ftr-number][name="${target.dataset.ftrUnsure}"]`,
      );
      if (field) field.value = "";
    }
    readForms(forms, answers);
    persist();
    rescore();
  }

  async function onAction(event) {
    const action = event.target.closest("[data-ftr-action]")?.dataset.ftrAction;
    if (!action) return;
    if (action === "reset") {
      reset.ask();
    } else if (action === "share") {
      const link = location.origin + location.pathname + shareFragment(data, answers);
      const field = el("input", {
        type: "text",
        readonly: true,
        value: link,
        "aria-label": "Share link",
        className: "ftr-share-link",
        "data-ftr-share-link": true,
      });
      notices.replaceChildren(field);
      field.select();
      try {
        await navigator.clipboard.writeText(link);
        notice(
          notices,
          "Share link copied. The answers are in the part after #, which browsers never send to a server.",
        );
      } catch {
        notice(notices, "Copy the link above to share your answers.");
      }
    } else if (action === "print") {
      window.print();
    } else {
      try {
        const { text } = await call("assessment_report", JSON.stringify(answers), action);
        const [name, type] =
          action === "markdown"
            ? ["readiness-report.md", "text/markdown"]
            : ["readiness-report.json", "application/json"];
        download(name, text, type);
      } catch (error) {
        notice(notices, `The report could not be made: ${error.message}`, "warning");
      }
    }
  }

  const stopStatus = onStatus(({ phase, progress: percent, message }) => {
    progress.hidden = phase !== "loading";
    progress.querySelector("progress").value = percent;
    if (phase === "loading") {
      status.textContent = `Loading the checker (${percent}%): ${message}. You can answer meanwhile.`;
      showLive(`Loading the checker, ${percent}%: ${message}. You can answer meanwhile.`, percent);
    }
    if (phase === "error") {
      showLive(
        `The checker could not start: ${message}. Your answers are saved; see below.`,
        null,
        true,
      );
      status.classList.remove("ftr-sr-only");
      status.textContent = `The in-browser checker could not start: ${message}. Your answers are still saved here; you can score them with the command line (python -m checker assess).`;
      panel.classList.add("ftr-result--error");
    }
  });
  forms.forEach((form) => {
    form.addEventListener("change", onChange);
    form.addEventListener("input", onChange);
    form.addEventListener("submit", (event) => event.preventDefault());
  });
  actions.addEventListener("click", onAction);
  tally = showTally(forms, panel);
  const begin = () => {
    startWorker();
    rescore();
  };
  let stopWaiting = () => {};
  if (panel.dataset.ftrStart === "on-touch" && !workerStarted()) {
    status.textContent =
      "The score appears once you answer: the checker (Python, in your browser) starts then. Your answers are saved here as you go.";
    stopWaiting = startOnTouch([...forms, actions], begin);
  } else {
    begin();
  }

  return () => {
    alive = false;
    stopStatus();
    stopWaiting();
    tally.stop();
  };
}
