"""``split`` never leaves a partial file: write failures in a real process (host only).

Each case starts from an existing train file and checks afterwards that it is byte-for-byte the
same, that no new file (and no temporary file) is left in the folder, that the exit code is 2
and that stderr is one line naming what could not be written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checker.cli_run import Ran, assert_refused
from tests.cli.process import checker_process

OLD_TRAIN = b'{"prompt": "an earlier train file"}\n'


def dataset(path: Path, lines: int = 2000) -> Path:
    path.write_text(
        "".join(json.dumps({"prompt": f"question {i}", "completion": "x" * 40}) + "\n"
                for i in range(lines))
    )  # fmt: skip
    return path


def split(*args: str, file_size_limit: int | None = None, stdin: str | None = None) -> Ran:
    return checker_process(
        "split", *args, "--validation-fraction", "0.2",
        file_size_limit=file_size_limit, stdin=stdin,
    )  # fmt: skip


def folder_listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_file_size_limit_leaves_nothing_half_written(tmp_path: Path) -> None:
    data = dataset(tmp_path / "data.jsonl")
    out = tmp_path / "out"
    out.mkdir()
    (out / "train.jsonl").write_bytes(OLD_TRAIN)
    result = split(
        str(data), "--out-train", str(out / "train.jsonl"),
        "--out-validation", str(out / "val.jsonl"),
        file_size_limit=20_000,
    )  # fmt: skip
    assert_refused(result, "cannot write")
    assert folder_listing(out) == ["train.jsonl"]
    assert (out / "train.jsonl").read_bytes() == OLD_TRAIN


def test_an_unwritable_validation_path_leaves_the_train_file_untouched(tmp_path: Path) -> None:
    data = dataset(tmp_path / "data.jsonl")
    train = tmp_path / "train.jsonl"
    train.write_bytes(OLD_TRAIN)
    missing = tmp_path / "no such folder" / "val.jsonl"
    result = split(str(data), "--out-train", str(train), "--out-validation", str(missing))
    assert_refused(result, str(missing))
    assert "None" not in result.err
    assert train.read_bytes() == OLD_TRAIN
    assert folder_listing(tmp_path) == ["data.jsonl", "train.jsonl"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_read_only_folder(tmp_path: Path) -> None:
    data = dataset(tmp_path / "data.jsonl")
    out = tmp_path / "read-only"
    out.mkdir()
    (out / "train.jsonl").write_bytes(OLD_TRAIN)
    out.chmod(0o555)
    try:
        result = split(
            str(data), "--out-train", str(out / "train.jsonl"),
            "--out-validation", str(out / "val.jsonl"),
        )  # fmt: skip
    finally:
        out.chmod(0o755)
    assert_refused(result)
    assert folder_listing(out) == ["train.jsonl"]
    assert (out / "train.jsonl").read_bytes() == OLD_TRAIN


def test_a_read_only_file_system_folder_as_root(tmp_path: Path) -> None:
    """What the read-only case checks, where root can run it: /proc refuses new files."""
    data = dataset(tmp_path / "data.jsonl")
    train = tmp_path / "train.jsonl"
    train.write_bytes(OLD_TRAIN)
    result = split(str(data), "--out-train", str(train), "--out-validation", "/proc/val.jsonl")
    assert_refused(result)
    assert train.read_bytes() == OLD_TRAIN
    assert folder_listing(tmp_path) == ["data.jsonl", "train.jsonl"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_dev_full_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    data = dataset(tmp_path / "data.jsonl")
    result = split(
        str(data), "--out-train", "/dev/full", "--out-validation", str(tmp_path / "v.jsonl")
    )
    assert_refused(result, "/dev/full: not a regular file")
    assert folder_listing(tmp_path) == ["data.jsonl"]


def test_standard_input_and_a_pipe_are_read_once(tmp_path: Path) -> None:
    data = dataset(tmp_path / "data.jsonl", lines=50)
    train, validation = tmp_path / "t.jsonl", tmp_path / "v.jsonl"
    result = split(
        "-", "--out-train", str(train), "--out-validation", str(validation),
        stdin=data.read_text(),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "from standard input" in result.out
    copied = sorted(train.read_text().splitlines() + validation.read_text().splitlines())
    assert copied == sorted(data.read_text().splitlines())
    piped = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m checker split <(cat "{data}") '
         f'--validation-fraction 0.2 --out-train "{train}" --out-validation "{validation}"'],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
