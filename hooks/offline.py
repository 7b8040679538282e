"""The service worker that makes return visits fast and the site usable offline.

``write_service_worker`` runs after the build: it names the cache after a digest of every built
file, so any change makes a new cache and the old one is deleted when the new worker activates,
and it lists the files to keep: the pages and assets (``shell``) and Python's runtime, the
checker's wheel, the memory snapshot and the tokenizer's vocabulary (``runtime``, kept in the
cache ``runtime.RUNTIME_CACHE``, which the page's worker fills as it fetches them: see
``docs/assets/js/worker.js``). The worker's code is ``templates/sw.js``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from runtime import RUNTIME_CACHE

TEMPLATE = Path(__file__).parent / "templates" / "sw.js"
WORKER = "sw.js"
RUNTIME_FOLDERS = ("pyodide", "wheels", "snapshot", "vocabulary")
# Not needed by an English site, or only fetched by crawlers.
SKIPPED = ("assets/javascripts/lunr/", "sitemap.xml.gz")
SKIPPED_SUFFIXES = (".map",)


def _url_path(path: str) -> str:
    """The address a page is requested at: ``questions/why/`` for questions/why/index.html."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html")


def build_manifest(site_dir: Path) -> dict[str, object]:
    files = sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.name != WORKER
    )
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (site_dir / name).read_bytes())
    kept = [
        name
        for name in files
        if not name.startswith(SKIPPED) and not name.endswith(SKIPPED_SUFFIXES)
    ]
    runtime = [name for name in kept if name.split("/", 1)[0] in RUNTIME_FOLDERS]
    shell = [_url_path(name) for name in kept if name not in runtime]
    return {
        "version": digest.hexdigest()[:16],
        "shell": shell,
        "runtime": runtime,
        "runtimeCache": RUNTIME_CACHE,
    }


def write_service_worker(site_dir: Path, serving: bool) -> None:
    """Write sw.js at the site's root. Under ``mkdocs serve`` it only removes itself and its
    caches, so a development server never shows stale pages."""
    build = None if serving else build_manifest(site_dir)
    code = TEMPLATE.read_text(encoding="utf-8").replace("__BUILD__", json.dumps(build), 1)
    (site_dir / WORKER).write_text(code, encoding="utf-8")
