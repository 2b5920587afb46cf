"""``nexus-site``: check, stats, translations, new, schema."""

from nexus_site.cli.main import main

__all__ = ["main"]
