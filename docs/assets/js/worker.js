// Module Web Worker: runs the Python `checker` package on Pyodide, served by this site.
//
// Protocol (all messages are plain objects):
//   page -> worker  {id, type: "call", fn, args}    checker.web.handle(fn, *args); args are strings
//                   {id, type: "validate", files: [{role, file}], model}
//                   {id, type: "cancel"}            stop the validation with that id
//                   {id, type: "repair", action, files: [{role, file}], options}
//                                                   convert or fix (request "repair_request");
//                                                   the result's files come back as Blobs
//   worker -> page  {type: "status", phase: "loading" | "ready" | "error", progress, message}
//                   {id, type: "result", value}     value: the function's return (JSON text)
//                   {id, type: "progress", ...}     during "validate": percent, text
//                   {id, type: "error", message}
// Requests that arrive before Python is ready wait for it. The tokenizer's vocabulary is not in the
// wheel: the first "validate" fetches it (manifest.vocabulary) into the installed package.

const manifestUrl = new URL("../runtime.json", import.meta.url);
let web = null;
let pyodide = null;
let manifest = null;
let vocabulary = null; // a promise, once the first check needs the vocabulary
const cancelled = new Set();

function status(phase, progress, message) {
  postMessage({ type: "status", phase, progress, message });
}

// Pyodide 314 only logs a failed WebAssembly download or compile ("wasm instantiation failed!")
// and its loadPyodide promise then never settles; turn that warning into a rejection. (Pyodide
// offers no other signal in this release: a fix to reject loadPyodide, pyodide/pyodide#6296, was
// closed unmerged. A test in tests/browser/test_runtime.py notices if the warning's text changes.)
async function untilWasmFails(loading) {
  const warn = console.warn;
  let failed;
  const failure = new Promise((_, reject) => {
    failed = reject;
  });
  console.warn = (...args) => {
    warn(...args);
    if (/wasm instantiation failed/i.test(String(args[0])))
      failed(new Error("could not load the Python runtime (pyodide.asm.wasm)"));
  };
  try {
    return await Promise.race([loading, failure]);
  } finally {
    console.warn = warn;
  }
}

async function start() {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser cannot run WebAssembly, or it is turned off");
  }
  status("loading", 5, "Fetching the Python runtime");
  const manifestResponse = await fetch(manifestUrl);
  if (!manifestResponse.ok) {
    throw new Error(`could not read the site's runtime manifest (${manifestResponse.status})`);
  }
  manifest = await manifestResponse.json();
  const pyodideUrl = new URL(manifest.pyodide, manifestUrl);
  // Download the checker wheel while Python starts, not after; the browser refuses it unless its
  // bytes match the hash the build wrote into runtime.json.
  const wheelResponse = fetch(new URL(manifest.wheel, manifestUrl), {
    integrity: manifest.wheelIntegrity,
  });
  wheelResponse.catch(() => {}); // awaited below; this only marks an early failure as handled
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideUrl).href);
  status("loading", 15, "Starting Python");
  pyodide = await untilWasmFails(loadPyodide({ indexURL: pyodideUrl.href }));
  status("loading", 80, "Installing the checker");
  const wheel = await wheelResponse.catch(() => {
    throw new Error(
      "could not download the checker, or its bytes did not match runtime.json's hash",
    );
  });
  if (!wheel.ok) throw new Error(`could not download the checker (${wheel.status})`);
  pyodide.unpackArchive(new Uint8Array(await wheel.arrayBuffer()), "wheel");
  status("loading", 95, "Importing the checker");
  web = pyodide.pyimport("checker.web");
  status("ready", 100, "Ready");
  return web;
}

// Started at once, so Python is ready by the time a reader acts; after a failure the next request
// starts it again instead of being refused for the rest of the visit.
let starting = null;
function ready() {
  starting ??= start().catch((error) => {
    starting = null;
    status("error", 0, String(error?.message ? error.message : error));
    throw error;
  });
  return starting;
}
ready().catch(() => {}); // reported through the status message above

// Fetched once, on first need; a failed download is tried again by the next check.
function loadVocabulary() {
  vocabulary ??= (async () => {
    const folder = pyodide.runPython(
      "import checker.tokens, os; os.path.dirname(checker.tokens.__file__)",
    );
    for (const [name, path] of Object.entries(manifest.vocabulary || {})) {
      const response = await fetch(new URL(path, manifestUrl), {
        integrity: manifest.vocabularyIntegrity?.[name],
      });
      if (!response.ok)
        throw new Error(`could not download the tokenizer vocabulary (${response.status})`);
      pyodide.FS.writeFile(`${folder}/${name}`, new Uint8Array(await response.arrayBuffer()));
    }
  })();
  vocabulary.catch(() => {
    vocabulary = null;
  });
  return vocabulary;
}

async function validate({ id, files, model }) {
  await loadVocabulary();
  const session = web.dataset_session(model || null);
  const chunkSize = 1 << 20;
  const total = files.reduce((sum, entry) => sum + entry.file.size, 0);
  let done = 0;
  const startedAt = performance.now();
  try {
    for (const { role, file } of files) {
      session.begin(role, file.name, file.size);
      for (let offset = 0; offset < file.size; offset += chunkSize) {
        if (cancelled.has(id)) return null;
        const chunk = new Uint8Array(await file.slice(offset, offset + chunkSize).arrayBuffer());
        session.feed(chunk);
        done += chunk.length;
        const seconds = (performance.now() - startedAt) / 1000;
        const { percent, text } = JSON.parse(session.progress_json(done, total, seconds));
        postMessage({ id, type: "progress", percent, text });
      }
      session.end();
    }
    return session.finish_json();
  } finally {
    session.destroy();
  }
}

// The chosen files are mounted read-only with WORKERFS (read lazily from the File, nothing copied)
// and the outputs written to a folder in memory, read back as Blobs, then removed.
let repairs = 0;
function repair({ action, files, options }) {
  const FS = pyodide.FS;
  const root = `/tmp/repair-${++repairs}`;
  const paths = {};
  const mounted = [];
  FS.mkdirTree(`${root}/out`);
  try {
    for (const { role, file } of files) {
      const folder = `${root}/${role}`;
      FS.mkdirTree(folder);
      FS.mount(FS.filesystems.WORKERFS, { files: [file] }, folder);
      mounted.push(folder);
      paths[role] = `${folder}/${file.name}`;
    }
    const reply = JSON.parse(
      web.handle(
        "repair_request",
        JSON.stringify({ ...options, action, ...paths, out: `${root}/out` }),
      ),
    );
    if (reply.ok && reply.files) {
      reply.blobs = Object.fromEntries(
        Object.entries(reply.files).map(([key, path]) => [key, new Blob([FS.readFile(path)])]),
      );
    }
    return reply;
  } finally {
    for (const folder of mounted) FS.unmount(folder);
    for (const name of FS.readdir(`${root}/out`))
      if (name !== "." && name !== "..") FS.unlink(`${root}/out/${name}`);
  }
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  if (type === "cancel") {
    cancelled.add(id);
    return;
  }
  try {
    await ready();
    let value;
    if (type === "call") value = web.handle(data.fn, ...data.args);
    else if (type === "validate") value = await validate(data);
    else if (type === "repair") value = repair(data);
    else throw new Error(`unknown request type ${type}`);
    postMessage({ id, type: "result", value });
  } catch (error) {
    postMessage({
      id,
      type: "error",
      message: String(error?.message ? error.message : error),
    });
  } finally {
    cancelled.delete(id);
  }
};
