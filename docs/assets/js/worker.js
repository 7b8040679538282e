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
//                   {type: "kept"}                  the runtime files this visit fetched are in
//                                                   the runtime cache (the service worker then
//                                                   keeps the rest: docs/assets/js/offline.js)
// Requests that arrive before Python is ready wait for it. The tokenizer's vocabulary is not in the
// wheel: the first "validate" fetches it (manifest.vocabulary) into the installed package.
//
// Python starts from the build's memory snapshot (runtime.json: snapshot, made by
// hooks/snapshot.mjs), which also carries the unpacked wheel's files, written back after the
// restore since the in-memory file system is not part of a heap. If the snapshot is missing, does
// not match its hash or does not load, Python starts plainly from the wheel, a few seconds slower,
// and nothing is said. Every runtime file (Pyodide's, the
// wheel, the snapshot, the vocabulary) is checked against runtime.json's hashes whether it comes
// from the network or from the runtime cache; a Pyodide file or wheel that does not match stops
// the checker with a message saying so.

const manifestUrl = new URL("../runtime.json", import.meta.url);
const nativeFetch = self.fetch.bind(self);
let web = null;
let pyodide = null;
let manifest = null;
let vocabulary = null; // a promise, once the first check needs the vocabulary
let runtimeCache = null; // a promise of the Cache, or of null where there is none
const keeping = []; // cache writes under way
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

const DIGESTS = { sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

async function matches(bytes, integrity) {
  const cut = integrity.indexOf("-");
  const digest = await crypto.subtle.digest(DIGESTS[integrity.slice(0, cut)], bytes);
  let text = "";
  for (const byte of new Uint8Array(digest)) text += String.fromCharCode(byte);
  return btoa(text) === integrity.slice(cut + 1);
}

function openRuntimeCache() {
  runtimeCache ??= (async () => {
    if (!manifest.cache || !self.caches || !crypto.subtle) return null;
    try {
      return await caches.open(manifest.cache);
    } catch {
      return null; // storage refused (a private window, say): the network serves every visit
    }
  })();
  return runtimeCache;
}

const TYPES = { mjs: "text/javascript", wasm: "application/wasm", json: "application/json" };

// The bytes of one runtime file, checked against its hash: from the runtime cache when it holds
// this very file, else from the network (and then kept). Where the browser has no SubtleCrypto
// (plain http), the fetch checks the hash itself (Subresource Integrity), with a vaguer message.
async function runtimeFile(path, integrity) {
  const url = new URL(path, manifestUrl).href;
  const name = url.slice(url.lastIndexOf("/") + 1);
  const cache = await openRuntimeCache();
  const kept = cache && (await cache.match(url).catch(() => undefined));
  if (kept) {
    const bytes = new Uint8Array(await kept.arrayBuffer());
    if (await matches(bytes, integrity)) return bytes;
  }
  const checkHere = Boolean(crypto.subtle);
  let response;
  try {
    response = await nativeFetch(url, checkHere ? {} : { integrity });
  } catch {
    throw new Error(
      checkHere
        ? `could not download ${name}`
        : `could not download ${name}, or it did not match runtime.json's hash`,
    );
  }
  if (!response.ok) throw new Error(`could not download ${name} (${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (checkHere && !(await matches(bytes, integrity))) {
    throw new Error(
      `${name} did not match runtime.json's hash: it is not the file this site was built ` +
        "with and may have been altered, so the checker will not run it",
    );
  }
  if (cache) {
    const type = TYPES[name.slice(name.lastIndexOf(".") + 1)] || "application/octet-stream";
    keeping.push(
      cache.put(url, new Response(bytes, { headers: { "Content-Type": type } })).catch(() => {}),
    );
  }
  return bytes;
}

// Import a module from bytes already checked. A host whose policy refuses blob: modules gets the
// same file imported by its address instead (its bytes were checked a moment ago).
async function importChecked(bytes, url) {
  const blobUrl = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
  try {
    return await import(blobUrl);
  } catch {
    return await import(url);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Pyodide fetches its wasm, standard library and lock file itself; it is handed the checked bytes.
function serveChecked(files) {
  self.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : new URL(input, location.href).href;
    const file = files.get(url);
    if (!file) return nativeFetch(input, init);
    return file.bytes.then(
      (bytes) => new Response(bytes, { headers: { "Content-Type": file.type } }),
    );
  };
}

// The build's snapshot (hooks/snapshot.mjs): the heap, and the unpacked wheel's files, which the
// in-memory file system lost; they are written back as they were, without running Python.
async function openSnapshot(gzipped) {
  const bytes = await gunzip(gzipped);
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
  let offset = 4 + length + header.heap;
  const heap = bytes.subarray(4 + length, offset);
  const files = header.files.map(([path, size]) => {
    offset += size;
    return [path, bytes.subarray(offset - size, offset)];
  });
  return { heap, files };
}

function writeFiles(FS, files) {
  for (const [path, data] of files) {
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data);
  }
}

// Pyodide puts "" on sys.path once more after a restore; and each reader gets random numbers of
// their own, not the build machine's.
const AFTER_RESTORE = `
import random, sys
if sys.path[:2] == ["", ""]:
    del sys.path[0]
random.seed()
`;

async function start() {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser cannot run WebAssembly, or it is turned off");
  }
  status("loading", 5, "Fetching the Python runtime");
  const manifestResponse = await nativeFetch(manifestUrl);
  if (!manifestResponse.ok) {
    throw new Error(`could not read the site's runtime manifest (${manifestResponse.status})`);
  }
  manifest = await manifestResponse.json();
  const pyodideUrl = new URL(manifest.pyodide, manifestUrl);
  // Every file is requested at once, each checked against runtime.json as it arrives.
  const files = new Map(
    Object.entries(manifest.pyodideIntegrity).map(([name, integrity]) => {
      const url = new URL(name, pyodideUrl).href;
      const type = TYPES[name.slice(name.lastIndexOf(".") + 1)] || "application/octet-stream";
      return [url, { name, type, bytes: runtimeFile(url, integrity) }];
    }),
  );
  const snapshot = manifest.snapshot
    ? runtimeFile(manifest.snapshot, manifest.snapshotIntegrity)
        .then(openSnapshot)
        .catch(() => null)
    : Promise.resolve(null);
  const everything = Promise.all([...files.values()].map((file) => file.bytes));
  everything.catch(() => {}); // raced below; this only marks an early failure as handled
  const stopped = everything.then(() => new Promise(() => {})); // settles only on a failure
  const byName = (name) => [...files.entries()].find(([, file]) => file.name === name);
  const [mjsUrl, mjs] = byName("pyodide.mjs");
  const [asmUrl, asm] = byName("pyodide.asm.mjs");
  const [{ loadPyodide }, { default: createPyodideModule }] = await Promise.race([
    Promise.all([
      mjs.bytes.then((bytes) => importChecked(bytes, mjsUrl)),
      asm.bytes.then((bytes) => importChecked(bytes, asmUrl)),
    ]),
    stopped,
  ]);
  serveChecked(files);
  const boot = (heap) =>
    Promise.race([
      untilWasmFails(
        loadPyodide({
          indexURL: pyodideUrl.href,
          createPyodideModule,
          ...(heap ? { _loadSnapshot: heap } : {}),
        }),
      ),
      stopped,
    ]);
  status("loading", 15, "Starting Python");
  const restored = await snapshot;
  if (restored) {
    try {
      pyodide = await boot(restored.heap);
      writeFiles(pyodide.FS, restored.files);
      pyodide.runPython(AFTER_RESTORE);
    } catch (error) {
      if (await everything.then(() => false).catch(() => true)) throw error;
      pyodide = null; // the snapshot did not load here: start Python plainly, as without one
    }
  }
  if (!pyodide) {
    // The wheel is only needed without the snapshot, which carries its files.
    const wheel = runtimeFile(manifest.wheel, manifest.wheelIntegrity);
    wheel.catch(() => {}); // awaited below
    pyodide = await boot(null);
    status("loading", 80, "Installing the checker");
    pyodide.unpackArchive(await wheel, "wheel");
  }
  status("loading", 95, "Importing the checker");
  web = pyodide.pyimport("checker.web");
  status("ready", 100, "Ready");
  keepAndTidy();
  return web;
}

// Once what this visit fetched is kept, the page may ask the service worker to keep the rest; the
// runtime cache then drops what this build no longer uses (an earlier wheel or snapshot).
async function keepAndTidy() {
  await Promise.all(keeping);
  const cache = await openRuntimeCache();
  if (cache) {
    const wanted = new Set(
      [
        ...Object.keys(manifest.pyodideIntegrity).map(
          (name) => new URL(name, new URL(manifest.pyodide, manifestUrl)),
        ),
        manifest.wheel,
        manifest.snapshot,
        ...Object.values(manifest.vocabulary || {}),
      ]
        .filter(Boolean)
        .map((path) => new URL(path, manifestUrl).href),
    );
    for (const request of await cache.keys().catch(() => [])) {
      if (!wanted.has(request.url)) await cache.delete(request).catch(() => {});
    }
  }
  postMessage({ type: "kept" });
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
      const bytes = await runtimeFile(path, manifest.vocabularyIntegrity?.[name]);
      pyodide.FS.writeFile(`${folder}/${name}`, bytes);
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
