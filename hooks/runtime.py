"""The browser runtime the site serves itself: Pyodide's files, a wheel of ``checker``, a memory
snapshot of Python with the checker imported and, as separate files, the tokenizer's
vocabularies: they are most of the package's weight (1 MB) and only the pages that count tokens
need them, so the worker fetches them when counting starts and writes them where the package
would hold them (their sha256 is checked when they are read).

The snapshot (``memory_snapshot``) is Pyodide's heap after ``snapshot_preload.py`` ran, written
by ``snapshot.mjs`` under Node at build time; a page that starts from it answers in about a
second instead of starting Python and importing the checker. It uses Pyodide's experimental
``_makeSnapshot``/``_loadSnapshot`` options, so it is only valid for the pinned Pyodide files,
and the worker falls back to a plain start when it is missing or does not load."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from pathlib import Path

from build import ProjectBuilder
from pyproject_hooks import quiet_subprocess_runner

# The files of the npm package `pyodide` a page needs to start Python (no optional packages).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
VOCABULARY_DIR = "checker/tokens"
VOCABULARY_SUFFIX = ".ranks.zlib"
WHEEL_LAYOUT = "lazy-packed-vocabulary"  # part of the cache key: wheels built before lack no file
INSTALL_HINT = "run 'npm ci' in the project folder (or 'make serve' / 'make test', which do it)"


class RuntimeSetupError(Exception):
    """The browser runtime cannot be assembled; the message says how to fix it."""


def pyodide_dir(root: Path) -> Path:
    folder = root / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise RuntimeSetupError(
            f"Pyodide runtime files missing ({', '.join(missing)}): {INSTALL_HINT}"
        )
    return folder


def pyodide_version(root: Path) -> str:
    package = json.loads((pyodide_dir(root) / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


# What goes into the project wheel. The wheel is built from a scratch copy of these, so a build
# leaves no build/ or *.egg-info in the tree and never reuses a stale build/lib.
PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE")
PROJECT_PACKAGE = "checker"


def source_digest(root: Path) -> str:
    """A digest of everything the wheel is built from, so it is rebuilt only when that changes."""
    digest = hashlib.sha256()
    package = root / PROJECT_PACKAGE
    paths = [root / name for name in PROJECT_FILES] + sorted(package.rglob("*"))
    for path in paths:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_checker_wheel(root: Path, out_dir: Path) -> Path:
    """Build a py3-none-any wheel of the project into ``out_dir``, from a scratch copy of its
    sources. The one wheel builder: the site (``checker_wheel``) and the Pyodide test run
    (``tests/pyodide/fetch_wheels.py``) both call it."""
    with tempfile.TemporaryDirectory(prefix="checker-wheel-") as scratch:
        source = Path(scratch)
        for name in PROJECT_FILES:
            if (root / name).exists():
                shutil.copy2(root / name, source / name)
        shutil.copytree(
            root / PROJECT_PACKAGE,
            source / PROJECT_PACKAGE,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        out_dir.mkdir(parents=True, exist_ok=True)
        builder = ProjectBuilder(source, runner=quiet_subprocess_runner)
        built = Path(builder.build("wheel", out_dir))
    if not built.name.endswith("-py3-none-any.whl"):
        raise RuntimeSetupError(f"expected a pure-Python wheel, got {built.name}")
    return built


def checker_wheel(root: Path, cache: Path) -> Path:
    """Build (or reuse) the site's wheel of the project: the vocabularies are left out, since
    the site serves them as separate files fetched only when counting starts."""
    target = cache / f"{source_digest(root)}-{WHEEL_LAYOUT}"
    existing = sorted(target.glob("*-py3-none-any.whl"))
    if existing:
        return existing[0]
    with tempfile.TemporaryDirectory() as scratch:
        built = build_checker_wheel(root, Path(scratch))
        without_vocabularies(built)
        for stale in cache.glob("*"):  # wheels of earlier sources are never served again
            shutil.rmtree(stale, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built, target / built.name))


def vocabulary_files(root: Path) -> list[Path]:
    """The vocabularies the site serves beside the wheel (``vocabulary/<name>``)."""
    return sorted((root / VOCABULARY_DIR).glob(f"*{VOCABULARY_SUFFIX}"))


def without_vocabularies(wheel: Path) -> None:
    """Rewrite ``wheel`` without the vocabularies (and their RECORD lines)."""

    def dropped(name: str) -> bool:
        return name.startswith(VOCABULARY_DIR + "/") and name.endswith(VOCABULARY_SUFFIX)

    lean = wheel.with_suffix(".lean")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(lean, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if dropped(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode("utf-8").splitlines(keepends=True)
                data = "".join(ln for ln in lines if not dropped(ln.split(",", 1)[0])).encode()
            out.writestr(info, data)
    lean.replace(wheel)


# Pyodide's files are checked against hashes pinned in this repository, which were taken from the
# npm tarball whose integrity package-lock.json records (see ``pin_pyodide_files``).
PINNED_HASHES = Path(__file__).with_name("pyodide_files.json")


def sri(data: bytes, algorithm: str = "sha384") -> str:
    """A Subresource Integrity value, e.g. ``sha384-<base64>``."""
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


def locked_integrity(root: Path) -> str:
    """The integrity package-lock.json pins for the npm package ``pyodide``."""
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/pyodide"]["integrity"])


def verify_pyodide_files(root: Path) -> dict[str, str]:
    """Check every Pyodide file the site serves against the pinned hashes; return them
    ({file name: sha384 SRI}). Raises RuntimeSetupError naming the first file that differs."""
    folder = pyodide_dir(root)
    pinned = json.loads(PINNED_HASHES.read_text(encoding="utf-8"))
    if pinned["integrity"] != locked_integrity(root):
        raise RuntimeSetupError(
            f"package-lock.json pins another pyodide than {PINNED_HASHES.name} "
            f"({pinned['version']}); run 'python hooks/runtime.py --pin' to check the new "
            "package against its npm integrity and pin its files"
        )
    hashes: dict[str, str] = {}
    for name in PYODIDE_FILES:
        actual = sri((folder / name).read_bytes())
        if actual != pinned["files"].get(name):
            raise RuntimeSetupError(
                f"node_modules/pyodide/{name} is not the file of pyodide {pinned['version']} "
                f"(expected {pinned['files'].get(name)}, found {actual}): run 'npm ci'"
            )
        hashes[name] = actual
    return hashes


def npm_tarball(root: Path, integrity: str) -> Path:
    """The npm cache's copy of the tarball with ``integrity`` (npm's cache is content-addressed)."""
    algorithm, _, digest = integrity.partition("-")
    hexdigest = base64.b64decode(digest).hex()
    cache = Path(os.environ.get("npm_config_cache") or Path.home() / ".npm")  # noqa: SIM112 npm spells it so
    path = cache / "_cacache" / "content-v2" / algorithm / hexdigest[:2] / hexdigest[2:4]
    path = path / hexdigest[4:]
    if not path.is_file():
        raise RuntimeSetupError(f"the pyodide tarball is not in npm's cache ({path}): run 'npm ci'")
    if sri(path.read_bytes(), algorithm) != integrity:
        raise RuntimeSetupError(f"{path} does not match package-lock.json's integrity")
    return path


def pin_pyodide_files(root: Path) -> dict[str, object]:
    """Hash the served files as they are inside the npm tarball that package-lock.json pins
    (checked against its integrity), and write them to PINNED_HASHES."""
    integrity = locked_integrity(root)
    files: dict[str, str] = {}
    with tarfile.open(npm_tarball(root, integrity), "r:gz") as tarball:
        for name in PYODIDE_FILES:
            member = tarball.extractfile(f"package/{name}")
            if member is None:
                raise RuntimeSetupError(f"the pyodide tarball has no {name}")
            files[name] = sri(member.read())
    pinned: dict[str, object] = {
        "version": pyodide_version(root),
        "integrity": integrity,
        "files": files,
    }
    PINNED_HASHES.write_text(json.dumps(pinned, indent=2) + "\n", encoding="utf-8")
    return pinned


# The memory snapshot: remade when the wheel, the Pyodide files or the scripts that make it change.
SNAPSHOT_SCRIPT = Path(__file__).with_name("snapshot.mjs")
SNAPSHOT_PRELOAD = Path(__file__).with_name("snapshot_preload.py")
SNAPSHOT_SUFFIX = ".snapshot.gz"
SNAPSHOT_TIMEOUT_S = 300
# The worker keeps the runtime's files in this Cache Storage cache (checked against runtime.json's
# hashes on every read); the service worker fills in what a visit did not fetch.
RUNTIME_CACHE = "ftr-runtime"


def snapshot_digest(wheel: Path) -> str:
    digest = hashlib.sha256()
    for path in (wheel, PINNED_HASHES, SNAPSHOT_SCRIPT, SNAPSHOT_PRELOAD):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def memory_snapshot(root: Path, wheel: Path, cache: Path) -> Path:
    """Make (or reuse) the gzipped memory snapshot for ``wheel`` on the pinned Pyodide, named
    for what it was made from. Needs Node.js (``node`` on PATH), as ``npm ci`` does."""
    target = cache / f"checker-{snapshot_digest(wheel)}{SNAPSHOT_SUFFIX}"
    if target.is_file():
        return target
    node = shutil.which("node")
    if node is None:
        raise RuntimeSetupError(
            "Node.js is needed to make the site's Python snapshot and was not found on PATH: "
            "install Node.js 20+ (see README.md)"
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as scratch:
        raw = Path(scratch) / "snapshot.bin"
        command = [node, str(SNAPSHOT_SCRIPT), str(pyodide_dir(root)), str(wheel), str(raw)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=SNAPSHOT_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise RuntimeSetupError(
                f"making the Python snapshot took over {SNAPSHOT_TIMEOUT_S} s "
                f"({SNAPSHOT_SCRIPT.name})"
            ) from None
        if done.returncode != 0 or not raw.is_file():
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            reason = lines[-1][:300] if lines else f"exit code {done.returncode}"
            raise RuntimeSetupError(f"could not make the Python snapshot: {reason}")
        packed = Path(scratch) / target.name
        packed.write_bytes(gzip.compress(raw.read_bytes(), compresslevel=6, mtime=0))
        for stale in cache.glob(f"*{SNAPSHOT_SUFFIX}"):  # snapshots of earlier wheels
            stale.unlink()
        packed.replace(target)
    return target


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--pin"]:
        sys.exit("usage: python hooks/runtime.py --pin")
    print(json.dumps(pin_pyodide_files(Path(__file__).resolve().parents[1]), indent=2))
