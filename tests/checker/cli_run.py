"""One way to run the CLI in process, and one check of the refusal contract.

``run(argv)`` calls ``checker.cli.main`` with stdout and stderr captured in UTF-8 text streams
like a real console's (no subprocess, no pytest fixture: it also runs on Pyodide).
``assert_refused`` is the contract for unusable input: exit 2, nothing on stdout, exactly one
line on stderr. The subprocess tests in tests/cli return the same ``Ran`` and use it too.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from typing import NamedTuple

from checker.cli import main


class Ran(NamedTuple):
    code: int
    out: str
    err: str


def _console() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def run(argv: Sequence[str]) -> Ran:
    out, err = _console(), _console()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Ran(code, _text(out), _text(err))


def assert_refused(ran: Ran, *fragments: str) -> None:
    """Exit 2, empty stdout, one stderr line that holds every fragment."""
    assert ran.code == 2, ran
    assert ran.out == "", ran.out[:500]
    assert ran.err.endswith("\n") and ran.err.count("\n") == 1, ran.err
    for fragment in fragments:
        assert fragment in ran.err, (fragment, ran.err)
