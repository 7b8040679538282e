"""hooks/offline.py: the service worker's cache is named for the build and lists what it keeps."""

from __future__ import annotations

import json
from pathlib import Path

from offline import build_manifest, write_service_worker


def make_site(root: Path, page: str = "<p>one</p>") -> Path:
    for name, text in {
        "index.html": "<p>home</p>",
        "questions/why/index.html": page,
        "assets/site.css": "p {}",
        "pyodide/pyodide.asm.wasm": "wasm",
        "wheels/checker.whl": "wheel",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_manifest_lists_pages_by_address_and_the_runtime_apart(tmp_path: Path) -> None:
    manifest = build_manifest(make_site(tmp_path))
    assert manifest["shell"] == ["assets/site.css", "./", "questions/why/"]
    assert manifest["runtime"] == ["pyodide/pyodide.asm.wasm", "wheels/checker.whl"]


def test_any_change_makes_a_new_cache(tmp_path: Path) -> None:
    first = build_manifest(make_site(tmp_path / "a"))
    same = build_manifest(make_site(tmp_path / "b"))
    changed = build_manifest(make_site(tmp_path / "c", page="<p>two</p>"))
    assert first["version"] == same["version"] != changed["version"]


def test_worker_file_carries_the_build_or_removes_itself(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    write_service_worker(site, serving=False)
    code = (site / "sw.js").read_text(encoding="utf-8")
    line = next(line for line in code.splitlines() if line.startswith("const BUILD = "))
    build = json.loads(line.removeprefix("const BUILD = ").split("; //")[0])
    assert build == build_manifest(site) | {"version": build["version"]}
    write_service_worker(site, serving=True)
    assert "const BUILD = null;" in (site / "sw.js").read_text(encoding="utf-8")
