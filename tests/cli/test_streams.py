"""Every command reads its input once: a path, ``-`` (standard input), ``/dev/stdin``, process
substitution and a FIFO give the same output, byte for byte, as the file itself.

The inputs are larger than a pipe's buffer and than what ``convert`` sniffs (256 KiB), so a
command that read the head and opened its input again would lose records here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.checker.cli_run import Ran, run
from tests.cli.process import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and FIFOs")

DATASETS = ROOT / "tests" / "data" / "datasets"


def qa_records(path: Path, count: int = 5000) -> Path:
    """A question/answer file of ``count`` records, about 100 bytes each (as the issue's
    qa5000.jsonl)."""
    lines = (
        json.dumps({"question": f"What is {i} plus {i}?", "answer": f"{i} plus {i} is {2 * i}."})
        for i in range(count)
    )
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def command_args(command: str, source: str, out: Path) -> list[str]:
    if command == "validate":
        return ["validate", source]
    if command == "convert":
        return ["convert", source, "--from", "auto", "-o", str(out / "out.jsonl")]
    if command == "fix":
        return ["fix", source, "-o", str(out / "out.jsonl")]
    return [
        "split", source, "--validation-fraction", "0.1",
        "--out-train", str(out / "t.jsonl"), "--out-validation", str(out / "v.jsonl"),
    ]  # fmt: skip


def input_of(command: str, tmp_path: Path) -> Path:
    if command == "convert":
        return qa_records(tmp_path / "qa5000.jsonl")
    return DATASETS / "sft-gsm8k-train.jsonl"  # 449 examples, 327 kB


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file written, with the input's name taken out of the change log."""
    found = {}
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        if path.name.endswith(".changes.json"):
            log = json.loads(data)
            log.pop("files")  # names of the input and of the outputs' folder
            data = json.dumps(log).encode()
        found[path.name] = data
    return found


def same_as_file(
    ran: Ran, reference: Ran, names: tuple[str, str], folders: tuple[Path, Path]
) -> None:
    """The same exit code, stderr and stdout once the input's and the outputs' names are
    taken out."""
    assert ran.code == reference.code, ran.err
    assert ran.err == reference.err

    def plain(out: str, name: str, folder: Path) -> str:
        return out.replace(str(folder), "OUT").replace(name, "SOURCE")

    assert plain(ran.out, names[0], folders[0]) == plain(reference.out, names[1], folders[1])


@contextmanager
def fifo_with(path: Path, data: bytes) -> Iterator[Path]:
    """A named pipe at ``path`` that a thread fills with ``data`` once a reader opens it."""
    os.mkfifo(path)

    def write() -> None:
        with path.open("wb") as pipe:
            pipe.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        writer.join(timeout=30)
        assert not writer.is_alive(), "the command never read the FIFO to its end"


def reference_run(command: str, tmp_path: Path) -> tuple[Path, Path, Ran]:
    source = input_of(command, tmp_path)
    folder = tmp_path / "file"
    folder.mkdir()
    return source, folder, run(command_args(command, str(source), folder))


@pytest.mark.parametrize("command", ["validate", "convert", "fix", "split"])
def test_a_fifo_gives_what_the_file_gives(command: str, tmp_path: Path) -> None:
    source, folder, reference = reference_run(command, tmp_path)
    assert reference.code in (0, 1), reference.err
    piped = tmp_path / "fifo"
    piped.mkdir()
    with fifo_with(tmp_path / "pipe", source.read_bytes()) as fifo:
        ran = run(command_args(command, str(fifo), piped))
    same_as_file(ran, reference, (str(fifo), str(source)), (piped, folder))
    assert outputs(piped) == outputs(folder)


@pytest.mark.parametrize("command", ["validate", "convert", "fix", "split"])
@pytest.mark.parametrize("how", ["-", "/dev/stdin", "process substitution"])
def test_standard_input_gives_what_the_file_gives(command: str, how: str, tmp_path: Path) -> None:
    if how == "/dev/stdin" and not Path("/dev/stdin").exists():
        pytest.skip("no /dev/stdin here")
    source, folder, reference = reference_run(command, tmp_path)
    piped = tmp_path / "piped"
    piped.mkdir()
    python = [sys.executable, "-m", "checker"]
    if how == "process substitution":
        args = command_args(command, "SUBSTITUTED", piped)
        line = " ".join(f"'{arg}'" for arg in [*python, *args])
        argv = ["bash", "-c", line.replace("'SUBSTITUTED'", f"<(cat '{source}')")]
        stdin = None
    else:
        argv = [*python, *command_args(command, how, piped)]
        stdin = source.read_bytes()
    done = subprocess.run(
        argv, cwd=ROOT, input=stdin, capture_output=True, timeout=120, check=False
    )
    ran = Ran(done.returncode, done.stdout.decode(), done.stderr.decode())
    out = ran.out
    if how == "process substitution":  # bash names the pipe /dev/fd/N
        named = re.search(r"/dev/fd/\d+", out)
        name = named.group() if named else "/dev/fd/"
    else:
        name = "standard input" if how == "-" else how
    same_as_file(ran, reference, (name, str(source)), (piped, folder))
    assert outputs(piped) == outputs(folder)


def test_standard_input_is_refused_for_two_files(tmp_path: Path) -> None:
    from tests.checker.cli_run import assert_refused

    assert_refused(run(["validate", "-", "--validation", "-"]), "standard input (-) can be only")
    fixed = run([
        "fix", "-", "--validation", "-", "--validation-out", str(tmp_path / "v.jsonl"),
        "-o", str(tmp_path / "t.jsonl"),
    ])  # fmt: skip
    assert_refused(fixed, "standard input (-) can be only one of the input files")
    assert list(tmp_path.iterdir()) == []
