#!/usr/bin/env bash
# Search benchmark: Kapstok's index against Pagefind on the same built site
# of the gen_corpus.py corpus (default 10,000 praktijkvoorbeelden).
#
# Usage:  bench/search/run.sh [N]
# Env:    KAPSTOK      kapstok binary (default build/kapstok)
#         SEARCH_TOOL  search_tool binary (default next to KAPSTOK: build/tests/search/search_tool)
#         GEN          gen_corpus.py (default ../shared/bench/gen_corpus.py beside the repo)
#         WORK         scratch folder (default /tmp/kapstok-search-bench; a tmpfs is best)
#         QUERIES      first-query words (default "versterkt coordinatie mantelzorg ondersteuning")
# Prints the figures as Markdown (pasted into bench/README.md, section "Search").
# Needs: python3, node, /usr/bin/chromium, GNU time; npm ci runs in bench/search.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
N=${1:-10000}
KAPSTOK=${KAPSTOK:-$REPO/build/kapstok}
SEARCH_TOOL=${SEARCH_TOOL:-$(dirname "$KAPSTOK")/tests/search/search_tool}
GEN=${GEN:-$REPO/../shared/bench/gen_corpus.py}
WORK=${WORK:-/tmp/kapstok-search-bench}
QUERIES=${QUERIES:-"versterkt coordinatie mantelzorg ondersteuning"}
CORPUS=$WORK/corpus-$N
SITE=$WORK/site-$N

for f in "$KAPSTOK" "$SEARCH_TOOL" "$GEN"; do
  [ -e "$f" ] || { echo "run.sh: missing $f" >&2; exit 2; }
done
(cd "$HERE" && [ -x node_modules/.bin/pagefind ] || npm ci --no-audit --no-fund --loglevel=error)
PAGEFIND="$HERE/node_modules/.bin/pagefind"
mkdir -p "$WORK"

if [ ! -d "$CORPUS/content" ]; then
  python3 "$GEN" "$N" "$CORPUS" >/dev/null
fi
cp "$HERE/kapstok.yaml" "$CORPUS/kapstok.yaml"
ln -sfn "$REPO/templates" "$CORPUS/templates"   # the handbook's templates and theme
ln -sfn "$REPO/themes" "$CORPUS/themes"

timed() {  # timed LABEL CMD... -> appends "LABEL seconds maxrss_kb" to $WORK/times
  local label=$1; shift
  /usr/bin/time -f "$label %e %M" -a -o "$WORK/times" "$@" >/dev/null
}
: > "$WORK/times"

# 1. Kapstok: the whole build (pages, search index, everything), then the
#    index alone from the same documents (search_tool over the corpus).
rm -rf "$SITE"
(cd "$CORPUS" && timed kapstok-build "$KAPSTOK" build --out "$SITE")
python3 "$HERE/corpus_docs.py" "$CORPUS/content" > "$WORK/docs-$N.json"
rm -rf "$WORK/index-$N"
timed kapstok-index "$SEARCH_TOOL" index "$WORK/docs-$N.json" "$WORK/index-$N"

# 2. Pagefind over the same HTML.
rm -rf "$SITE/pagefind"
timed pagefind "$PAGEFIND" --site "$SITE" --output-subdir pagefind

# 3. Sizes: files, raw and gzip bytes (zlib level 6, each file on its own).
sizes() {  # sizes DIR -> "files raw gzip"
  python3 - "$1" <<'PY'
import os, sys, zlib
files = raw = gz = 0
for d, _, names in os.walk(sys.argv[1]):
    for n in names:
        b = open(os.path.join(d, n), 'rb').read()
        files += 1; raw += len(b); gz += len(zlib.compress(b, 6))
print(files, raw, gz)
PY
}
pages=$(find "$SITE" -name index.html | wc -l)
read -r kf kr kg < <(sizes "$SITE/search")
read -r pf pr pg < <(sizes "$SITE/pagefind")

# 4. First query in Chromium.
node "$HERE/first_query.mjs" "$SITE" $QUERIES > "$WORK/first-query.jsonl"

python3 - "$WORK" "$N" "$pages" "$kf" "$kr" "$kg" "$pf" "$pr" "$pg" <<'PY'
import json, sys
work, n, pages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
kf, kr, kg, pf, pr, pg = map(int, sys.argv[4:10])
times = {l.split()[0]: (float(l.split()[1]), int(l.split()[2])) for l in open(f"{work}/times")}
print(f"Corpus N = {n}: {pages} HTML pages.\n")
print("| | Kapstok | Pagefind 1.6.0 |\n| --- | ---: | ---: |")
print(f"| index build | {times['kapstok-index'][0]:.1f} s, {times['kapstok-index'][1]//1024} MiB (whole `kapstok build`: {times['kapstok-build'][0]:.1f} s, {times['kapstok-build'][1]//1024} MiB) | {times['pagefind'][0]:.1f} s, {times['pagefind'][1]//1024} MiB |")
print(f"| index files | {kf} | {pf} |")
print(f"| index bytes raw | {kr/1e6:.1f} MB | {pr/1e6:.1f} MB |")
print(f"| index bytes gzip | {kg/1e6:.1f} MB ({kg/pages/1024:.2f} KiB/page) | {pg/1e6:.1f} MB ({pg/pages/1024:.2f} KiB/page) |")
rows = [json.loads(l) for l in open(f"{work}/first-query.jsonl")]
print("\nFirst query, cold cache, Chromium over http://127.0.0.1 (engine script bytes included; rounds = sequential index requests after the engine script):\n")
print("| query | engine | results | first result | requests | rounds | gzip KiB (engine) |\n| --- | --- | ---: | --- | ---: | ---: | ---: |")
for r in rows:
    print(f"| {r['query']} | {r['engine']} | {r['results']} | {r['first']} | {r['requests']} | {r['rounds']} | {r['gzip_bytes']/1024:.1f} ({r['engine_gzip_bytes']/1024:.1f}) |")
PY
