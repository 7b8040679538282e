"""Artefacts of the legacy prompt/completion format, found in converted turns and, on request
(``--strip-legacy``), removed.

The old completions API was trained with a fixed separator at the end of every prompt (such as
``\\n\\n###\\n\\n`` or `` ->``), a stop sequence at the end of every completion (``###``,
`` END``) and a space at the start of every completion. A chat model needs none of them: kept,
they become text the tuned model learns to write. Each is looked for at the ends of the user and
assistant turns only, and reported with the number of records that have it; nothing is removed
unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# (kind, where, the text): checked in this order, at most one suffix per turn.
PROMPT_SEPARATORS = ("\n\n###\n\n", "\n\n###\n", "\n###\n", "###", " ->")
STOP_SEQUENCES = ("\n###", "###", " END")

# The last characters of those suffixes: a turn ending otherwise (and not starting with a space)
# holds none of them.
_LAST_CHARS = {
    "user": frozenset(suffix[-1] for suffix in PROMPT_SEPARATORS),
    "assistant": frozenset(suffix[-1] for suffix in STOP_SEQUENCES),
}

KINDS = {
    "prompt-separator": "user turns end with a legacy separator",
    "completion-stop": "assistant turns end with a legacy stop sequence",
    "leading-space": "turns start with a space (the legacy completion convention)",
}


@dataclass
class LegacyArtefacts:
    """What was found: per kind, how many records and which texts (separators, stops)."""

    strip: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    texts: dict[str, dict[str, int]] = field(default_factory=dict)

    def _found(self, kind: str, text: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        seen = self.texts.setdefault(kind, {})
        seen[text] = seen.get(text, 0) + 1

    def turns(self, turns: list[tuple[str, str]]) -> bool:
        """Look at one record's turns (and strip what was found when asked); True if any."""
        found = False
        for index, (role, text) in enumerate(turns):
            ends = _LAST_CHARS.get(role)
            if ends is None or not text or (text[0] != " " and text[-1] not in ends):
                continue  # the common case, decided by two characters
            cleaned = text
            suffixes = PROMPT_SEPARATORS if role == "user" else STOP_SEQUENCES
            kind = "prompt-separator" if role == "user" else "completion-stop"
            for suffix in suffixes:
                if cleaned.endswith(suffix) and cleaned[: -len(suffix)].strip():
                    self._found(kind, suffix)
                    cleaned = cleaned[: -len(suffix)].rstrip(" ") if self.strip else cleaned
                    found = True
                    break
            if cleaned.startswith(" ") and cleaned.strip():
                self._found("leading-space", " ")
                cleaned = cleaned.lstrip(" ") if self.strip else cleaned
                found = True
            if self.strip and cleaned != text:
                turns[index] = (role, cleaned)
        return found

    def lines(self) -> list[str]:
        """One line per kind found, for the summary."""
        out = []
        for kind, count in self.counts.items():
            texts = ", ".join(repr(text) for text in self.texts.get(kind, {}))
            done = "removed" if self.strip else "kept; --strip-legacy removes them"
            out.append(f"{KINDS[kind]} ({texts}): {count:,} turns, {done}")
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "stripped": self.strip,
            "found": {
                kind: {"turns": count, "texts": self.texts.get(kind, {})}
                for kind, count in self.counts.items()
            },
        }
