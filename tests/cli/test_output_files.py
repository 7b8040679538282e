"""Outputs of convert, fix and split: created with the umask's permissions, an existing file
keeps its mode, a link is followed (the link stays), and nothing but a regular file is written:
``/dev/stdout`` (a link to ``/proc/self/fd/1``) is refused even when standard output is a file."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.checker.cli_run import assert_refused, run
from tests.cli.process import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

SOURCE = ROOT / "tests" / "data" / "datasets" / "sft-gsm8k-validation.jsonl"


def command(name: str, output: Path) -> list[str]:
    if name == "split":
        return [
            "split", str(SOURCE), "--validation-fraction", "0.2",
            "--out-train", str(output), "--out-validation", str(output.with_name("v.jsonl")),
        ]  # fmt: skip
    return ["fix", str(SOURCE), "-o", str(output)]


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def qa_source(folder: Path) -> Path:
    source = folder / "qa.jsonl"
    source.write_text(
        "".join(f'{{"question": "What is {n} + {n}?", "answer": "{2 * n}"}}\n' for n in range(12))
    )
    return source


def argv(name: str, output: Path) -> list[str]:
    if name == "convert":
        return ["convert", str(qa_source(output.parent)), "--from", "qa", "-o", str(output)]
    return command(name, output)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("name", ["convert", "fix", "split"])
def test_new_outputs_get_the_umask_permissions(name: str, tmp_path: Path, umask_027: None) -> None:
    out = tmp_path / "out.jsonl"
    ran = run(argv(name, out))
    assert ran.code in (0, 1), ran.err
    written = [p for p in tmp_path.iterdir() if p.name != "qa.jsonl"]
    assert written and all(mode(p) == 0o640 for p in written), [
        (p.name, oct(mode(p))) for p in written
    ]


@pytest.mark.parametrize("name", ["convert", "fix", "split"])
def test_an_existing_output_keeps_its_mode(name: str, tmp_path: Path, umask_027: None) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o644)
    ran = run(argv(name, out))
    assert ran.code in (0, 1), ran.err
    assert mode(out) == 0o644 and out.read_text() != "old\n"


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    ran = run(argv("fix", link))
    assert ran.code in (0, 1), ran.err
    assert link.is_symlink() and target.read_text() != "old\n"


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
@pytest.mark.parametrize("name", ["convert", "fix", "split"])
def test_dev_stdout_is_refused_even_when_it_is_a_file(name: str, tmp_path: Path) -> None:
    ran = run(argv(name, Path("/dev/stdout")))
    assert_refused(ran, "/dev/stdout: not a regular file; name a file to write")
    # in a real process whose standard output is a regular file, too
    printed = tmp_path / "printed.txt"
    with printed.open("wb") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "checker", *argv(name, Path("/dev/stdout"))],
            cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert b"not a regular file" in done.stderr
    assert printed.read_bytes() == b""
