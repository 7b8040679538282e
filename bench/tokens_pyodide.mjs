// bench/bench_tokens.py again, on Pyodide's CPython under Node (the browser's runtime), to compare
// the tokenizer's MB/s with the host's. Run: node bench/tokens_pyodide.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/project");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: projectDir }, "/project");
pyodide.FS.chdir("/project");
pyodide.setStdout({ batched: (line) => console.log(line) });
pyodide.setStderr({ batched: (line) => console.error(line) });
pyodide.runPython(`
import runpy, sys
sys.dont_write_bytecode = True
print(f"Pyodide {sys.version.split()[0]}")
sys.argv = ["bench/bench_tokens.py", "--repeat", "1"]
runpy.run_path("bench/bench_tokens.py", run_name="__main__")
`);
