"""Stage 2 — ``content/``: which lessons are published, their front matter, translations, dates."""
