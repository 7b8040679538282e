"""Warn, without failing, when provider facts were last checked too long ago.

`make test` runs this before the tests. It reads checker/facts.toml only (no network) and prints
one warning naming every entry checked more than 90 days before today; the exit code stays 0, so
an old date asks for a re-check instead of breaking the build. A facts file that does not load
exits 2 with the loader's message.

    python scripts/facts_age.py [--today YYYY-MM-DD] [--days N] [--facts PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from checker.facts import STALE_AFTER_DAYS, FactsError, load_facts


def stale_warning(path: str | None, today: dt.date, days: int = STALE_AFTER_DAYS) -> str | None:
    """The warning to print, or None when every fact was checked within ``days`` of ``today``."""
    facts = load_facts(path)
    stale = facts.stale(today, days)
    if not stale:
        return None
    oldest = min(checked for _, checked in facts.checked_dates())
    return (
        f"warning: {len(stale)} provider facts in checker/facts.toml were last checked more than "
        f"{days} days ago (oldest check {oldest.isoformat()}); check them against their sources "
        f"and re-date them: {', '.join(stale)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--days", type=int, default=STALE_AFTER_DAYS)
    parser.add_argument("--facts", default=None, help="facts file (default: the packaged one)")
    args = parser.parse_args(argv)
    try:
        warning = stale_warning(args.facts, args.today, args.days)
    except FactsError as error:
        print(f"facts_age: error: {error}", file=sys.stderr)
        return 2
    if warning:
        print(warning, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
