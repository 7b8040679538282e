// Saved and shared answers. Nothing read from localStorage or a URL is trusted: it is parsed as
// data, checked against the known item ids and values, and anything else is dropped with a notice.

const STORAGE_KEY = "ftr:answers";
const VALUES = { y: "yes", n: "no", u: "unsure" };
const CODES = { yes: "y", no: "n", unsure: "u" };
const MAX_LINK_LENGTH = 8000;
const LINK = /^answers=([0-9A-Za-z.-]{1,40});((?:[a-z0-9-]{1,64}:[ynu])(?:,[a-z0-9-]{1,64}:[ynu])*)?$/;

function cleanAnswers(raw, known) {
  const answers = {};
  let dropped = 0;
  for (const [id, value] of Object.entries(raw)) {
    if (known.has(id) && Object.hasOwn(CODES, value)) answers[id] = value;
    else dropped += 1;
  }
  return { answers, dropped };
}

function versionNotice(saved, current, source) {
  return {
    kind: "warning",
    text: `The questions changed since these answers were ${source} (version ${saved}, now ${current}). Answers to questions that still exist were kept.`,
  };
}

export function readStored(version, known) {
  let text;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { answers: {}, messages: [{ kind: "warning", text: "This browser does not allow saving answers; they will be lost on reload." }] };
  }
  if (text === null) return { answers: {}, messages: [] };
  let saved;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = null;
  }
  if (!saved || typeof saved !== "object" || typeof saved.answers !== "object" || !saved.answers) {
    return { answers: {}, messages: [{ kind: "warning", text: "Saved answers in this browser could not be read and were ignored." }] };
  }
  const { answers, dropped } = cleanAnswers(saved.answers, known);
  const messages = [];
  if (saved.version !== version) messages.push(versionNotice(String(saved.version).slice(0, 40), version, "saved"));
  if (dropped) messages.push({ kind: "warning", text: `${dropped} saved answer(s) no longer match a question and were dropped.` });
  return { answers, messages };
}

export function store(version, answers) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version, answers }));
  } catch {
    // Private mode or storage full: answers still work for this page view.
  }
}

export function forget() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}

export function shareFragment(version, answers) {
  const pairs = Object.entries(answers)
    .filter(([, value]) => value !== "unsure")
    .map(([id, value]) => `${id}:${CODES[value]}`);
  return `#answers=${version};${pairs.join(",")}`;
}

// Returns null when the fragment is not a share link at all.
export function readShared(hash, version, known) {
  if (!hash.startsWith("#answers=")) return null;
  const unreadable = { answers: null, messages: [{ kind: "warning", text: "The share link could not be read, so it was ignored. Your own answers are unchanged." }] };
  if (hash.length > MAX_LINK_LENGTH) return unreadable;
  let text;
  try {
    text = decodeURIComponent(hash.slice(1));
  } catch {
    return unreadable;
  }
  const match = LINK.exec(text);
  if (!match) return unreadable;
  const raw = {};
  for (const pair of (match[2] || "").split(",").filter(Boolean)) {
    const [id, code] = pair.split(":");
    raw[id] = VALUES[code];
  }
  const { answers, dropped } = cleanAnswers(raw, known);
  // A link whose every answer is unknown holds nothing to restore: keep the visitor's own answers.
  if (dropped && !Object.keys(answers).length) return unreadable;
  const messages = [{ kind: "info", text: "Answers were restored from a share link." }];
  if (match[1] !== version) messages.push(versionNotice(match[1], version, "shared"));
  if (dropped) messages.push({ kind: "warning", text: `${dropped} shared answer(s) no longer match a question and were dropped.` });
  return { answers, messages };
}

// Add answers suggested elsewhere (the dataset checker's evidence) to the saved ones. The
// checklist page checks everything again when it loads them.
export function addAnswers(version, updates) {
  let saved = {};
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
    if (parsed && typeof parsed.answers === "object" && parsed.answers) saved = parsed.answers;
  } catch {
    saved = {};
  }
  const answers = {};
  for (const [id, value] of Object.entries({ ...saved, ...updates })) {
    if (/^[a-z0-9-]{1,64}$/.test(id) && Object.hasOwn(CODES, value)) answers[id] = value;
  }
  store(version, answers);
}
