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
    script = textwrap.dedent(
        f"""
        import resource, sys
        from checker.compare import compare_results
        result = compare_results({str(path)!r})
        assert result.items == {ROWS}, result.items
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=600
    )
    peak_mb = int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
    assert peak_mb < CEILING_MB, f"peak {peak_mb:.0f} MB"
