"""Which kind of file this is, decided from its first lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from checker.dataset.reader import sniff_binary, sniff_utf16

# Formats the checker knows how to check, and what it says about the others.
CHECKED = ("chat", "preference", "reinforcement")
DESCRIPTIONS = {
    "chat": "chat fine-tuning (supervised): one conversation per line in `messages`",
    "preference": "preference fine-tuning (DPO): `input`, `preferred_output`, "
    "`non_preferred_output`",
    "reinforcement": "reinforcement fine-tuning: `messages` ending with a user turn, "
    "plus keys for the grader",
    "prompt-completion": "legacy `prompt`/`completion` pairs, the format of the retired "
    "completion models; chat fine-tuning needs `messages`",
    "question-answer": "question/answer pairs, not a fine-tuning format; turn each pair into "
    "`messages` with a user and an assistant turn",
    "json-array": "one JSON array holding all the examples; fine-tuning needs JSON Lines, "
    "one example per line",
    "csv": "comma- or tab-separated values, not JSON Lines",
    "binary": "not a text file",
    "utf-16": "UTF-16 text; fine-tuning files must be UTF-8: convert it, e.g. "
    "`iconv -f UTF-16 -t UTF-8 in.jsonl > out.jsonl`, or choose UTF-8 when saving",
    "empty": "an empty file",
    "unknown": "not a recognised fine-tuning format",
}
# The finding each unsupported format gives, at file level.
FORMAT_CODES = {
    "prompt-completion": "prompt-completion-format",
    "question-answer": "question-answer-format",
    "json-array": "json-array-file",
    "csv": "csv-file",
    "binary": "binary-file",
    "utf-16": "utf16-file",
    "unknown": "unknown-format",
}
_QA_KEYS = (
    ("question", "answer"),
    ("instruction", "output"),
    ("instruction", "response"),
    ("input", "output"),
    ("query", "response"),
)


@dataclass(frozen=True)
class Format:
    name: str
    description: str

    @property
    def checked(self) -> bool:
        return self.name in CHECKED


def make_format(name: str, detail: str = "") -> Format:
    return Format(name, DESCRIPTIONS[name] + (f" ({detail})" if detail else ""))


def sniff_format(head: bytes) -> Format | None:
    """The format of a file that is plainly not UTF-8 text, from its first bytes; else None.
    Public: the ``convert`` and ``fix`` commands use it to recognise what they are given."""
    utf16 = sniff_utf16(head)
    if utf16 is not None:
        order = "little-endian" if utf16.endswith("le") else "big-endian"
        return make_format("utf-16", order)
    binary = sniff_binary(head)
    return make_format("binary", binary) if binary else None


def classify(record: object) -> str:
    """The format one parsed line looks like: a key of DESCRIPTIONS, or 'other'."""
    if not isinstance(record, dict):
        return "json-array" if isinstance(record, list) else "other"
    if "preferred_output" in record or "non_preferred_output" in record:
        return "preference"
    messages = record.get("messages")
    if isinstance(messages, list):
        last = messages[-1] if messages else None
        if isinstance(last, dict) and last.get("role") == "user":
            return "reinforcement"
        return "chat"
    if "prompt" in record and "completion" in record:
        return "prompt-completion"
    for first, second in _QA_KEYS:
        if first in record and second in record:
            return "question-answer"
    return "other"


def looks_like_csv(line: bytes) -> bool:
    text = line.strip()
    if text.startswith((b"{", b"[")) or b'":' in text:  # JSON, or broken JSON
        return False
    return b"," in text or b"\t" in text


def decide(kinds: list[str], first_line: bytes | None, sniffed: Format | None) -> Format:
    """The file's format from the kinds of its first lines ('invalid' for lines that are not JSON).

    The majority of the lines that parsed decides; a file whose lines mostly do not parse is
    named from its first line (a JSON array spread over lines, CSV) when that is clear.
    """
    if sniffed is not None:
        return sniffed
    if first_line is None:
        return make_format("empty")
    parsed = [kind for kind in kinds if kind != "invalid"]
    if len(parsed) * 2 <= len(kinds):
        if first_line.lstrip().startswith(b"["):
            return make_format("json-array")
        if looks_like_csv(first_line):
            return make_format("csv")
    if not parsed:
        return make_format("unknown", "no line is a JSON object")
    name, _ = Counter(parsed).most_common(1)[0]
    if name == "other":
        return make_format("unknown", "the lines are JSON objects without `messages`")
    return make_format(name)
