// Saved and shared answers. Nothing read from localStorage or a URL is trusted: it is parsed as
// data, checked against the known item ids and answer shapes, and anything else is dropped with a
// notice. The Python checker validates numbers and decides what answers mean.
//
// `data` is the page data the build writes from Python (hooks/sitegen.py page_data): { version,
// items, numbers, na, choices ({id: [options]} of the context items that take one of a few
// options), number_pattern (the numbers readiness/answers.py accepts), notices:
// { changed, dropped, migrations: { oldVersion: [what changed, ...] } } }. The notices' words
// are Python's; only their {placeholders} are filled in here.

const STORAGE_KEY = "ftr:answers";
const VALUES = { y: "yes", n: "no", u: "unsure", x: "n/a" };
const CODES = { yes: "y", no: "n", unsure: "u", "n/a": "x" };
const MAX_NUMBER_TEXT = 40;
const MAX_LINK_LENGTH = 8000;
// The link's shape; each value is then checked against the answer codes or the number rule. A
// number is carried as typed ("1,000", "75%"), its other characters percent-encoded.
const VALUE = "(?:[0-9a-z.+-]|%[0-9A-Fa-f]{2}){1,120}";
const PAIR = `[a-z0-9-]{1,64}:${VALUE}`;
const LINK = new RegExp(`^answers=([0-9A-Za-z.-]{1,40});((?:${PAIR})(?:,${PAIR})*)?$`);

// Only plain strings of the right shape survive: an object (even one with a toString) never
// reaches a comparison or a property lookup that would call it.
function usable(data, id, value) {
  if (typeof value !== "string") return false;
  if (Object.hasOwn(data.choices, id))
    return value === "unsure" || data.choices[id].includes(value);
  if (data.numbers.includes(id))
    return value === "unsure" || (value.length <= MAX_NUMBER_TEXT && value.trim() !== "");
  if (value === "n/a") return data.na.includes(id);
  return value === "yes" || value === "no" || value === "unsure";
}

function cleanAnswers(data, raw) {
  const answers = {};
  let dropped = 0;
  const known = new Set(data.items);
  for (const [id, value] of Object.entries(raw)) {
    if (known.has(id) && usable(data, id, value)) answers[id] = value;
    else dropped += 1;
  }
  return { answers, dropped };
}

function versionText(saved) {
  return typeof saved === "string" ? saved.slice(0, 40) : "unknown";
}

// What to tell the reader when answers were given for other questions. A known older version
// gets the list of what changed (written by the criteria file); answers that still match are kept.
function droppedText(data, count, source) {
  return data.notices.dropped.replace("{count}", count).replace("{source}", source);
}

function versionMessages(data, saved, source, dropped) {
  const messages = [];
  const { migrations } = data.notices;
  const changes =
    typeof saved === "string" && Object.hasOwn(migrations, saved) ? migrations[saved] : null;
  messages.push({
    kind: "warning",
    text: data.notices.changed
      .replace("{what}", `these answers were ${source}`)
      .replace("{saved}", versionText(saved)),
    migration: Boolean(changes),
  });
  for (const text of changes || []) messages.push({ kind: "info", text, migration: true });
  if (dropped && !changes)
    messages.push({ kind: "warning", text: droppedText(data, dropped, source) });
  return messages;
}

export function readStored(data) {
  let text;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return {
      answers: {},
      messages: [
        {
          kind: "warning",
          text: "This browser does not allow saving answers; they will be lost on reload.",
        },
      ],
    };
  }
  if (text === null) return { answers: {}, messages: [] };
  let saved;
  try {
    saved = JSON.parse(text);
  } catch {
    saved = null;
  }
  if (
    !saved ||
    typeof saved !== "object" ||
    Array.isArray(saved) ||
    typeof saved.answers !== "object" ||
    !saved.answers ||
    Array.isArray(saved.answers)
  ) {
    return {
      answers: {},
      messages: [
        {
          kind: "warning",
          text: "Saved answers in this browser could not be read and were ignored.",
        },
      ],
    };
  }
  const { answers, dropped } = cleanAnswers(data, saved.answers);
  if (saved.version !== data.version)
    return { answers, messages: versionMessages(data, saved.version, "saved", dropped) };
  const messages = dropped
    ? [{ kind: "warning", text: `${dropped} saved answer(s) could not be read and were ignored.` }]
    : [];
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

// The saved answers exactly as stored (null when none), so that an undo can put back the very
// text that was there, whatever version it was written for.
export function storedText() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function restoreText(text) {
  try {
    if (text === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Storage refused: the page still shows the restored answers.
  }
}

// A number goes into the link as typed when Python's number rule (data.number_pattern) takes it;
// a choice (a model name may hold capitals) goes in as "o" and its place among the item's options.
export function shareFragment(data, answers) {
  const number = new RegExp(data.number_pattern);
  const pairs = [];
  for (const [id, value] of Object.entries(answers)) {
    const option = Object.hasOwn(data.choices, id) ? data.choices[id].indexOf(value) : -1;
    if (Object.hasOwn(CODES, value)) pairs.push(`${id}:${CODES[value]}`);
    else if (option >= 0) pairs.push(`${id}:o${option}`);
    else if (number.test(value.trim()))
      pairs.push(`${id}:${value.trim().replace(/[^0-9a-z.+-]/g, encodeURIComponent)}`);
  }
  return `#answers=${data.version};${pairs.join(",")}`;
}

// Returns null when the fragment is not a share link at all.
export function readShared(hash, data) {
  if (!hash.startsWith("#answers=")) return null;
  const unreadable = {
    answers: null,
    messages: [
      {
        kind: "warning",
        text: "The share link could not be read, so it was ignored. Your own answers are unchanged.",
      },
    ],
  };
  if (hash.length > MAX_LINK_LENGTH) return unreadable;
  const match = LINK.exec(hash.slice(1));
  if (!match) return unreadable;
  const number = new RegExp(data.number_pattern);
  const raw = {};
  for (const pair of (match[2] || "").split(",").filter(Boolean)) {
    const [id, encoded] = pair.split(":");
    let code;
    try {
      code = decodeURIComponent(encoded);
    } catch {
      return unreadable;
    }
    const option = /^o(\d{1,3})$/.exec(code);
    if (Object.hasOwn(VALUES, code)) raw[id] = VALUES[code];
    else if (option && Object.hasOwn(data.choices, id) && data.choices[id][Number(option[1])])
      raw[id] = data.choices[id][Number(option[1])];
    else if (number.test(code)) raw[id] = code;
    else return unreadable;
  }
  const { answers, dropped } = cleanAnswers(data, raw);
  // A link whose every answer is unknown holds nothing to restore: keep the visitor's own answers.
  if (dropped && !Object.keys(answers).length) return unreadable;
  const messages = [];
  if (match[1] !== data.version)
    messages.push(...versionMessages(data, match[1], "shared", dropped));
  else if (dropped) messages.push({ kind: "warning", text: droppedText(data, dropped, "shared") });
  return { answers, messages };
}

// Saved answers as they are, for a page that is not the checklist (the tools' evidence).
export function savedAnswers() {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
    if (
      parsed &&
      typeof parsed.answers === "object" &&
      parsed.answers &&
      !Array.isArray(parsed.answers)
    ) {
      return Object.fromEntries(
        Object.entries(parsed.answers).filter(([, value]) => typeof value === "string"),
      );
    }
  } catch {
    // Unreadable: treated as none; the checklist page says so when it loads.
  }
  return {};
}

// One answer suggested by a tool (the dataset check's or the comparison's), saved when the reader
// presses Use or Replace on its line (evidence.js). The checklist page checks everything again
// when it loads the answers.
export function saveAnswer(version, id, value) {
  if (!/^[a-z0-9-]{1,64}$/.test(id) || typeof value !== "string" || value.length > MAX_NUMBER_TEXT)
    return;
  store(version, { ...savedAnswers(), [id]: value });
}
