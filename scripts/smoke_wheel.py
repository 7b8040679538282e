"""Install a built wheel alone into a fresh virtual environment and run every command once.

    python scripts/smoke_wheel.py dist/

The release workflow runs this on the wheel it is about to publish, and tests/release runs it on
a wheel built from the checkout. The environment and the working directory are temporary folders
outside the checkout, ``PYTHONPATH`` is cleared and pip may not reach an index, so a command
passes only if the wheel itself holds everything it needs. Standard library only.

Exit code 0 when every command behaved, 1 when one did not (each failure on its own line), 2 when
there is no single wheel to test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import venv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DISTRIBUTION = "finetune-checker"
BIN = "Scripts" if os.name == "nt" else "bin"
DOLLARS = re.compile(r"\$\s?\d")


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str


def install_wheel(wheel: Path, env_dir: Path) -> Path:
    """A new virtual environment in ``env_dir`` holding only ``wheel``; its Python."""
    venv.create(env_dir, with_pip=True, clear=True)
    python = env_dir / BIN / ("python.exe" if os.name == "nt" else "python")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps"]
    subprocess.run([*pip, str(wheel)], check=True, env=clean_env(), timeout=600)
    return python


def clean_env() -> dict[str, str]:
    """The caller's environment without anything that could put a checkout on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run_checker(python: Path, *args: str, cwd: Path) -> Ran:
    """``python -m checker ARGS`` with the environment's Python, run in ``cwd``."""
    done = subprocess.run(
        [str(python), "-I", "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        env=clean_env(),
        timeout=300,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def _chat(number: int) -> str:
    return json.dumps(
        {
            "messages": [
                {"role": "user", "content": f"What is {number} plus {number}?"},
                {"role": "assistant", "content": f"{number} plus {number} is {2 * number}."},
            ]
        }
    )


def write_samples(folder: Path) -> None:
    """Small inputs for each command: a clean chat file, a broken one, a CSV to convert."""
    good = "".join(_chat(n) + "\n" for n in range(1, 13))
    (folder / "train.jsonl").write_text(good, encoding="utf-8")
    broken = _chat(1) + "\n" + '{"messages": [\n'
    (folder / "broken.jsonl").write_text(broken, encoding="utf-8")
    rows = "".join(f"What is {n} plus {n}?,{2 * n}\n" for n in range(1, 13))
    (folder / "faq.csv").write_text("question,answer\n" + rows, encoding="utf-8")
    (folder / "answers.json").write_text('{"baseline-measured": "no"}\n', encoding="utf-8")
    results = "".join(
        json.dumps({"id": n, "baseline": n % 3 == 0, "candidate": n % 5 != 0}) + "\n"
        for n in range(40)
    )
    (folder / "results.jsonl").write_text(results, encoding="utf-8")


# (what, arguments, expected exit code, a pattern the standard output must contain)
CHECKS: tuple[tuple[str, tuple[str, ...], int, str], ...] = (
    ("version", ("--version",), 0, r"^finetune-checker \S+ \(criteria \S+, facts \S+\)$"),
    ("help", ("--help",), 0, r"validate"),
    ("criteria", ("criteria",), 0, r"\S"),
    ("template", ("template", "--format", "json"), 0, r'"criteria_version"'),
    ("assess", ("assess", "answers.json"), 0, r"\S"),
    ("validate a clean file", ("validate", "train.jsonl"), 0, r"train\.jsonl"),
    ("validate a broken file", ("validate", "broken.jsonl", "--format", "github"), 1, r"::error"),
    ("convert", ("convert", "faq.csv", "--from", "csv", "-o", "chat.jsonl"), 0, r"\S"),
    ("fix", ("fix", "train.jsonl", "-o", "fixed.jsonl"), 0, r"\S"),
    (
        "split",
        (
            *("split", "train.jsonl", "--validation-fraction", "0.25", "--seed", "7"),
            *("--out-train", "part-train.jsonl", "--out-validation", "part-holdout.jsonl"),
        ),
        0,
        r"\S",
    ),
    ("compare", ("compare", "results.jsonl"), 0, r"\d"),
    ("cost help", ("cost", "--help"), 0, r"--model"),
    (
        "cost",
        (
            "cost",
            "--model",
            "gpt-4.1-mini",
            "--training-tokens",
            "1000000",
            "--requests-per-day",
            "1000",
            "--prompt-tokens",
            "2000",
            "--prompt-tokens-after",
            "200",
            "--output-tokens",
            "100",
        ),
        0,
        DOLLARS.pattern,
    ),
)


def run_checks(python: Path, workdir: Path) -> list[str]:
    """Run every check in ``workdir``; the failures, one line each (empty when all passed)."""
    write_samples(workdir)
    failures = []
    for what, args, code, pattern in CHECKS:
        ran = run_checker(python, *args, cwd=workdir)
        if ran.code != code or not re.search(pattern, ran.stdout, re.MULTILINE):
            detail = (ran.stderr.strip() or ran.stdout.strip())[:300]
            failures.append(f"{what}: exit {ran.code} (expected {code}): {detail!r}")
    for written in ("chat.jsonl", "fixed.jsonl", "part-train.jsonl", "part-holdout.jsonl"):
        if not (workdir / written).is_file():
            failures.append(f"expected {written} to be written")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    dist = Path(args[0]) if args else Path("dist")
    wheels = sorted(dist.glob("*.whl"))
    if len(wheels) != 1:
        print(f"smoke_wheel: expected one wheel in {dist}, found {len(wheels)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="smoke-wheel-") as scratch:
        python = install_wheel(wheels[0].resolve(), Path(scratch) / "env")
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        failures = run_checks(python, workdir)
    for failure in failures:
        print(f"smoke_wheel: {failure}", file=sys.stderr)
    if not failures:
        print(f"smoke_wheel: {wheels[0].name}: {len(CHECKS)} commands ran as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
