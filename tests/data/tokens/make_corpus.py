# ruff: noqa: RUF001, E501 (samples: look-alike characters on purpose, long lines)
"""Write tests/data/tokens/corpus.jsonl.gz: texts with their o200k_base token counts from tiktoken.

Run on the host with the test extra installed (tiktoken is the oracle):
    .venv/bin/python tests/data/tokens/make_corpus.py
Each line is {"kind": ..., "text": ..., "tokens": N}. The texts are every string in the shared
datasets under tests/data/datasets (licenses beside them), each of their lines as JSON text, and
generated texts (seeded): mixed scripts, emoji, code, numbers, contractions, white-space runs.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.checker.tokens.oracle import oracle  # noqa: E402

DATASETS = ROOT / "tests" / "data" / "datasets"
OUT = Path(__file__).with_name("corpus.jsonl.gz")

SAMPLES = {
    "latin": "Größenordnung façade naïve coöperate Ærøskøbing Dvořák İstanbul ılık şeker ğüç",
    "greek": "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο",
    "cyrillic": "Съешь же ещё этих мягких французских булок, да выпей чаю",
    "arabic": "نص حكيم له سر قاطع وذو شأن عظيم مكتوب على ثوب أخضر ٠١٢٣٤٥٦٧٨٩",
    "hebrew": "דג סקרן שט בים מאוכזב ולפתע מצא חברה",
    "devanagari": "ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले ०१२३",
    "thai": "เป็นมนุษย์สุดประเสริฐเลิศคุณค่า กว่าบรรดาฝูงสัตว์เดรัจฉาน",
    "cjk": "天地玄黄宇宙洪荒日月盈昃辰宿列张。東京は日本の首都です、カタカナとひらがな。",
    "hangul": "키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다",
    "emoji": "👍🏽 🧑‍🤝‍🧑 🏳️‍🌈 ❤️ 🇫🇷 😀😃😄 ✅ 🚀🚀🚀 #️⃣ 1️⃣",
    "code": "def f(x: int) -> int:\n    return x ** 2  # square\n\nfor (let i = 0; i < 10; i++) { a[i] = i*i; }\n",
    "json": '{"messages": [{"role": "user", "content": "Hi\\n"}], "n": [1, 2.5e-3, null, true]}',
    "numbers": "3.14159 2,718,281 0x1F600 1e10 1234567890 ½ ⅔ Ⅻ ② ⁵ ₇ ٣٤٥ ۶۷۸ ๑๒๓",
    "contractions": "I'm you're he's she'd we'll they've it's DON'T CAN'T I'M ſ'S O'Neil rock'n'roll",
    "marks": "e\u0301 a\u0300\u0316 \u0915\u094d\u0937 Z\u0351\u0352\u0353a\u0354l\u0355g\u0356o",
    "space": "a\u00a0b\u2003c\u3000d\u202fe\u1680f\u2028g\u2029h\x85i\x1cj\x1fk\x0bl\x0cm",
    "symbols": "©®™ ±×÷ ≤≥≠ ∑∫√ ←→↑↓ ¶§ ‰ • … «» „“ ¿¡ ~!@#$%^&*()_+{}|:<>?/\\",
    "markup": '<svg viewBox="0 0 10 10"><path d="M0 0L10 10Z" fill="#fff"/></svg>\r\n<p>x</p>',
}
WHITESPACE = [" ", "  ", "\t", "\n", "\r\n", "\n\n", "   \n", " \t ", "\u3000", "\u00a0", "\x0b"]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def dataset_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(DATASETS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if not line.strip():
                continue
            yield "dataset-line", line
            try:
                data = json.loads(line)
            except ValueError:
                continue
            for text in strings(data):
                if text and len(text) > 3:
                    yield "dataset-string", text


def assigned(rng: random.Random) -> str:
    while True:
        code = rng.choice([rng.randrange(0x20, 0x3000), rng.randrange(0x3000, 0x30000)])
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if unicodedata.category(char) not in ("Cn", "Co", "Cs"):
            return char


def generated(rng: random.Random) -> Iterator[tuple[str, str]]:
    words = {kind: text.split(" ") for kind, text in SAMPLES.items()}
    for kind, text in SAMPLES.items():
        yield f"sample-{kind}", text
    for index in range(3000):
        kinds = rng.sample(sorted(words), rng.randint(1, 4))
        parts: list[str] = []
        for _ in range(rng.randint(1, 40)):
            roll = rng.random()
            if roll < 0.7:
                parts.append(rng.choice(words[rng.choice(kinds)]))
            elif roll < 0.85:
                parts.append(rng.choice(WHITESPACE) * rng.randint(1, 5))
            elif roll < 0.95:
                parts.append("".join(assigned(rng) for _ in range(rng.randint(1, 6))))
            else:
                parts.append(str(rng.randrange(10 ** rng.randint(1, 12))))
            parts.append(rng.choice([" ", " ", " ", "", "\n", ", ", ". ", "'s ", "'LL "]))
        yield f"mixed-{index % 7}", "".join(parts)
    for size in (1, 2, 3, 7, 64, 255, 256, 257, 1000, 5000):
        for unit in (" ", "\n", "\t", " \n", "\r\n", "a", "ab", "1", "!", "é", "🙂", "\u3000"):
            yield "runs", unit * size
            yield "runs", "x" + unit * size + "y"
    yield "surrogate", "lone \ud800 surrogate \udfff end"


def main() -> None:
    enc = oracle("o200k_base")
    rng = random.Random(16)
    seen: set[str] = set()
    count = 0
    with gzip.open(OUT, "wt", encoding="utf-8") as out:
        for kind, text in [*dataset_texts(), *generated(rng)]:
            if text in seen:
                continue
            seen.add(text)
            fixed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            tokens = len(enc.encode_ordinary(fixed))
            record = {"kind": kind, "text": text, "tokens": tokens}
            out.write(json.dumps(record, ensure_ascii=True) + "\n")
            count += 1
    print(f"{OUT.relative_to(ROOT)}: {count} texts")


if __name__ == "__main__":
    main()
