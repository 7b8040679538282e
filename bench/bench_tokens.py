"""Benchmark (not a test): exact token counting (checker.tokens) in MB/s, against a floor.

Run: .venv/bin/python bench/bench_tokens.py [--repeat N]

Texts: the token test corpus (tests/data/tokens/corpus.jsonl.gz) by kind, and the chat examples of
the shared datasets (tests/data/datasets/*.jsonl) counted per example with ``chat_tokens``.
For each it prints MB of UTF-8 per second for
  - the floor: ``json.loads`` of the same texts as JSON strings (the least a checker does per byte),
  - checker.tokens cold (a fresh Encoding, empty piece cache) and warm (cache filled),
  - tiktoken, where installed (built offline from the same vocabulary),
and the ratio of each time to the floor's. Also: the one-off cost of loading the vocabulary.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.tokens import chat_tokens  # noqa: E402
from checker.tokens.bpe import SPECS, Encoding  # noqa: E402


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def groups() -> dict[str, list[str]]:
    path = ROOT / "tests" / "data" / "tokens" / "corpus.jsonl.gz"
    out: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            kind = row["kind"].split("-")[0]
            kind = {
                "dataset": "dataset strings",
                "mixed": "mixed scripts",
                "runs": "long runs",
            }.get(kind, "other")
            if "\ud800" not in row["text"] and "\udfff" not in row["text"]:
                out.setdefault(kind, []).append(row["text"])
    return out


def measure(kind: str, texts: list[str], reference: Any, repeat: int) -> None:
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    encoded = [json.dumps(t) for t in texts]
    floor = best(lambda: [json.loads(e) for e in encoded], repeat)
    warm_enc = Encoding(SPECS["o200k_base"])
    warm_enc.load()

    def cold() -> None:
        enc = Encoding(SPECS["o200k_base"])
        enc._ranks, enc._regex = warm_enc._ranks, warm_enc._regex  # loaded, cache empty
        for t in texts:
            enc.count(t)

    cold_time = best(cold, repeat)
    for t in texts:
        warm_enc.count(t)
    warm_time = best(lambda: [warm_enc.count(t) for t in texts], repeat)
    tik = "-"
    if reference is not None:
        tik_time = best(lambda: [len(reference.encode_ordinary(t)) for t in texts], repeat)
        tik = f"{size / tik_time:.1f}"
    print(
        f"{kind:<18}{size:>6.2f}{size / floor:>12.1f}{size / cold_time:>11.2f}"
        f"{cold_time / floor:>9.0f}{size / warm_time:>11.2f}{warm_time / floor:>9.0f}{tik:>15}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    try:
        from tests.checker.tokens.oracle import oracle

        reference = oracle()
    except ImportError:
        reference = None

    start = time.perf_counter()
    Encoding(SPECS["o200k_base"]).load()
    loaded = time.perf_counter() - start
    print(f"vocabulary load (read, check, unpack; build, compile pattern): {loaded * 1000:.0f} ms")
    print(f"{'texts':<18}{'MB':>6}{'floor MB/s':>12}{'cold MB/s':>11}{'x floor':>9}"
          f"{'warm MB/s':>11}{'x floor':>9}{'tiktoken MB/s':>15}")  # fmt: skip
    for kind, texts in groups().items():
        measure(kind, texts, reference, args.repeat)
    from checker.tokens import get_encoding

    get_encoding("o200k_base").load()  # the load is reported above, not in the chat figure
    examples = []
    for path in sorted((ROOT / "tests" / "data" / "datasets").glob("sft-*.jsonl")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            examples.append((len(line.encode()), json.loads(line)))
    size = sum(n for n, _ in examples) / 1e6
    lines = [json.dumps(e) for _, e in examples]
    floor = best(lambda: [json.loads(line) for line in lines], args.repeat)
    chat = best(lambda: [chat_tokens(e["messages"], e.get("tools")) for _, e in examples], 1)
    warm = best(lambda: [chat_tokens(e["messages"], e.get("tools")) for _, e in examples], 2)
    print(
        f"chat examples: {len(examples)} SFT examples, {size:.2f} MB of JSONL: json.loads floor "
        f"{size / floor:.1f} MB/s; chat_tokens cold {size / chat:.2f} MB/s ({chat / floor:.0f}x "
        f"floor), warm {size / warm:.2f} MB/s ({warm / floor:.0f}x floor)"
    )


if __name__ == "__main__":
    main()
