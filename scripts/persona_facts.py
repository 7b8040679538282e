"""Write tests/data/personas/facts.toml: the packaged facts, trimmed to the models and prices the
persona scenarios use (tests/checker/test_personas.py), so the personas are judged with fixed
facts while the packaged ones move on. Run it again only when the facts file's format changes,
and review the personas' verdicts if their dates or prices changed.

Run: python scripts/persona_facts.py
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "checker" / "facts.toml"
TARGET = ROOT / "tests" / "data" / "personas" / "facts.toml"
MODELS = ("gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1-nano", "o4-mini")
PRICED = ("gpt-4.1-mini", "gpt-4o-mini")
HEADER = (
    "# A fixed copy of the facts the persona scenarios are judged with, trimmed to the models\n"
    "# they use (written by scripts/persona_facts.py), so the packaged facts can be updated\n"
    "# without moving the personas' expected verdicts.\n"
)


def trimmed(text: str) -> str:
    kept: list[str] = []
    dropping = False
    for part in re.split(r"(?m)^(?=\[)", text):
        if part.startswith("[[models]]"):
            found = re.search(r'name = "([^"]+)"', part)
            dropping = found is None or found.group(1) not in MODELS
        elif not part.startswith(("[[models.", "[models.")):  # a model's own tables follow it
            dropping = part.startswith(("[[notes]]", "[[services]]")) or (
                part.startswith("[[prices]]")
                and not re.search(rf'model = "({"|".join(map(re.escape, PRICED))})"', part)
            )
        if not dropping:
            kept.append(part)
    return HEADER + "".join(kept)


if __name__ == "__main__":
    TARGET.write_text(trimmed(SOURCE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
