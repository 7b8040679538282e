"""A Content-Security-Policy for each built page.

The theme has a few small inline scripts; rather than allow every inline script, the policy lists
the hash of each one found in the page, so only those run. Pyodide needs 'wasm-unsafe-eval'.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
NOT_EXECUTED = re.compile(r"""type=["']?application/(?:json|ld\+json)""")

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for attributes, body in INLINE_SCRIPT.findall(html):
        if NOT_EXECUTED.search(attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *script_hashes(html)])
    return "; ".join([*BASE_POLICY, f"script-src {scripts}"])


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script can run."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head>", f"<head>\n    {meta}", html, count=1)
