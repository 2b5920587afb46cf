# Sourced by scripts/serve, build and test: install the pinned Python environment (uv.lock) and
# the pinned npm packages (package-lock.json: the search indexer, the JS linter, axe-core).
# shellcheck shell=bash
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "uv>=0.5"
fi
uv sync --locked --quiet
# npm ci only when package-lock.json changed since the last install (it empties node_modules).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.nexus-lock 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" >node_modules/.nexus-lock
fi
export NO_MKDOCS_2_WARNING=1  # the notice MkDocs prints on every run; we know (see README)
