// Runs the same Python expressions in two interpreters built from one built site: Pyodide started
// plainly with the site's wheel unpacked (the worker's fallback), and Pyodide restored from the
// site's memory snapshot with the files it carries written back (the worker's usual start, as in
// docs/assets/js/worker.js). Prints {"plain": [...], "restored": [...]} as JSON: each expression's
// value as text, or "error: ..." if it raised. tests/site/test_snapshot.py compares the two.
//
//   node tests/pyodide/snapshot_equivalence.mjs <built site> <expressions.json>
//
// Before the expressions run, every file of the site's vocabulary/ folder is written where the
// worker writes it, and the expressions' module `checker.web` is imported.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";

const [site, expressionsPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(path.join(site, "assets/runtime.json"), "utf8"));
const fromManifest = (relative) => path.join(site, "assets", relative);
const indexURL = `${fromManifest(manifest.pyodide)}/`;
const expressions = JSON.parse(readFileSync(expressionsPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const options = { indexURL, _sysExecutable: "./this.program" }; // as in a browser

function openSnapshot(bytes) {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString("utf8"));
  let offset = 4 + length + header.heap;
  const heap = new Uint8Array(bytes.subarray(4 + length, offset));
  const files = header.files.map(([file, size]) => {
    offset += size;
    return [file, new Uint8Array(bytes.subarray(offset - size, offset))];
  });
  return { heap, files };
}

async function plain() {
  const pyodide = await loadPyodide(options);
  const wheel = new Uint8Array(readFileSync(fromManifest(manifest.wheel)));
  pyodide.unpackArchive(wheel, "wheel");
  return pyodide;
}

async function restored() {
  const { heap, files } = openSnapshot(gunzipSync(readFileSync(fromManifest(manifest.snapshot))));
  const pyodide = await loadPyodide({ ...options, _loadSnapshot: heap });
  for (const [file, data] of files) {
    pyodide.FS.mkdirTree(path.posix.dirname(file));
    pyodide.FS.writeFile(file, data);
  }
  pyodide.runPython(
    'import random, sys\nif sys.path[:2] == ["", ""]:\n    del sys.path[0]\nrandom.seed()\n',
  );
  return pyodide;
}

function answers(pyodide) {
  const folder = pyodide.runPython(
    "import checker.tokens, os; os.path.dirname(checker.tokens.__file__)",
  );
  for (const name of readdirSync(path.join(site, "vocabulary"))) {
    const data = new Uint8Array(readFileSync(path.join(site, "vocabulary", name)));
    pyodide.FS.writeFile(`${folder}/${name}`, data);
  }
  pyodide.runPython("import checker.web");
  return expressions.map((expression) => {
    try {
      return String(pyodide.runPython(expression));
    } catch (error) {
      return `error: ${String(error.message).trim().split("\n").pop()}`;
    }
  });
}

try {
  const result = { restored: answers(await restored()), plain: answers(await plain()) };
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(
    `snapshot_equivalence: ${String(error?.message ?? error)
      .split("\n")
      .pop()}`,
  );
  process.exit(1);
}
