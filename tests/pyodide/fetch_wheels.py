"""Prepare the wheels that tests/pyodide/run_tests.mjs installs into Pyodide.

1. Download the pinned test dependencies from tests/pyodide/requirements.txt as wheels
   for Pyodide's platform (skipped when the cache already holds them).
2. Check that every dependency they declare for that platform is pinned too.
3. Build a fresh py3-none-any wheel of the project, so the tests run against the artifact.
4. Write manifest.json: the exact wheels to install, in order.

This is what `pyodide venv` + `pip install` would do, without its cross-build
environment download. Run with the project's venv: `.venv/bin/python tests/pyodide/fetch_wheels.py`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))  # the one wheel builder lives beside the site's hooks
from runtime import build_checker_wheel  # noqa: E402

REQUIREMENTS = Path(__file__).with_name("requirements.txt")
CACHE = ROOT / ".cache" / "pyodide-wheels"
PROJECT_WHEEL_DIR = CACHE / "checker"
LOCK = ROOT / "node_modules" / "pyodide" / "pyodide-lock.json"


def read_pins() -> dict[str, Requirement]:
    pins: dict[str, Requirement] = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != "==":
            sys.exit(f"{REQUIREMENTS.name}: pin {line!r} exactly with ==")
        pins[canonicalize_name(req.name)] = req
    return pins


def pyodide_target() -> tuple[str, str, dict[str, str]]:
    """Python version, wheel platform tag and marker environment of the installed Pyodide."""
    info = json.loads(LOCK.read_text(encoding="utf-8"))["info"]
    full = info["python"]
    short = ".".join(full.split(".")[:2])
    platform = f"pyemscripten_{info['abi_version']}_{info['arch']}"
    markers = {
        "implementation_name": "cpython",
        "implementation_version": full,
        "os_name": "posix",
        "platform_machine": info["arch"],
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": "Emscripten",
        "platform_version": "",
        "python_full_version": full,
        "python_version": short,
        "sys_platform": "emscripten",
    }
    return short, platform, markers


def cached_wheels() -> dict[str, Path]:
    """Wheel files in the cache, keyed by canonical name and version."""
    found: dict[str, Path] = {}
    for path in CACHE.glob("*.whl"):
        name, version, _, _ = parse_wheel_filename(path.name)
        found[f"{name}=={version}"] = path
    return found


def key(req: Requirement) -> str:
    return f"{canonicalize_name(req.name)}=={next(iter(req.specifier)).version}"


def download(missing: list[Requirement], python: str, platform: str) -> None:
    abi = "cp" + python.replace(".", "")
    command = [
        *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"),
        *("--only-binary=:all:", "--implementation", "cp", "--python-version", python),
        *("--abi", abi, "--platform", platform, "--dest", str(CACHE)),
        *(str(req) for req in missing),
    ]
    print("fetch_wheels: downloading", ", ".join(str(req) for req in missing), flush=True)
    subprocess.run(command, check=True)


def check_dependencies(
    wheels: list[Path], pins: dict[str, Requirement], env: dict[str, str]
) -> None:
    """Fail when a wheel needs, on Pyodide, a distribution that is not pinned (or pinned wrong)."""
    problems = []
    for wheel in wheels:
        name, version, _, _ = parse_wheel_filename(wheel.name)
        with zipfile.ZipFile(wheel) as archive:
            meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
            metadata = Parser().parsestr(archive.read(meta_name).decode("utf-8"))
        for line in metadata.get_all("Requires-Dist") or []:
            dep = Requirement(line)
            if dep.marker is not None and not dep.marker.evaluate({**env, "extra": ""}):
                continue
            pin = pins.get(canonicalize_name(dep.name))
            pinned = None if pin is None else next(iter(pin.specifier)).version
            if pinned is None or not dep.specifier.contains(pinned, prereleases=True):
                problems.append(f"{name} {version} needs {dep}; {REQUIREMENTS.name} has {pin}")
    if problems:
        sys.exit("fetch_wheels: unmet dependencies:\n  " + "\n  ".join(problems))


def build_project_wheel() -> Path:
    shutil.rmtree(PROJECT_WHEEL_DIR, ignore_errors=True)
    return build_checker_wheel(ROOT, PROJECT_WHEEL_DIR)


def main() -> int:
    pins = read_pins()
    python, platform, env = pyodide_target()
    CACHE.mkdir(parents=True, exist_ok=True)
    missing = [req for req in pins.values() if key(req) not in cached_wheels()]
    if missing:
        download(missing, python, platform)
    cached = cached_wheels()
    wheels = [cached[key(req)] for req in pins.values()]
    check_dependencies(wheels, pins, env)
    project = build_project_wheel()
    manifest = {
        "python": python,
        "platform": platform,
        "wheels": [str(w.relative_to(ROOT)) for w in [*wheels, project]],
    }
    (CACHE / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"fetch_wheels: {len(wheels)} test wheels for {platform} + {project.name}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
