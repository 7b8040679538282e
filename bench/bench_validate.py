"""Benchmark (not a test): ``python -m checker validate`` against a json.loads floor.

Run: .venv/bin/python bench/bench_validate.py [--quick] [--examples N]

It writes a deterministic dataset of varied multi-turn chat examples to bench/out/ (gitignored)
and measures, each in a fresh child process so interpreter start-up counts on both sides:

(a) the floor: read the file and ``json.loads`` every line, the least any checker must do;
(b) ``python -m checker validate`` on the same file (wall time, best of 3 for (a) and (b)):
    exact token counts where they decide, billed tokens from a sample (checker/dataset/tokens.py);
(b0) the checks alone: (b) with the exact tokenizer made unavailable (token estimates only, no
    vocabulary), a bench-only run that shows what exact counting adds to (b);
(b2) the same with ``--exact-tokens``: every example through the pure-Python tokenizer;
(c) the peak memory (max RSS of the child) of (b) on that file and on one ten times larger,
    to show that memory does not grow with the file;
(e) the peak memory on a small file holding one 38 MB line (a vision example with three 9.5 MB
    images, which the services accept): memory is bounded by the longest line, not the file;
(f) start-up: validate on a 20-line file (best of 5), i.e. the fixed costs every run pays
    (interpreter, imports, the tokenizer's vocabulary and pattern), so they stay visible; goal
    at most 0.2 s on a quiet machine, printed with its ratio to the same file's floor (f0);
(g) one line holding a 1 MiB and a 4 MiB run of one letter: time and peak memory, bounded by
    checker/tokens/bpe.py (``--only runs`` or ``--only startup`` runs just those).

The package's bytecode is compiled first (``compileall``), as an installed package's is: this
environment sets PYTHONDONTWRITEBYTECODE, which would otherwise add compiling to every run.

Goals: (b)/(a) <= 3.0 with exact counting (issue 16); the 2.0 of issue 12, set before exact
counting, is compared with (b0) and with (b); (b2) measured;
peak under 200 MB for a million examples. Memory grows with the longest line (it is held and
parsed whole: expect a few times its size at peak) and by a fixed 36 bytes per example up to a
million examples (see checker/dataset/stats.py), never with the file's size.
Each measurement is a function returning rows for the table; append more to MEASUREMENTS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
FLOOR = (
    "import json, sys\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    for line in f:\n"
    "        if line.strip():\n"
    "            json.loads(line)\n"
)
WORDS = [
    "the",
    "a",
    "order",
    "refund",
    "shipping",
    "account",
    "password",
    "invoice",
    "delivery",
    "return",
    "policy",
    "customer",
    "support",
    "please",
    "thank",
    "you",
    "can",
    "I",
    "help",
    "with",
    "your",
    "today",
    "product",
    "size",
    "colour",
    "price",
    "discount",
    "warranty",
    "store",
    "online",
    "payment",
    "card",
    "address",
    "update",
    "cancel",
    "subscription",
    "plan",
    "email",
    "phone",
    "number",
    "reset",
    "login",
    "error",
    "message",
    "screen",
    "app",
    "version",
    "install",
    "device",
    "battery",
    "charge",
    "screen",
    "week",
    "days",
    "hours",
    "open",
    "close",
    "weekend",
    "holiday",
    "receipt",
    "tracking",
    "parcel",
    "courier",
    "late",
    "damaged",
]
SYSTEMS = (
    "You are a helpful support assistant for an online shop. Answer briefly and politely.",
    "You are a concise assistant. Reply in one or two sentences.",
    "You help customers with orders, returns and accounts. Ask for the order number if needed.",
)


@dataclass
class Row:
    name: str
    examples: int
    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mb: float | None = None


@dataclass
class Context:
    small: Path
    large: Path | None
    small_n: int
    large_n: int
    results: dict[str, Row]


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + rng.choice((".", "?", "!"))


def example(rng: random.Random, index: int) -> dict[str, object]:
    messages: list[dict[str, object]] = []
    if rng.random() < 0.9:
        messages.append({"role": "system", "content": SYSTEMS[index % len(SYSTEMS)]})
    for turn in range(rng.randint(1, 4)):
        question = f"#{index}-{turn} " + " ".join(sentence(rng, 4, 18) for _ in range(2))
        messages.append({"role": "user", "content": question})
        reply: dict[str, object] = {
            "role": "assistant",
            "content": " ".join(sentence(rng, 6, 25) for _ in range(rng.randint(1, 4))),
        }
        if rng.random() < 0.1:
            reply["weight"] = rng.choice((0, 1))
        messages.append(reply)
    return {"messages": messages}


def generate(path: Path, n: int, seed: int = 7) -> Path:
    if path.exists() and path.stat().st_size > 0 and path.with_suffix(".done").exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for index in range(n):
            out.write(json.dumps(example(rng, index), ensure_ascii=False) + "\n")
    path.with_suffix(".done").write_text(str(n))
    return path


def run_child(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one child process, output discarded.

    CPU time is printed too because these machines are shared: wall time varies with load."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed with exit code {child.returncode}")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return seconds, usage.ru_utime + usage.ru_stime, rss


def best_of(argv: list[str], repeat: int = 3) -> tuple[float, float, float]:
    runs = [run_child(argv) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def floor_argv(path: Path) -> list[str]:
    return [sys.executable, "-c", FLOOR, str(path)]


def validate_argv(path: Path) -> list[str]:
    return [sys.executable, "-m", "checker", "validate", str(path), "--format", "json"]


def measure_floor(ctx: Context) -> list[Row]:
    return [Row("(a) floor: read + json.loads", ctx.small_n, *best_of(floor_argv(ctx.small)))]


def measure_validate(ctx: Context) -> list[Row]:
    return [Row("(b) python -m checker validate", ctx.small_n, *best_of(validate_argv(ctx.small)))]


CHECKS_ALONE = (
    "import sys\n"
    "import checker.dataset.session as session\n"
    "from checker.cli import main\n"
    "session.exact_encoding = lambda limits, method: None\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def measure_checks_alone(ctx: Context) -> list[Row]:
    argv = [sys.executable, "-c", CHECKS_ALONE, *validate_argv(ctx.small)[3:]]
    return [Row("(b0) the checks alone (estimates)", ctx.small_n, *best_of(argv))]


def measure_exact(ctx: Context) -> list[Row]:
    """(b2) every example counted with the pure-Python tokenizer (one run: it is slow)."""
    argv = [*validate_argv(ctx.small), "--exact-tokens"]
    return [Row("(b2) validate --exact-tokens", ctx.small_n, *run_child(argv))]


def measure_large(ctx: Context) -> list[Row]:
    if ctx.large is None:
        return []
    return [Row("(c) validate, 10x larger file", ctx.large_n, *run_child(validate_argv(ctx.large)))]


def long_line_file(path: Path) -> Path:
    """20 ordinary examples and one of three 9.5 MB base64 images: a 38 MB line."""
    if path.exists() and path.with_suffix(".done").exists():
        return path
    import base64

    rng = random.Random(3)
    image = base64.b64encode(rng.randbytes(9_500_000)).decode()
    part = {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{image}"}}
    big = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "Compare."}, part, part, part]},
            {"role": "assistant", "content": "The second chart rises faster."},
        ]
    }
    with path.open("w", encoding="utf-8") as out:
        for index in range(20):
            out.write(json.dumps(example(rng, index)) + "\n")
        out.write(json.dumps(big) + "\n")
    path.with_suffix(".done").write_text("21")
    return path


def measure_long_line(ctx: Context) -> list[Row]:
    path = long_line_file(OUT / "long-line.jsonl")
    return [Row("(e) validate, one 38 MB line", 21, *run_child(validate_argv(path)))]


def measure_startup(ctx: Context) -> list[Row]:
    path = generate(OUT / "chat-20.jsonl", 20)
    return [
        Row("(f0) floor: 20 lines", 20, *best_of(floor_argv(path), 5)),
        Row("(f) start-up: validate, 20 lines", 20, *best_of(validate_argv(path), 5)),
    ]


def one_run_file(path: Path, letters: int) -> Path:
    """One example whose answer is a run of one letter (a DNA sequence, a long identifier)."""
    turns = [
        {"role": "user", "content": "Spell it"},
        {"role": "assistant", "content": "a" * letters},
    ]
    path.write_text(json.dumps({"messages": turns}) + "\n", encoding="utf-8")
    return path


def measure_long_runs(ctx: Context) -> list[Row]:
    """(g) a 1 MiB run (counted exactly) and a 4 MiB run (over EXACT_PIECE_BYTES: counted as
    an upper bound), each one line: bounded memory and time on a pathological piece."""
    sys.path.insert(0, str(ROOT))
    from tests.peak_memory import PEAK_KIB_SOURCE

    rows = []
    for mib in (1, 4):
        path = one_run_file(OUT / f"run-{mib}mib.jsonl", mib * 1024 * 1024)
        # the child reports its own peak (VmHWM): ru_maxrss would include this process's
        script = (
            PEAK_KIB_SOURCE
            + "import contextlib, io\nfrom checker.cli import main\n"
            + "with contextlib.redirect_stdout(io.StringIO()):\n"
            + f"    main(['validate', {str(path)!r}])\nprint(peak_kib())\n"
        )
        start, usage_before = time.perf_counter(), os.times()
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
        )
        seconds = time.perf_counter() - start
        usage = os.times()
        cpu = (usage.children_user - usage_before.children_user) + (
            usage.children_system - usage_before.children_system
        )
        peak = int(done.stdout.split()[-1]) / 1024
        rows.append(Row(f"(g) one line, a {mib} MiB run of a", 1, seconds, cpu, peak))
    return rows


def measure_browser(ctx: Context) -> list[Row]:
    """(d) the same file checked on the site's dataset page, in headless Chromium.

    Timed from the click on "Check the dataset" to the report, after a small warm-up file has
    started Pyodide, so the figure is the checking itself, comparable with (b)."""
    import tempfile

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path
    from tests.site_build import build_site, serve

    warm_up = generate(OUT / "chat-20.jsonl", 20)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        site = Path(folder) / "site"
        built = build_site(site)
        if built.returncode != 0:
            raise SystemExit(f"site build failed:\n{built.stderr}")
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        with serve(site) as url:
            page = browser.new_page()
            page.set_default_timeout(600_000)
            page.goto(url + "dataset/")
            seconds = []
            for path in (warm_up, ctx.small, ctx.small):
                page.set_input_files("#dataset-train", str(path))
                start = time.perf_counter()
                page.click("[data-ftr-dataset] button[type=submit]")
                page.wait_for_function(
                    "n => document.querySelector('[data-ftr-tool-status]').textContent"
                    ".startsWith('Checked') && document.querySelector('[data-ftr-dataset-report]')"
                    ".textContent.includes(n)",
                    arg=f"{ctx.small_n if path != warm_up else 20:,} examples",
                )
                seconds.append(time.perf_counter() - start)
                page.evaluate("document.querySelector('[data-ftr-tool-status]').textContent = ''")
        browser.close()
    return [Row("(d) the dataset page in Chromium", ctx.small_n, min(seconds[1:]), None, None)]


MEASUREMENTS: list[Callable[[Context], list[Row]]] = [
    measure_floor,
    measure_validate,
    measure_checks_alone,
    measure_exact,
    measure_large,
    measure_long_line,
    measure_startup,
    measure_long_runs,
    measure_browser,
]
ONLY = {"startup": [measure_startup], "runs": [measure_long_runs]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 examples")
    parser.add_argument("--examples", type=int, help="size of the main file (default 100,000)")
    parser.add_argument("--no-large", action="store_true", help="skip the 10x memory run")
    parser.add_argument("--no-browser", action="store_true", help="skip the dataset page run")
    parser.add_argument(
        "--only", choices=tuple(ONLY), help="only (f) start-up or (g) the long runs, no big files"
    )
    args = parser.parse_args(argv)
    if args.no_browser:
        MEASUREMENTS.remove(measure_browser)
    if args.only:
        MEASUREMENTS[:] = ONLY[args.only]
        args.examples, args.no_large = 20, True
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    small_n = args.examples or (10_000 if args.quick else 100_000)
    large_n = small_n * 10
    print(f"generating {small_n:,} (and {large_n:,}) examples in {OUT} ...", flush=True)
    small = generate(OUT / f"chat-{small_n}.jsonl", small_n)
    large = None if args.no_large else generate(OUT / f"chat-{large_n}.jsonl", large_n)
    ctx = Context(small, large, small_n, large_n, {})
    rows: list[Row] = []
    for measure in MEASUREMENTS:
        for row in measure(ctx):
            rows.append(row)
            ctx.results[row.name] = row
            peak = f", {row.peak_mb:.0f} MB" if row.peak_mb is not None else ""
            print(f"  {row.name}: {row.seconds:.2f} s{peak}", flush=True)
    print()
    print(
        f"{'measurement':<34}{'examples':>11}{'MB file':>9}{'seconds':>9}{'CPU s':>9}{'peak MB':>9}"
    )
    for row in rows:
        path = {
            large_n: ctx.large,
            21: OUT / "long-line.jsonl",
            20: OUT / "chat-20.jsonl",
            1: OUT / f"run-{row.name.split(' a ')[1].split()[0]}mib.jsonl"
            if " MiB run" in row.name
            else None,
        }.get(row.examples, ctx.small)
        size = path.stat().st_size / 1e6 if path else 0
        seconds = f"{row.seconds:.2f}" if row.seconds is not None else "-"
        cpu = f"{row.cpu_seconds:.2f}" if row.cpu_seconds is not None else "-"
        peak = f"{row.peak_mb:.0f}" if row.peak_mb is not None else "-"
        print(f"{row.name:<34}{row.examples:>11,}{size:>9.0f}{seconds:>9}{cpu:>9}{peak:>9}")
    print()
    startup, startup_floor = (
        ctx.results.get("(f) start-up: validate, 20 lines"),
        ctx.results.get("(f0) floor: 20 lines"),
    )
    if startup and startup_floor and startup.seconds and startup_floor.seconds:
        print(
            f"(f) start-up: {startup.seconds * 1000:.0f} ms (goal <= 200 ms on a quiet machine), "
            f"{startup.seconds / startup_floor.seconds:.2f} x its floor of "
            f"{startup_floor.seconds * 1000:.0f} ms; CPU {startup.cpu_seconds or 0:.2f} s, "
            f"{(startup.cpu_seconds or 0) / (startup_floor.cpu_seconds or 1):.1f} x the floor's"
        )
    for name, row in ctx.results.items():
        if name.startswith("(g)") and row.seconds:
            print(
                f"{name}: {row.seconds:.1f} s ({row.cpu_seconds or 0:.1f} s CPU), "
                f"{row.peak_mb:.0f} MB peak (goal: seconds, and bounded by checker/tokens/bpe.py)"
            )
    if "(a) floor: read + json.loads" not in ctx.results:
        return 0
    floor, check = rows[0], rows[1]
    assert floor.seconds and check.seconds and floor.cpu_seconds and check.cpu_seconds
    ratio = check.seconds / floor.seconds
    cpu_ratio = check.cpu_seconds / floor.cpu_seconds
    print(f"\n(b)/(a) = {ratio:.2f} wall, {cpu_ratio:.2f} CPU  (goal <= 3.0; issue 12's 2.0)")
    alone = ctx.results.get("(b0) the checks alone (estimates)")
    if alone and alone.seconds and alone.cpu_seconds:
        print(
            f"(b0)/(a) = {alone.seconds / floor.seconds:.2f} wall, "
            f"{alone.cpu_seconds / floor.cpu_seconds:.2f} CPU  (the checks without exact counting)"
        )
    exact = ctx.results.get("(b2) validate --exact-tokens")
    if exact and exact.seconds and exact.cpu_seconds:
        print(
            f"(b2)/(a) = {exact.seconds / floor.seconds:.2f} wall, "
            f"{exact.cpu_seconds / floor.cpu_seconds:.2f} CPU  (--exact-tokens, pure Python)"
        )
    peaks = [
        row.peak_mb
        for name, row in ctx.results.items()
        if name.startswith(("(b)", "(c)")) and row.peak_mb is not None
    ]
    print(f"peak memory of validate: {' -> '.join(f'{p:.0f} MB' for p in peaks)}  (goal < 200 MB)")
    if startup and startup.seconds:
        print(f"(f) start-up: {startup.seconds / check.seconds:.0%} of (b)")
    browser = ctx.results.get("(d) the dataset page in Chromium")
    if browser and browser.seconds:
        print(f"(d)/(b) = {browser.seconds / check.seconds:.2f}  browser / CPython (goal < 3.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
