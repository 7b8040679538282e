"""Build the packed vocabulary (checker/tokens/vocabulary.py) from tiktoken's published file.

Run: .venv/bin/python scripts/pack_vocabulary.py PATH/o200k_base.tiktoken [--name o200k_base]

The published file is the one tiktoken downloads (its URL and sha256 are in
tiktoken_ext/openai_public.py; tiktoken keeps a copy in its cache directory). A gzipped copy
is accepted too: git history holds one as checker/tokens/o200k_base.tiktoken.gz (before the
packed form). The file must have the sha256 pinned in checker.tokens.bpe.SPECS; the packed file
is checked to rebuild it byte for byte before it is written, and its own sha256 is printed:
SPECS pins it (it can change with the zlib library even when the content does not).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.atomic import atomic_outputs  # noqa: E402
from checker.tokens.bpe import SPECS  # noqa: E402
from checker.tokens.vocabulary import (  # noqa: E402
    pack_ranks,
    parse_tiktoken,
    tiktoken_text,
    unpack_ranks,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("published", type=Path, help="the .tiktoken file (or a .gz of it)")
    parser.add_argument("--name", default="o200k_base", choices=sorted(SPECS))
    args = parser.parse_args()
    spec = SPECS[args.name]
    try:
        text = args.published.read_bytes()
    except OSError as error:
        sys.exit(f"{args.published}: {error.strerror}")
    if text[:2] == b"\x1f\x8b":
        text = gzip.decompress(text)
    if hashlib.sha256(text).hexdigest() != spec.published_sha256:
        sys.exit(f"{args.published} is not tiktoken's {spec.name} (sha256 differs from SPECS)")
    packed = pack_ranks(parse_tiktoken(text))
    if tiktoken_text(unpack_ranks(zlib.decompress(packed))) != text:
        sys.exit("the packed vocabulary does not rebuild the published file: not written")
    target = ROOT / "checker" / "tokens" / spec.filename
    with atomic_outputs([target]) as (out,):
        out.write(packed)
    target.chmod(0o644)  # the temporary file was private; the package file is for everyone
    print(f"wrote {target.relative_to(ROOT)}: {len(packed):,} bytes")
    print(f'sha256="{hashlib.sha256(packed).hexdigest()}"  (SPECS["{spec.name}"].sha256)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
