"""The CLI's commands, one module each, in the order ``--help`` lists them.

A command's ``run`` returns 0 (fine) or 1 (the check found a problem) and raises InputError for
unusable input (exit 2); anything else that escapes it is a bug, which ``checker.cli`` reports as
one line with exit code 3.
"""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Protocol, cast

from checker.commands import (
    assess,
    compare,
    convert,
    cost,
    criteria,
    fix,
    split,
    template,
    validate,
)


class Command(Protocol):
    NAME: str
    HELP: str
    USAGE: str  # the command and its positional arguments, as the docs show it
    EXIT_CODES: dict[int, str]  # what 0, 1 and 2 mean for it (3, an internal error, is common)

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


_MODULES: tuple[ModuleType, ...] = (
    criteria,
    template,
    assess,
    validate,
    convert,
    fix,
    split,
    compare,
    cost,
)
COMMANDS: tuple[Command, ...] = tuple(cast(Command, module) for module in _MODULES)
