"""The steps of the GitHub Action (``action.yml``), here so that tests can run them.

    python3 scripts/action_validate.py install    # a virtual environment with finetune-checker
    python3 scripts/action_validate.py validate   # validate --format github on the files

``action.yml`` passes its inputs as environment variables (never pasted into the script):
``CHECKER_VERSION`` (default: the version of the checkout this script sits in, that is the
action's tag), ``CHECKER_FILES`` (paths or glob patterns, separated by spaces or new lines),
``CHECKER_PROVIDER``, ``CHECKER_MODEL``, ``CHECKER_METHOD`` and ``CHECKER_FAIL_ON_WARNINGS``.
The environment lives in ``$RUNNER_TEMP/finetune-checker``, apart from the project's own Python
packages (an unrelated package on PyPI is also called ``checker``).

``validate`` prints the checker's annotations (``::error file=...,line=...::message``) so that
GitHub shows them on the pull request, turns an unusable file or argument into an annotation too,
and exits as ``validate`` does: 0 no errors, 1 errors (or warnings with fail-on-warnings), 2 a
file that cannot be read or bad inputs. Standard library only: it runs on the runner's Python.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
import sys
import venv
from collections.abc import Mapping, Sequence
from pathlib import Path

DISTRIBUTION = "finetune-checker"
ACTION_ROOT = Path(__file__).resolve().parents[1]
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)
TRUE = ("true", "yes", "1", "on")
FALSE = ("false", "no", "0", "off", "")


def release_version(env: Mapping[str, str]) -> str:
    """The release to install: the input, or the version written in this checkout."""
    chosen = env.get("CHECKER_VERSION", "").strip()
    if chosen:
        return chosen
    found = VERSION_LINE.search((ACTION_ROOT / "checker" / "__init__.py").read_text("utf-8"))
    if found is None:
        raise SystemExit("action_validate: no __version__ in checker/__init__.py")
    return found.group(1)


def env_python(env: Mapping[str, str]) -> Path:
    home = Path(env.get("RUNNER_TEMP") or ".") / DISTRIBUTION
    return home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install(env: Mapping[str, str]) -> int:
    python = env_python(env)
    venv.create(python.parents[1], with_pip=True, clear=True)
    requirement = f"{DISTRIBUTION}=={release_version(env)}"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # A wheel only and no dependencies: the checker has none, and nothing is built on the runner.
    done = subprocess.run([*pip, "--only-binary", ":all:", "--no-deps", requirement], check=False)
    if done.returncode != 0:
        print(f"::error title={DISTRIBUTION}::could not install {requirement}")
        return 2
    subprocess.run([str(python), "-I", "-m", "checker", "--version"], check=False)
    return 0


def expand(patterns: str) -> list[str]:
    """Each pattern as the sorted files it matches (``**`` included); a plain path as given."""
    files: list[str] = []
    for pattern in patterns.split():
        if glob.has_magic(pattern):
            files.extend(sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file()))
        else:
            files.append(pattern)
    return files


def annotation_text(message: str) -> str:
    """A message as workflow command data: ``%``, CR and LF escaped as GitHub expects."""
    return message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value not in TRUE + FALSE:
        raise ValueError(f"{name} must be true or false, not {value!r}")
    return value in TRUE


def validate(env: Mapping[str, str]) -> int:
    try:
        fail_on_warnings = _flag(env, "CHECKER_FAIL_ON_WARNINGS")
    except ValueError as error:
        print(f"::error title={DISTRIBUTION}::{annotation_text(str(error))}")
        return 2
    files = expand(env.get("CHECKER_FILES", ""))
    if not files:
        print(f"::error title={DISTRIBUTION}::no file matches the files input")
        return 2
    options: list[str] = []
    for option in ("provider", "model", "method"):
        value = env.get(f"CHECKER_{option.upper()}", "").strip()
        if value:
            options += [f"--{option}", value]
    command = [str(env_python(env)), "-I", "-m", "checker", "validate", "--format", "github"]
    done = subprocess.run(
        [*command, *options, "--", *files], capture_output=True, encoding="utf-8", check=False
    )
    sys.stdout.write(done.stdout)
    for line in done.stderr.splitlines():  # an unreadable file or a bad input: one line each
        print(f"::error title={DISTRIBUTION}::{annotation_text(line)}")
    warnings = sum(line.startswith("::warning ") for line in done.stdout.splitlines())
    if done.returncode == 0 and warnings and fail_on_warnings:
        print(f"{warnings} warning(s), and fail-on-warnings is set: failing the step")
        return 1
    return done.returncode


STEPS = {"install": install, "validate": validate}


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1 or args[0] not in STEPS:
        print(f"usage: action_validate.py {{{','.join(STEPS)}}}", file=sys.stderr)
        return 2
    return STEPS[args[0]](os.environ)


if __name__ == "__main__":
    sys.exit(main())
