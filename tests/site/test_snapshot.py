"""The memory snapshot the build writes (hooks/runtime.py, hooks/snapshot.mjs): listed in
runtime.json with its hash, carrying the wheel's files, kept by the service worker, and a
restored interpreter that answers exactly like one started plainly."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from runtime import RUNTIME_CACHE

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def manifest(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / "assets" / "runtime.json").read_text("utf-8"))
    return data


def served(site_dir: Path, relative: str) -> Path:
    return (site_dir / "assets" / relative).resolve()


def test_runtime_json_lists_the_snapshot_with_its_hash(site_dir: Path) -> None:
    runtime = manifest(site_dir)
    snapshot = served(site_dir, runtime["snapshot"])
    assert snapshot.parent == (site_dir / "snapshot").resolve()
    digest = base64.b64encode(hashlib.sha384(snapshot.read_bytes()).digest()).decode()
    assert runtime["snapshotIntegrity"] == f"sha384-{digest}"
    assert runtime["cache"] == RUNTIME_CACHE
    assert set(runtime["pyodideIntegrity"]) == {
        "pyodide.mjs",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
    }


def test_the_snapshot_carries_exactly_the_wheels_files(site_dir: Path) -> None:
    runtime = manifest(site_dir)
    container = gzip.decompress(served(site_dir, runtime["snapshot"]).read_bytes())
    length = int.from_bytes(container[:4], "little")
    header = json.loads(container[4 : 4 + length])
    assert len(container) == 4 + length + header["heap"] + sum(s for _, s in header["files"])
    wheel = zipfile.ZipFile(served(site_dir, runtime["wheel"]))
    offset = 4 + length + header["heap"]
    carried = {}
    for path, size in header["files"]:
        carried[path.removeprefix("/home/pyodide/")] = container[offset : offset + size]
        offset += size
    assert carried == {name: wheel.read(name) for name in wheel.namelist()}


def test_the_service_worker_keeps_the_snapshot_and_the_vocabulary(site_dir: Path) -> None:
    code = (site_dir / "sw.js").read_text("utf-8")
    build = json.loads(re.search(r"const BUILD = (\{.*?\});", code).group(1))  # type: ignore[union-attr]
    snapshot = served(site_dir, manifest(site_dir)["snapshot"]).relative_to(site_dir.resolve())
    assert snapshot.as_posix() in build["runtime"]
    assert any(path.startswith("vocabulary/") for path in build["runtime"])
    assert build["runtimeCache"] == RUNTIME_CACHE


def expressions() -> list[str]:
    """Requests of every page, as the worker makes them, and what a restore could get wrong."""
    answers = json.loads((DATA / "answers" / "valid" / "cost-only-motive.json").read_text("utf-8"))
    cost = json.loads((DATA / "cost" / "cases.json").read_text("utf-8"))
    cost_request: dict[str, object] = {k: str(v) for k, v in cost["cases"][0]["inputs"].items()}
    cost_request["prices"] = {k: str(v) for k, v in cost["prices"].items()}
    results = (DATA / "compare" / "pass_fail.jsonl").read_text("utf-8")
    dataset = (DATA / "datasets" / "sft-gsm8k-train.jsonl").read_text("utf-8")[:20000]
    dataset = dataset[: dataset.rfind("\n") + 1]
    call = "checker.web.handle({!r}, {})".format
    session = (
        "(lambda s: (s.begin('train', 'train.jsonl', {size}), s.feed({data!r}), s.end(), "
        "s.finish_json())[-1])(checker.web.dataset_session(None))"
    )
    return [
        call("assess_answers", repr("{}")),
        call("assess_answers", repr(json.dumps(answers))),
        call("assess_answers", repr('{"training-examples": "-4", "nonsense": "yes"}')),
        call("assessment_report", f"{json.dumps(answers)!r}, 'markdown'"),
        call("cost_estimate", repr(json.dumps(cost_request))),
        call("cost_estimate", repr("[]")),
        call("compare_precheck", repr('[{"name": "r.jsonl", "size": 100}]')),
        call("compare_files", repr(json.dumps({"results": {"name": "r.jsonl", "text": results}}))),
        session.format(size=len(dataset.encode()), data=dataset.encode()),
        "import sys, os; repr((sys.path, sys.executable, os.getcwd(), sorted(os.environ)))",
        "import sys; repr(sorted(m for m in sys.modules if m.startswith('checker')) != [])",
    ]


def test_a_restored_interpreter_answers_like_a_plain_one(site_dir: Path, tmp_path: Path) -> None:
    requests = tmp_path / "expressions.json"
    requests.write_text(json.dumps(expressions()), encoding="utf-8")
    script = ROOT / "tests" / "pyodide" / "snapshot_equivalence.mjs"
    done = subprocess.run(
        ["node", str(script), str(site_dir), str(requests)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert len(result["plain"]) == len(expressions())
    for expression, plain, restored in zip(
        expressions(), result["plain"], result["restored"], strict=True
    ):
        assert restored == plain, expression[:120]
    # The requests did real work: none of them failed outright.
    assert not [answer for answer in result["plain"] if answer.startswith("error:")]
    assert json.loads(result["plain"][1])["ok"] is True
    assert json.loads(result["plain"][8])["ok"] is True
