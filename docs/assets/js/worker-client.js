// One Pyodide worker for the whole visit: created on the first page that needs it and kept across
// Material's instant page changes. Requests are promises; status changes go to listeners.

let worker = null;
let nextId = 1;
let lastStatus = { phase: "idle", progress: 0, message: "" };
const pending = new Map();
const statusListeners = new Set();
const keptListeners = new Set();
let kept = false;

function lastLine(text) {
  const lines = String(text)
    .trim()
    .split("\n")
    .filter((line) => line.trim());
  return lines.length ? lines[lines.length - 1] : "unknown error";
}

function setStatus(status) {
  lastStatus = status;
  for (const listener of statusListeners) listener(status);
  if (status.phase === "error") {
    for (const { reject } of pending.values()) reject(new Error(status.message));
    pending.clear();
  }
}

function ensureWorker() {
  if (worker) return worker;
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    setStatus({
      phase: "error",
      progress: 0,
      message: `cannot start a module worker: ${error.message}`,
    });
    return null;
  }
  worker.onmessage = ({ data }) => {
    if (data.type === "status") return setStatus(data);
    if (data.type === "kept") {
      kept = true;
      for (const listener of keptListeners) listener();
      return;
    }
    const request = pending.get(data.id);
    if (!request) return;
    if (data.type === "progress") return request.onProgress?.(data);
    pending.delete(data.id);
    if (data.type === "result") request.resolve(data.value);
    else request.reject(new Error(lastLine(data.message)));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    setStatus({
      phase: "error",
      progress: 0,
      message: event.message || "the worker failed to load",
    });
  };
  return worker;
}

export function startWorker() {
  ensureWorker();
}

export function workerStarted() {
  return worker !== null;
}

export function onStatus(listener) {
  statusListeners.add(listener);
  listener(lastStatus);
  return () => statusListeners.delete(listener);
}

// Called once the worker has kept the runtime files this visit fetched (see worker.js).
export function onRuntimeKept(listener) {
  if (kept) listener();
  else keptListeners.add(listener);
}

function send(message, onProgress) {
  const target = ensureWorker();
  if (!target || lastStatus.phase === "error") {
    return {
      id: 0,
      promise: Promise.reject(new Error(lastStatus.message || "worker unavailable")),
    };
  }
  const id = nextId++;
  const promise = new Promise((resolve, reject) =>
    pending.set(id, { resolve, reject, onProgress }),
  );
  target.postMessage({ id, ...message });
  return { id, promise };
}

// Make request `fn` of checker.web.REQUESTS in the worker, with `args`. Every reply is an
// envelope, {ok: true, ...} or {ok: false, error}: resolves with the first, rejects with the
// error's message.
export async function call(fn, ...args) {
  const reply = JSON.parse(await send({ type: "call", fn, args }).promise);
  if (!reply.ok) throw new Error(reply.error);
  return reply;
}

// Validate dataset files ([{role, file}]) in chunks; returns {promise, cancel}.
export function validateFiles(files, model, onProgress) {
  const { id, promise } = send({ type: "validate", files, model }, onProgress);
  const cancel = () => {
    if (!pending.has(id)) return;
    worker.postMessage({ id, type: "cancel" });
  };
  return { promise, cancel };
}

// Convert or fix dataset files ([{role, file}]) with the "repair_request" request; resolves with its
// reply, whose `blobs` hold the written files.
export function repairFiles(action, files, options = {}) {
  return send({ type: "repair", action, files, options }).promise;
}
