"""Property tests: random bytes and random JSON values (huge integers, any float, lone
surrogates, deep nesting) fed to ``compare`` and ``split`` never crash: the exit code is 0, 1
or 2 and stderr holds at most one line."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.checker.cli_run import run

# HOSTILE_EXAMPLES=2000 for a longer hunt; by default 60 in CI, fewer locally (tests/conftest.py).
SETTINGS = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "0")) or 2 * settings().max_examples // 5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Integers past CPython's 4,300-digit limit cannot be made with int() or json.dumps: a marker
# string stands for one and is swapped for the digits in the JSON text.
huge_ints = st.integers(min_value=300, max_value=5200).map(lambda digits: f"\x00HUGE{digits}")
HUGE = re.compile(r'"\\u0000HUGE(\d+)"')
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | huge_ints
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([5e-324, -5e-324, 1e308, -1e308, 1e200, 1e15, 1e16])
    | st.text(st.characters(codec=None), max_size=12)
    | st.sampled_from(["pass", "FAIL", "yes", "0", "1", " ", "\ud800", "\u2028", "\x1b[2J"])
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=12,
)
deep = st.integers(min_value=1, max_value=3000).map(lambda depth: "[" * depth + "]" * depth)
keys = st.sampled_from(["id", "ID", "baseline", "candidate", "base", "tuned", "output", "x"])
rows = st.dictionaries(keys, values, min_size=0, max_size=4)


def both_commands(data: bytes, suffix: str = ".jsonl") -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        for argv in (
            ["compare", str(source)],
            ["split", str(source), "--validation-fraction", "0.3",
             "--out-train", str(folder / "t"), "--out-validation", str(folder / "v")],
        ):  # fmt: skip
            code, _, err = run(argv)
            assert code in (0, 1, 2), (argv[0], code, err)
            assert err.count("\n") <= 1 and "Traceback" not in err, err
            if argv[0] == "split" and code != 0:
                assert sorted(p.name for p in folder.iterdir()) == [source.name]


def dumps(value: Any, ascii_only: bool = True) -> str:
    text = json.dumps(value, ensure_ascii=ascii_only)
    return HUGE.sub(lambda match: "9" * int(match.group(1)), text)


def jsonl(records: list[Any], ascii_only: bool) -> bytes:
    text = "\n".join(dumps(record, ascii_only) for record in records)
    return text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from([".jsonl", ".csv", ".txt"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    both_commands(data, suffix)


@SETTINGS
@given(st.lists(rows, min_size=0, max_size=8), st.booleans())
def test_random_json_rows(records: list[dict[str, Any]], ascii_only: bool) -> None:
    both_commands(jsonl(records, ascii_only))


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 30), values, values), min_size=2, max_size=10),
    st.booleans(),
)
def test_rows_with_ids_and_random_outcomes(
    records: list[tuple[int, Any, Any]], ascii_only: bool
) -> None:
    data = [{"id": i, "baseline": b, "candidate": c} for i, b, c in records]
    both_commands(jsonl(data, ascii_only))


@SETTINGS
@given(st.lists(values | deep, min_size=1, max_size=6))
def test_random_values_and_deep_nesting_as_lines(lines: list[Any]) -> None:
    both_commands(
        "\n".join(line if isinstance(line, str) and line.startswith("[") else dumps(line)
                  for line in lines).encode("utf-8", "surrogatepass")
    )  # fmt: skip
