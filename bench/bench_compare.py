"""Benchmark (not a test): ``compare`` on 10,000 paired items against a one-pass floor, and
the whole command on a file of 10^6 pass/fail rows (time and peak memory).

Run: .venv/bin/python bench/bench_compare.py [--items N] [--replicates R] [--file-rows N]

The floor is one pass over the same rows computing the two means, which any comparison must do
at least once; the ratio says how much the intervals, the test and the bootstrap cost on top.
Target: the pass/fail comparison under about 2 seconds for 10,000 items and 10,000 replicates.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.compare import compare_paired, compare_results  # noqa: E402
from checker.compare.parse import PairedResults  # noqa: E402
from tests.peak_memory import PEAK_KIB_SOURCE  # noqa: E402

T = TypeVar("T")


def timed(function: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Best of ``repeat`` wall-clock runs, in seconds, and the last result."""
    best = float("inf")
    result: T | None = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def pass_fail_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i in range(n):
        base = rng.random() < 0.70
        cand = rng.random() < (0.92 if base else 0.35)
        rows.append({"id": f"item-{i}", "baseline": base, "candidate": cand})
    return rows


def score_rows(n: int, rng: random.Random, levels: int | None) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for i in range(n):
        base = rng.uniform(0, 1)
        cand = min(1.0, max(0.0, base + rng.gauss(0.01, 0.2)))
        if levels:  # a rating scale, e.g. 1..5: few distinct differences
            base, cand = round(base * (levels - 1)) + 1, round(cand * (levels - 1)) + 1
        rows.append({"id": f"item-{i}", "baseline": base, "candidate": cand})
    return rows


def floor_pass(rows: list[dict[str, object]]) -> tuple[float, float]:
    """The floor: one pass over the rows computing both means."""
    total_base = total_cand = 0.0
    for row in rows:
        total_base += float(row["baseline"])  # type: ignore[arg-type]
        total_cand += float(row["candidate"])  # type: ignore[arg-type]
    return total_base / len(rows), total_cand / len(rows)


def bench(label: str, rows: list[dict[str, object]], replicates: int) -> None:
    floor, _ = timed(lambda: floor_pass(rows))
    paired: PairedResults = PairedResults(
        ids=tuple(str(row["id"]) for row in rows),
        baseline=tuple(float(row["baseline"]) for row in rows),  # type: ignore[arg-type]
        candidate=tuple(float(row["candidate"]) for row in rows),  # type: ignore[arg-type]
        kind="pass/fail" if isinstance(rows[0]["baseline"], bool) else "score",
    )
    stats_only, result = timed(lambda: compare_paired(paired, replicates=replicates))
    end_to_end, _ = timed(lambda: compare_results(rows, replicates=replicates))
    print(f"{label}: {len(rows)} items, {replicates} replicates ({result.test.name})")
    print(f"  floor (one pass, two means): {floor * 1000:9.2f} ms")
    print(
        f"  compare, statistics only:    {stats_only * 1000:9.2f} ms"
        f"   ratio {stats_only / floor:7.1f}x"
    )
    print(
        f"  compare, rows to result:     {end_to_end * 1000:9.2f} ms"
        f"   ratio {end_to_end / floor:7.1f}x"
    )
    print(
        f"  difference {result.difference.estimate:+.4f} "
        f"[{result.difference.low:+.4f}, {result.difference.high:+.4f}], "
        f"p = {result.test.p_value:.4g}, verdict: {result.verdict}"
    )


def file_floor(path: Path) -> float:
    """The floor for a file: one pass with the csv module summing both columns."""
    start = time.perf_counter()
    with path.open(newline="") as handle:
        rows = csv.reader(handle)
        next(rows)
        total = [0.0, 0.0]
        for row in rows:
            total[0] += float(row[1])
            total[1] += float(row[2])
    return time.perf_counter() - start


MEASURE = (
    PEAK_KIB_SOURCE
    + """
import sys, time
from checker.compare import compare_results
start = time.perf_counter()
result = compare_results(sys.argv[1])
print(time.perf_counter() - start, peak_kib(), result.items)
"""
)


def bench_file(rows: int) -> None:
    """The whole comparison from a CSV file, in a fresh process so its peak memory is its own."""
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "results.csv"
        with path.open("w") as out:
            out.write("id,baseline,candidate\n")
            for i in range(rows):
                base = rng.random() < 0.7
                out.write(f"item-{i},{int(base)},{int(rng.random() < (0.92 if base else 0.35))}\n")
        floor = min(file_floor(path) for _ in range(3))
        empty = subprocess.run(
            [sys.executable, "-c", PEAK_KIB_SOURCE + "from checker.compare import compare_results\n"
             "print(peak_kib())"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True
        )
        seconds, peak_kib, items = done.stdout.split()
        size_mb = path.stat().st_size / 1e6
        base_mb = int(empty.stdout) / 1024
        peak_mb = int(peak_kib) / 1024
    print(f"compare on a file: {items} pass/fail rows, {size_mb:.1f} MB CSV")
    print(f"  floor (csv module, one pass, two sums): {floor:7.2f} s")
    ratio = float(seconds) / floor
    print(f"  compare, file to result:               {float(seconds):7.2f} s   ratio {ratio:5.1f}x")
    print(
        f"  peak memory {peak_mb:.0f} MB (interpreter with the package imported: {base_mb:.0f} MB;"
        f" {(peak_mb - base_mb) * 1e6 / int(items):.0f} bytes per item)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--replicates", type=int, default=10_000)
    parser.add_argument(
        "--all", action="store_true", help="also time continuous scores (slow: n draws/replicate)"
    )
    parser.add_argument("--file-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = random.Random(2024)
    bench("pass/fail", pass_fail_rows(args.items, rng), args.replicates)
    bench("scores on a 1-5 scale", score_rows(args.items, rng, levels=5), args.replicates)
    if args.all:
        bench("continuous scores", score_rows(args.items, rng, levels=None), args.replicates)
    if args.file_rows:
        bench_file(args.file_rows)


if __name__ == "__main__":
    main()
