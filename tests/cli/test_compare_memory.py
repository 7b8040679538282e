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

PEAK = """
def peak_kib():
    # Linux's VmHWM belongs to this process image; ru_maxrss also keeps a parent's peak across
    # fork and exec, so a child started from a big pytest process would report the parent's.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
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
    script = PEAK + textwrap.dedent(
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
