# Sourced by scripts/serve and scripts/test: install the pinned Python environment (uv.lock).
# shellcheck shell=bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "uv>=0.5"
fi
uv sync --locked --quiet
export NO_MKDOCS_2_WARNING=1  # the notice MkDocs prints on every run; we know (see README)
