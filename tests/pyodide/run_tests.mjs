// Run the checker unit tests (tests/checker) on Pyodide's CPython under Node.
//
// Installs the wheels listed by tests/pyodide/fetch_wheels.py (test dependencies plus a
// freshly built wheel of the project), mounts the project at /project for the tests and
// their data, and runs pytest there. `checker` is imported from the installed wheel,
// never from /project/checker. Extra arguments are passed on to pytest.
//
//   .venv/bin/python tests/pyodide/fetch_wheels.py && node tests/pyodide/run_tests.mjs [-k expr]
//
// Exit code: pytest's (5, "no tests collected", is a failure too), or 1 when `checker`
// comes from anywhere but site-packages. The Python side is run_in_pyodide.py.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const manifestPath = path.join(projectDir, ".cache/pyodide-wheels/manifest.json");
const seconds = (start) => ((performance.now() - start) / 1000).toFixed(2);

if (!existsSync(manifestPath)) {
  console.error("run_tests: no wheel manifest: run .venv/bin/python tests/pyodide/fetch_wheels.py");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

const started = performance.now();
const pyodide = await loadPyodide();
const pythonVersion = pyodide.runPython("import sys; sys.version.split()[0]");
console.log(
  `run_tests: Pyodide ${pyodide.version} (Python ${pythonVersion}) loaded in ${seconds(started)} s`,
);

// unpackArchive extracts into the working directory unless told otherwise.
const installing = performance.now();
const sitePackages = pyodide.runPython(
  "import sys; next(p for p in sys.path if p.endswith('/site-packages'))",
);
for (const wheel of manifest.wheels) {
  const buffer = new Uint8Array(readFileSync(path.join(projectDir, wheel)));
  pyodide.unpackArchive(buffer, "wheel", { extractDir: sitePackages });
}
pyodide.runPython("import importlib; importlib.invalidate_caches()");
console.log(`run_tests: ${manifest.wheels.length} wheels installed in ${seconds(installing)} s`);

pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: projectDir }, "/project");

const testing = performance.now();
let code;
try {
  pyodide.runPython(readFileSync(path.join(projectDir, "tests/pyodide/run_in_pyodide.py"), "utf8"));
  pyodide.FS.chdir("/project");
  code = pyodide.globals.get("main")(process.argv.slice(2), sitePackages);
} catch (error) {
  // A Python exception outside the tests (an import error, say): its traceback is enough.
  console.error(`run_tests: FAIL: ${error.message}`);
  code = 1;
}
console.log(`run_tests: pytest ${seconds(testing)} s; total ${seconds(started)} s; exit ${code}`);
process.exit(code);
