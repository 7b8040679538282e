"""The command-line page's tables, generated from the commands themselves.

A plain function with no MkDocs import (the hook calls it). Each command module declares its
``USAGE``, ``HELP``, ``EXIT_CODES`` and optionally ``SEE``; the options come from the real
argument parser, so the page cannot list a flag the CLI does not have, or miss one it has.
"""

from __future__ import annotations

import argparse

from checker.cli import build_parser
from checker.commands import all_commands

COMMANDS_MARKER = "<!-- cli:commands -->"
EXIT_CODES_MARKER = "<!-- cli:exit-codes -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def command_options() -> dict[str, list[str]]:
    """Each command's long options, in the order its parser declares them (without the ones
    every command has: --help and --debug)."""
    parser = build_parser()
    subparsers = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    options: dict[str, list[str]] = {}
    for name, sub in subparsers.choices.items():
        flags = [
            next(flag for flag in action.option_strings if flag.startswith("--"))
            for action in sub._actions
            if any(flag.startswith("--") for flag in action.option_strings)
            and not {"--help", "--debug"} & set(action.option_strings)
        ]
        options[name] = flags
    return options


def commands_table() -> str:
    options = command_options()
    rows = ["| Command | What it does | Options |", "|---|---|---|"]
    for command in all_commands():
        see = getattr(command, "SEE", None)
        what = _cell(command.HELP) + (f" See [more]({see})." if see else "")
        flags = ", ".join(f"`{flag}`" for flag in options[command.NAME]) or "none"
        rows.append(f"| `{command.USAGE}` | {what} | {flags} |")
    return "\n".join(rows)


def exit_codes_table() -> str:
    rows = ["| Command | 0 | 1 | 2 |", "|---|---|---|---|"]
    for command in all_commands():
        cells = [_cell(command.EXIT_CODES.get(code, "not used")) for code in (0, 1, 2)]
        rows.append(f"| `{command.NAME}` | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def insert_cli_tables(markdown: str) -> str:
    return markdown.replace(COMMANDS_MARKER, commands_table()).replace(
        EXIT_CODES_MARKER, exit_codes_table()
    )
