"""MkDocs hook (stub; the real generator lands with the site issue)."""
