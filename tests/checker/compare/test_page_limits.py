"""The comparison page's refusal of files too big for a browser tab, decided in Python."""

from __future__ import annotations

import json

from checker.compare import PAGE_MAX_BYTES, page_refusal
from checker.web import handle


def test_files_within_the_limit_are_accepted() -> None:
    assert page_refusal([("r.csv", PAGE_MAX_BYTES)]) is None
    assert json.loads(handle("compare_precheck", '[{"name": "r.csv", "size": 1000}]')) == {
        "ok": True
    }


def test_too_much_in_total_is_refused_with_the_reason() -> None:
    third = PAGE_MAX_BYTES // 3 + 1
    reason = page_refusal([("b.jsonl", third), ("c.jsonl", third + 5), ("r.jsonl", third)])
    assert reason is not None
    assert reason.startswith("c.jsonl is 11 MB and the files come to 32 MB")
    reply = json.loads(
        handle("compare_precheck", json.dumps([{"name": "big.csv", "size": 90 << 20}]))
    )
    assert not reply["ok"] and "python -m checker compare FILE" in reply["error"]
