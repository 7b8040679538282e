"""Deep nesting anywhere in a file is a finding. Past the first lines the checker takes a faster
path; under Pyodide a deep line reaching the JSON scanner there would kill the interpreter."""

from __future__ import annotations

import json

import checker


def test_a_deep_line_after_the_format_is_decided_is_a_finding() -> None:
    example = json.dumps(
        {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
    )
    deep = '{"messages": ' + "[" * 50_000 + "]" * 50_000 + "}"
    lines = [example.replace('"q"', f'"q{n}"') for n in range(80)]
    lines.insert(69, deep)
    report = checker.validate_dataset(lines).to_dict()
    found = report["findings"]["nested-too-deeply"]
    assert [finding["line"] for finding in found["shown"]] == [70]
    assert report["examples"] == 81  # the broken line counts, as an example with an error
