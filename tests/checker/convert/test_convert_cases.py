"""Each case in tests/data/convert, through the streaming API and through ``main([...])``: the
output and the rejects equal the expected files, and every expected file validates clean."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker.cli import build_parser, main
from checker.convert import convert_chunks, parse_map, plan
from checker.dataset import validate_dataset

CASES = Path(__file__).resolve().parents[2] / "data" / "convert"
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


def case(name: str) -> tuple[Path, list[str], bytes, bytes]:
    folder = CASES / name
    source = next(folder.glob("input.*"))
    args = (folder / "args").read_text().splitlines()
    rejects = folder / "expected.rejects.jsonl"
    expected = (folder / "expected.jsonl").read_bytes()
    return source, args, expected, rejects.read_bytes() if rejects.exists() else b""


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("chunk_size", [7, 1 << 20])
def test_api(name: str, chunk_size: int) -> None:
    source, args, expected, expected_rejects = case(name)
    ns = build_parser().parse_args(["convert", str(source), *args, "-o", "unused.jsonl"])
    data = source.read_bytes()
    mapping = plan(
        data[:262144],
        source.name,
        ns.source,
        parse_map(ns.map),
        records=ns.records,
        delimiter={"tab": "\t"}.get(ns.delimiter, ns.delimiter),
        header=ns.header,
    )
    out, rejects = io.BytesIO(), io.BytesIO()
    result = convert_chunks(
        chunks(data, chunk_size),
        mapping,
        out,
        rejects,
        system=ns.system,
        strip_legacy=ns.strip_legacy,
    )
    assert out.getvalue() == expected
    assert rejects.getvalue() == expected_rejects
    assert result.examples == expected.count(b"\n")
    assert result.rejected == expected_rejects.count(b"\n")


@pytest.mark.parametrize("name", NAMES)
def test_main(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, args, expected, expected_rejects = case(name)
    out = tmp_path / "out.jsonl"
    assert main(["convert", str(source), *args, "-o", str(out)]) == 0
    assert out.read_bytes() == expected
    assert (tmp_path / "out.rejects.jsonl").read_bytes() == expected_rejects
    log = json.loads((tmp_path / "out.changes.json").read_text())
    assert log["examples_written"] == expected.count(b"\n")
    assert log["verdict"] in ("pass", "pass-with-warnings")
    printed = capsys.readouterr().out
    assert printed.startswith("Read as: ") and "PASS" in printed


@pytest.mark.parametrize("name", NAMES)
def test_expected_output_validates_clean(name: str) -> None:
    report = validate_dataset(CASES / name / "expected.jsonl")
    assert report.errors == 0, report.findings()
    assert report.train.format.name == "chat"


@pytest.mark.parametrize("name", NAMES)
def test_nothing_lost(name: str) -> None:
    """Every record of the input is an example or a reject, each reject with a line and reason."""
    _, _, expected, rejects = case(name)
    for line in rejects.splitlines():
        item = json.loads(line)
        assert isinstance(item["line"], int) and item["line"] >= 1 and item["reason"]
    examples = [json.loads(line) for line in expected.splitlines()]
    assert all(e["messages"][-1]["role"] == "assistant" for e in examples)
