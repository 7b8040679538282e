"""Text from a user's file, made safe for each place we print it: terminal, Markdown, one line.

Every output path that shows data (a key, a role, an excerpt, a file name, a version string)
goes through one of these functions, so a hostile file cannot retitle a terminal, forge an
``error:`` line, or put live HTML into a rendered Markdown report.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata

MAX_MESSAGE_CHARS = 300
_ELLIPSIS = "…"


def _visible(char: str) -> str:
    """A control, format or lone-surrogate character as a visible escape; others unchanged."""
    code = ord(char)
    if char in "\t":
        return "\\t"
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)


def for_terminal(text: str) -> str:
    """``text`` with every control character (ESC, BEL, NUL, CR, LF, bidi overrides, lone
    surrogates...) replaced by a visible escape, so it prints as one inert line."""
    return _UNSAFE.sub(lambda match: _visible(match.group()), text)


def shorten(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + _ELLIPSIS


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """A message for stderr or a report line: escaped for the terminal, then shortened."""
    return shorten(for_terminal(text), limit)


def plural(count: int, noun: str) -> str:
    """``1 example``, ``2 examples``, ``1,000 examples`` (nouns with a plain plural only)."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name as we print it: unchanged when plain, ``repr``-quoted when it holds control
    characters (a newline in a name must not break the one-line rule)."""
    name = os.fspath(path)
    return repr(name) if _UNSAFE.search(name) else name


def md_code(text: str) -> str:
    """``text`` as an inline Markdown code span that nothing inside can close or escape: the
    fence is one backtick longer than the longest run inside, and control characters are
    escaped. Inside a code span HTML is shown as text by every CommonMark renderer."""
    text = for_terminal(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_text(text: str) -> str:
    """``text`` as plain Markdown prose: HTML-escaped, Markdown punctuation backslash-escaped,
    control characters made visible, newlines folded to spaces."""
    flat = for_terminal(text.replace("\r\n", " ").replace("\n", " "))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
