"""``compare`` on a million pass/fail rows stays under its stated memory ceiling (not timed).

The ceiling is documented in ``checker.compare.parse`` (MAX_ITEMS, about 150 bytes per item):
10^6 rows in a 16 MB CSV measured 178 MB peak resident memory, interpreter included.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.peak_memory import PEAK_KIB_SOURCE

CEILING_MB = 250
ROWS = 1_000_000


def test_a_million_rows_stay_under_the_ceiling(tmp_path: Path) -> None:
    rng = random.Random(1)
    path = tmp_path / "results.csv"
    with path.open("w") as out:
        out.write("id,baseline,candidate\n")
        for i in range(ROWS):
            base = rng.random() < 0.7
            out.write(f"item-{i},{int(base)},{int(rng.random() < (0.9 if base else 0.35))}\n")
    script = PEAK_KIB_SOURCE + textwrap.dedent(
        f"""
        from checker.compare import compare_results
        result = compare_results({str(path)!r})
        assert result.items == {ROWS}, result.items
        print(peak_kib())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600
    )
    peak_mb = int(done.stdout.strip()) / 1024  # KiB to MB
    assert peak_mb < CEILING_MB, f"peak {peak_mb:.0f} MB"
