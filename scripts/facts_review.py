"""List every provider fact with its source and the day it was checked, oldest first, then the
sources that two or more facts share, so a maintainer re-reads each source once and re-dates
every fact that comes from it.

`make facts-review` runs this. It reads checker/facts.toml only (no network).

    python scripts/facts_review.py [--facts PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from checker.facts import Dated, Facts, FactsError, load_facts


def review(facts: Facts) -> str:
    """The review as text: one line per fact, oldest check first, then the shared sources."""
    entries = sorted(facts.dated_entries(), key=lambda e: (e[1].checked, e[1].source.key, e[0]))
    lines = [f"{len(entries)} facts, oldest check first (checked, source, fact):"]
    for what, dated in entries:
        lines.append(f"  {dated.checked}  {_source(dated)}  {what}")
    by_source: dict[str, list[tuple[str, Dated]]] = {}
    for what, dated in entries:
        by_source.setdefault(dated.source.key, []).append((what, dated))
    shared = {key: found for key, found in by_source.items() if len(found) >= 2}
    lines.append("")
    lines.append(f"{len(shared)} sources shared by two or more facts (re-check each once):")
    for key, found in sorted(shared.items(), key=lambda item: (-len(item[1]), item[0])):
        source = found[0][1].source
        oldest = min(dated.checked for _, dated in found)
        lines.append(f"  {key}: {len(found)} facts, oldest check {oldest}: {source.url}")
        lines.append(f"    {', '.join(what for what, _ in found)}")
    return "\n".join(lines)


def _source(dated: Dated) -> str:
    revised = f" (revised {dated.source.revised})" if dated.source.revised else ""
    return f"{dated.source.key}{revised}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", default=None, help="facts file (default: the packaged one)")
    args = parser.parse_args(argv)
    try:
        facts = load_facts(args.facts)
    except FactsError as error:
        print(f"facts_review: {error}", file=sys.stderr)
        return 2
    print(review(facts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
