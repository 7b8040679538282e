"""A line that is one long run of a letter (a DNA sequence, a long identifier) validates within
the stated memory and in seconds.

The bound is stated in ``checker.tokens.bpe``: merging a piece takes at most
``HEAP_BYTES_PER_BYTE`` bytes per byte of the piece, and a piece over ``EXACT_PIECE_BYTES`` is
counted as an upper bound (one token per byte), labelled so in the report. Each run is a fresh
process that reports its own peak memory; the same process on a small file is the baseline."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from checker.tokens.bpe import EXACT_PIECE_BYTES, HEAP_BYTES_PER_BYTE
from tests.peak_memory import PEAK_KIB_SOURCE

MIB = 1024 * 1024


def one_run_line(path: Path, letters: int) -> Path:
    turns = [
        {"role": "user", "content": "Spell it"},
        {"role": "assistant", "content": "a" * letters},
    ]
    path.write_text(json.dumps({"messages": turns}) + "\n", encoding="utf-8")
    return path


def validate_peak(path: Path) -> tuple[float, float, str]:
    """(peak memory in MiB, seconds, report text) of ``validate path`` in a fresh process."""
    script = PEAK_KIB_SOURCE + textwrap.dedent(
        f"""
        import contextlib, io
        from checker.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["validate", {str(path)!r}])
        print(peak_kib())
        print(out.getvalue())
        """
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600
    )
    seconds = time.perf_counter() - started
    peak, _, report = done.stdout.partition("\n")
    return int(peak) / 1024, seconds, report


@pytest.mark.parametrize(
    ("letters", "exact"), [(EXACT_PIECE_BYTES, True), (4 * EXACT_PIECE_BYTES, False)]
)
def test_a_run_of_one_letter_stays_within_the_stated_memory(
    tmp_path: Path, letters: int, exact: bool
) -> None:
    baseline, _, _ = validate_peak(one_run_line(tmp_path / "small.jsonl", 100))
    peak, seconds, report = validate_peak(one_run_line(tmp_path / "run.jsonl", letters))
    # the line is held as bytes, as text and parsed (3 copies) besides what merging needs
    allowed = (HEAP_BYTES_PER_BYTE + 3) * min(letters, EXACT_PIECE_BYTES) / MIB + 3 * letters / MIB
    assert peak - baseline < allowed, f"{peak - baseline:.0f} MiB over the baseline"
    assert seconds < 120, f"{seconds:.0f} s"  # a few seconds on a quiet machine
    if exact:
        assert "billed training tokens: 3,277,125 (exact)" in report
    else:
        assert "billed training tokens: at most" in report
        assert "1 example holds over a MiB of text without a space or punctuation" in report
