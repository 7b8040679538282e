// Writes the site's Pyodide memory snapshot (called by hooks/runtime.py at build time): Python
// started, the checker's wheel unpacked and snapshot_preload.py run (the checker imported, the
// criteria read), so a page starts from this heap instead of starting Python and importing.
//
//   node hooks/snapshot.mjs <pyodide folder> <wheel> <output file>
//
// `_makeSnapshot` and `makeMemorySnapshot` are Pyodide's experimental (underscore) API: the page
// must restore the snapshot with the very same Pyodide files, which runtime.json pins.
// The in-memory file system is not part of the heap, so the output carries the unpacked wheel's
// files too, which the page writes back without running Python:
//   [u32 little-endian n][n bytes of JSON {heap: size, files: [[path, size], ...]}][heap][files]
// (docs/assets/js/worker.js reads it).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideFolder, wheelPath, outputPath] = process.argv.slice(2);
if (!outputPath) {
  console.error("usage: node hooks/snapshot.mjs <pyodide folder> <wheel> <output file>");
  process.exit(2);
}

try {
  const indexURL = pyodideFolder.endsWith("/") ? pyodideFolder : `${pyodideFolder}/`;
  const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
  // In a browser, Emscripten names the program "./this.program"; under Node it would be this
  // script's path, which would then sit in sys.executable and os.environ of every page.
  const pyodide = await loadPyodide({
    indexURL,
    _makeSnapshot: true,
    _sysExecutable: "./this.program",
  });
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheelPath)), "wheel");
  pyodide.runPython(readFileSync(new URL("snapshot_preload.py", import.meta.url), "utf-8"));
  const heap = pyodide.makeMemorySnapshot();
  const files = wheelFiles(pyodide);
  // The heap is read as a typed array in place, so it must start on an 8-byte boundary: the JSON
  // header is padded with spaces (which JSON ignores) to make 4 + its length a multiple of 8.
  const json = JSON.stringify({
    heap: heap.length,
    files: files.map(([path, data]) => [path, data.length]),
  });
  const header = new TextEncoder().encode(json.padEnd(json.length + ((8 - ((4 + json.length) % 8)) % 8)));
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, header.length, true);
  writeFileSync(outputPath, Buffer.concat([size, header, heap, ...files.map(([, data]) => data)]));
} catch (error) {
  // One line: Pyodide's own stack traces quote its minified source.
  console.error(`snapshot.mjs: ${String(error?.message ?? error).trim().split("\n").pop()}`);
  process.exit(1);
}

// Every file the wheel unpacked (into the working directory, where unpackArchive puts it), in a
// stable order, without bytecode caches.
function wheelFiles(pyodide) {
  const { FS } = pyodide;
  const root = pyodide.runPython("import checker, os; os.path.dirname(os.path.dirname(checker.__file__))");
  const files = [];
  const walk = (folder) => {
    for (const name of FS.readdir(folder).sort()) {
      if (name === "." || name === ".." || name === "__pycache__") continue;
      const path = `${folder}/${name}`;
      if (FS.isDir(FS.stat(path).mode)) walk(path);
      else files.push([path, FS.readFile(path)]);
    }
  };
  walk(root);
  return files;
}
