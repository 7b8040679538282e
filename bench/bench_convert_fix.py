"""Benchmark (not a test): ``convert`` and ``fix`` against a json.loads floor, and their memory.

Run: .venv/bin/python bench/bench_convert_fix.py [--examples N]

Inputs, written to bench/out/ (gitignored) from bench_validate's deterministic chat examples:
- a prompt/completion file of N records (first user turn, first assistant turn) for ``convert``;
- a "dirty" chat file of N lines for ``fix``: a BOM, CRLF line ends, and 5% exact duplicates.

Each measurement runs in a fresh child process (interpreter start-up counts on both sides):
(a) the floor: read the file and ``json.loads`` every line, the least any tool must do;
(b) the conversion or fix alone (the API with ``validate=False``): goal <= 2.5x (a);
(c) the CLI command, which also checks its output with the dataset checker as it writes it;
and the peak memory (max RSS) of (c) on the file and on one a tenth of its size, to show that
memory does not grow with the file (beyond fix's 8-byte-per-line duplicate sets).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import OUT, best_of, example, run_child

CONVERT_API = (
    "import sys\n"
    "from checker.convert import convert_file\n"
    "convert_file(sys.argv[1], sys.argv[2], source_format='prompt-completion', validate=False)\n"
)
FIX_API = (
    "import sys\n"
    "from checker.convert.fix import fix_files\n"
    "fix_files(sys.argv[1], sys.argv[2], validate=False)\n"
)
FLOOR = (
    "import json, sys\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    for line in f:\n"
    "        if line.strip():\n"
    "            json.loads(line)\n"
)


def make_inputs(n: int) -> tuple[Path, Path]:
    pc, dirty = OUT / f"prompt-completion-{n}.jsonl", OUT / f"dirty-chat-{n}.jsonl"
    done = OUT / f"convert-fix-{n}.done"
    if done.exists():
        return pc, dirty
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    lines: list[bytes] = []
    with pc.open("w", encoding="utf-8") as out:
        for index in range(n):
            record = example(rng, index)
            line = json.dumps(record, ensure_ascii=False).encode()
            lines.append(line)
            messages = record["messages"]
            assert isinstance(messages, list)
            user = next(m["content"] for m in messages if m["role"] == "user")
            reply = next(m["content"] for m in messages if m["role"] == "assistant")
            out.write(json.dumps({"prompt": user, "completion": reply}, ensure_ascii=False) + "\n")
    with dirty.open("wb") as out:
        out.write(b"\xef\xbb\xbf")
        for index, line in enumerate(lines[: n - n // 20]):
            out.write(line + b"\r\n")
            if index % 19 == 0:  # about 5% exact duplicates
                out.write(line + b"\r\n")
    done.write_text(str(n))
    return pc, dirty


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n = args.examples
    if args.generate_only:
        make_inputs(n)
        make_inputs(n // 10)
        return 0
    print(f"generating {n:,} and {n // 10:,} examples in {OUT} ...", flush=True)
    # in a child: a child's peak memory starts from its parent's, so the parent stays small
    subprocess.run([sys.executable, __file__, "--examples", str(n), "--generate-only"], check=True)
    pc, dirty = make_inputs(n)
    small_pc, small_dirty = make_inputs(n // 10)
    out = OUT / "convert-fix-result.jsonl"
    py = sys.executable
    rows: list[tuple[str, float, float, float]] = []

    def row(name: str, result: tuple[float, float, float]) -> tuple[float, float, float]:
        rows.append((name, *result))
        print(f"  {name}: {result[0]:.2f} s, {result[1]:.2f} s CPU, {result[2]:.0f} MB", flush=True)
        return result

    floor_c = row("(a) floor on the prompt/completion file", best_of([py, "-c", FLOOR, str(pc)]))
    api_c = row("(b) convert, API", best_of([py, "-c", CONVERT_API, str(pc), str(out)]))
    cli = [py, "-m", "checker", "convert", "--from", "prompt-completion", "-o", str(out)]
    cli_c = row("(c) convert, CLI (+ check)", best_of([*cli[:4], str(pc), *cli[4:]]))
    small_c = row("(c) convert, CLI, 1/10 file", run_child([*cli[:4], str(small_pc), *cli[4:]]))
    floor_f = row("(a) floor on the dirty chat file", best_of([py, "-c", FLOOR, str(dirty)]))
    api_f = row("(b) fix, API", best_of([py, "-c", FIX_API, str(dirty), str(out)]))
    fix = [py, "-m", "checker", "fix"]
    cli_f = row("(c) fix, CLI (+ check)", best_of([*fix, str(dirty), "-o", str(out)]))
    near = row(
        "(c) fix --drop-near-duplicates",
        best_of([*fix, str(dirty), "--drop-near-duplicates", "-o", str(out)]),
    )
    small_f = row("(c) fix, CLI, 1/10 file", run_child([*fix, str(small_dirty), "-o", str(out)]))

    print(f"\n{'measurement':<42}{'seconds':>9}{'CPU s':>9}{'peak MB':>9}")
    for name, seconds, cpu, peak in rows:
        print(f"{name:<42}{seconds:>9.2f}{cpu:>9.2f}{peak:>9.0f}")
    print()
    for label, floor, api, full in (
        ("convert", floor_c, api_c, cli_c),
        ("fix", floor_f, api_f, cli_f),
    ):
        print(
            f"{label}: (b)/(a) = {api[0] / floor[0]:.2f} wall, {api[1] / floor[1]:.2f} CPU "
            f"(goal <= 2.5); (c)/(a) = {full[0] / floor[0]:.2f} wall, {full[1] / floor[1]:.2f} CPU"
        )
    print(
        f"fix --drop-near-duplicates, CLI: {near[0] / floor_f[0]:.2f} wall, "
        f"{near[1] / floor_f[1]:.2f} CPU"
    )
    print(
        f"peak memory, 1/10 file -> full file: convert {small_c[2]:.0f} -> {cli_c[2]:.0f} MB, "
        f"fix {small_f[2]:.0f} -> {cli_f[2]:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
