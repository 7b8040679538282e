"""Command line entry point: ``python -m checker COMMAND ...``.

Each command is a module in ``checker.commands`` with ``configure(parser)`` and
``run(args) -> int``.
Exit codes: 0 success, 1 the check found a problem, 2 unusable input or arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from checker.commands import COMMANDS
from checker.errors import InputError

PROG = "python -m checker"


class OneLineParser(argparse.ArgumentParser):
    """Argument errors as one line, like every other error of the CLI (argparse adds the usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description="Check whether you are ready to fine-tune a language model.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        escaped = command.HELP.replace("%", "%%")  # argparse %-formats help, not descriptions
        sub = subparsers.add_parser(command.NAME, help=escaped, description=command.HELP)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed its one-line usage error already
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        code: int = args.run(args)
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    return code
