"""The CLI's commands, one module each, in the order ``--help`` lists them.

A command's ``run`` returns 0 (fine) or 1 (the check found a problem) and raises InputError for
unusable input (exit 2); anything else that escapes it is a bug, which ``checker.cli`` reports as
one line with exit code 3.

``python -m checker NAME`` imports only NAME's module (``load``): importing every command took a
tenth of a second, as long as checking a small file. ``SUMMARIES`` lets ``--help`` list all of
them without importing any; it repeats each module's ``HELP`` (a test fails when they differ).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Protocol, cast


class Command(Protocol):
    NAME: str
    HELP: str
    USAGE: str  # the command and its positional arguments, as the docs show it
    EXIT_CODES: dict[int, str]  # what 0, 1 and 2 mean for it (3, an internal error, is common)

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


SUMMARIES = {
    "criteria": "Print the readiness questions, their items and the scoring rule.",
    "template": (
        "Print a blank answers file (every item unanswered) to fill in and pass to 'assess'."
    ),
    "assess": (
        "Score a TOML or JSON answers file ({item_id: yes|no|unsure|n/a|number}), or a JSON report "
        "from assess or the checklist page. Files over 1,000,000 bytes are refused."
    ),
    "validate": (
        "Check fine-tuning dataset files (JSON Lines): format, duplicates, overlap, token counts."
    ),
    "convert": (
        "Convert prompt/completion, question/answer, CSV/TSV, a JSON array, ShareGPT or Alpaca "
        "records into chat JSON Lines; unconvertible records go to a rejects file."
    ),
    "fix": (
        "Write a corrected copy of a JSONL dataset: BOM, CRLF and blank lines removed, duplicates "
        "(and optionally near-duplicates) and validation examples also in training dropped."
    ),
    "split": (
        "Split a JSONL fine-tuning file into training and validation files, keeping duplicates and "
        "near-duplicates (the same prompt) on the same side."
    ),
    "compare": (
        "Compare a fine-tuned model with its baseline on the same holdout items: scores with 95% "
        "intervals, the paired difference, a significance test and the smallest detectable "
        "difference."
    ),
    "cost": (
        "Estimate what fine-tuning costs (training, one-off costs, hosting, inference per month) "
        "and whether the shorter prompt pays for it before the fine-tuned model retires."
    ),
}


def load(name: str) -> Command:
    """The module of the command ``name`` (one of ``SUMMARIES``)."""
    if name not in SUMMARIES:
        raise KeyError(name)
    return cast(Command, importlib.import_module(f"checker.commands.{name}"))


def all_commands() -> tuple[Command, ...]:
    """Every command's module, in ``--help`` order (for the docs and the tests)."""
    return tuple(load(name) for name in SUMMARIES)
