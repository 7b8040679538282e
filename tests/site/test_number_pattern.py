"""The number pattern the page uses (run by JavaScript's RegExp, in Node) and the Python rule
take the same texts. Not in tests/checker, which also runs on Pyodide, where there is no Node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.readiness.answers import NUMBER_PATTERN, number_text
from tests.checker.test_number_text import READ_AS, REFUSED


def _javascript_accepts(texts: list[str]) -> list[bool]:
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs the site's tools with it)"
    script = (
        "const [pattern, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const rule = new RegExp(pattern);"
        "process.stdout.write(JSON.stringify(texts.map((text) => rule.test(text))));"
    )
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps([NUMBER_PATTERN, texts]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    accepted: list[bool] = json.loads(done.stdout)
    return accepted


TYPED = st.text(alphabet="0123456789,. %+-\u00a0\u202fe", max_size=14).map(str.strip)


@settings(max_examples=40, deadline=None)
@given(st.lists(TYPED, min_size=50, max_size=50))
def test_the_page_pattern_and_the_python_rule_agree(texts: list[str]) -> None:
    texts = [*READ_AS, *REFUSED, *texts]
    python = [number_text(text) is not None for text in texts]
    assert _javascript_accepts(texts) == python
    assert python == [re.match(NUMBER_PATTERN, text) is not None for text in texts]
