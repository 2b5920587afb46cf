#!/usr/bin/env bash
# Lighthouse (mobile: Lighthouse's default form factor, simulated slow 4G and a 4x slower CPU) on
# the home page, a series page and three lessons (Markdown P9, notebook P15, diagrams G17) of a built site, served gzipped at 127.0.0.1/nexus/ by
# scripts/page_weight.py --serve. Reported, not gating: it exits 0 whatever the scores.
#
#   scripts/lighthouse.sh [SITE_DIR]     (default: build the real site into a temporary folder)
#
# Needs node/npx and Debian chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse is run
# with `npx --yes lighthouse@$LIGHTHOUSE_VERSION` (default 12.8.2: 13.x needs Node >= 22.19).
# Reports (JSON) go to $LIGHTHOUSE_OUT (default: a temporary folder, printed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
version="${LIGHTHOUSE_VERSION:-12.8.2}"
work="$(mktemp -d -t lighthouse-XXXXXX)"
out="${LIGHTHOUSE_OUT:-$work/reports}"
mkdir -p "$out"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work/site"
}
trap cleanup EXIT

if ! command -v npx >/dev/null 2>&1; then
  echo "lighthouse: npx not found (install nodejs and npm); skipped" >&2
  exit 0
fi

if [ $# -ge 1 ]; then
  site="$(realpath "$1")"
else
  site="$work/site"
  echo "building the real site (both languages) into $site …"
  uv run mkdocs build --strict -q -f mkdocs.yml -d "$site"
  uv run mkdocs build --strict -q -f mkdocs.en.yml -d "$site/en"
fi

port="$(uv run python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
uv run python scripts/page_weight.py --site "$site" --serve "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/nexus/" 2>/dev/null; then break; fi
  sleep 0.2
done

flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
status=0
pages="home= series-p=p/ lesson-p9=p/p9/ lesson-p15=p/p15/ lesson-g17=g/g17/"
for spec in $pages; do
  name="${spec%%=*}"
  path="${spec#*=}"
  echo "lighthouse: $name (/nexus/$path) …"
  if ! npx --yes "lighthouse@$version" "http://127.0.0.1:$port/nexus/$path" \
      --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$out/$name.json" >"$out/$name.log" 2>&1; then
    echo "lighthouse could not run for $name (see $out/$name.log):" >&2
    tail -5 "$out/$name.log" >&2
    status=1
  fi
done

uv run python - "$out" <<'PY'
import json, sys
from pathlib import Path

out = Path(sys.argv[1])
audits = [  # id, column, scale, format
    ("first-contentful-paint", "FCP s", 1000, "{:.1f}"),
    ("largest-contentful-paint", "LCP s", 1000, "{:.1f}"),
    ("total-blocking-time", "TBT ms", 1, "{:.0f}"),
    ("cumulative-layout-shift", "CLS", 1, "{:.3f}"),
    ("speed-index", "SI s", 1000, "{:.1f}"),
    ("total-byte-weight", "KiB", 1024, "{:.0f}"),
]
cats = ["performance", "accessibility", "best-practices", "seo"]
head = f"{'page':<11}" + "".join(f"{c[:13]:>14}" for c in cats) + "".join(f"{a:>8}" for _, a, _, _ in audits)
print("\n" + head)
for name in ("home", "series-p", "lesson-p9", "lesson-p15", "lesson-g17"):
    f = out / f"{name}.json"
    if not f.is_file():
        print(f"{name:<11} (no report)")
        continue
    r = json.loads(f.read_text())
    row = f"{name:<11}"
    for c in cats:
        score = r["categories"].get(c, {}).get("score")
        row += f"{'-' if score is None else round(score * 100):>14}"
    for key, _, scale, fmt in audits:
        value = r["audits"].get(key, {}).get("numericValue")
        row += f"{'-' if value is None else fmt.format(value / scale):>8}"
    print(row)
    failed = [
        a["id"]
        for c in ("accessibility", "best-practices", "seo")
        for ref in r["categories"].get(c, {}).get("auditRefs", [])
        if ref.get("weight") and (a := r["audits"][ref["id"]]).get("score") not in (None, 1)
    ]
    if failed:
        print(f"{'':<11}not passed: {', '.join(failed)}")
print(f"\nLighthouse {r.get('lighthouseVersion', '?')}, form factor {r['configSettings']['formFactor']}, "
      f"throttling {r['configSettings']['throttlingMethod']}; reports in {out}")
PY
if [ "$status" -ne 0 ]; then
  echo "note: lighthouse did not run for every page (not gating)"
fi
exit 0
