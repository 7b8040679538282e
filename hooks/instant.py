"""Instant navigation wherever the site is served from.

Material for MkDocs only swaps pages in place for links listed in sitemap.xml, whose addresses
carry ``site_url``. Its sitemap reader (``resolve`` in
src/templates/assets/javascripts/integrations/sitemap/index.ts) rewrites only the protocol and the
host name of each address to those of the page, so on another port (``mkdocs serve -a ...``,
a preview server, a test server) or under another path no link matches and every click reloads
the page, restarting Python. This rewrites that function in the built bundle to map each address
from ``site_url`` onto the site's base as the browser sees it; addresses outside ``site_url``
keep the theme's own handling.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# function fi(e,t){return e.protocol=t.protocol,e.hostname=t.hostname,e}
RESOLVE = re.compile(
    r"function (?P<name>[\w$]+)\((?P<url>[\w$]+),(?P<base>[\w$]+)\)\{return "
    r"(?P=url)\.protocol=(?P=base)\.protocol,(?P=url)\.hostname=(?P=base)\.hostname,(?P=url)\}"
)


class InstantNavigationError(Exception):
    """The theme's bundle no longer has the function this module rewrites."""


def rebase_sitemap_reader(bundle: str, site_url: str) -> str:
    matches = list(RESOLVE.finditer(bundle))
    if len(matches) != 1:
        raise InstantNavigationError(
            f"expected one sitemap address resolver in Material's bundle, found {len(matches)}: "
            "check hooks/instant.py against this Material version"
        )
    match = matches[0]
    name, url, base = match["name"], match["url"], match["base"]
    root = json.dumps(site_url if site_url.endswith("/") else site_url + "/")
    replacement = (
        f"function {name}({url},{base}){{return {url}.href.startsWith({root})"
        f"?new URL({url}.href.slice({root}.length),{base})"
        f":({url}.protocol={base}.protocol,{url}.hostname={base}.hostname,{url})}}"
    )
    return bundle[: match.start()] + replacement + bundle[match.end() :]


def patch_site(site_dir: Path, site_url: str) -> None:
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise InstantNavigationError(f"expected one Material bundle, found {len(bundles)}")
    bundle = bundles[0]
    bundle.write_text(
        rebase_sitemap_reader(bundle.read_text(encoding="utf-8"), site_url), encoding="utf-8"
    )
