"""Translations: English lesson files beside the Japanese ones, and drift between them.

An English file ``content/p/p15.en.md`` records in its front matter the hash of the Japanese
source it was translated from (``source_hash``). When the Japanese file changes afterwards, the
translation is *stale*: a build warning and a row in ``nexus-site translations``.
``nexus-site translated content/p/p15.en.md`` records the current hash after re-translating.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HASH_LENGTH = 16


def source_hash(text: str) -> str:
    """Hash of a Japanese source file's text (line endings normalised)."""
    normalised = text.replace("\r\n", "\n").encode("utf-8")
    return hashlib.sha256(normalised).hexdigest()[:HASH_LENGTH]


def file_hash(path: Path) -> str:
    return source_hash(path.read_text(encoding="utf-8"))
