#!/usr/bin/env bash
# make bench: Kapstok against Hugo and the cmark-gfm floor on the synthetic
# handbook corpus of ../shared/bench/gen_corpus.py (issue 9), then the template
# engine's micro-benchmark (issue 2). See docs/performance.md.
#
# Usage:  bench/run.sh                       (what `make bench` runs)
#         NS="1000" RUNS=3 bench/run.sh      (quicker)
# Env:    NS        corpus sizes, practice examples (default "1000 10000")
#         RUNS      timed runs per tool and size (default 5), after one warm-up
#         KAPSTOK   the kapstok binary (default build/kapstok)
#         BUILD     the CMake build folder for template_bench (default build)
#         GEN       gen_corpus.py (default ../shared/bench/gen_corpus.py beside the repo)
#         WORK      scratch folder for corpora and raw results (default /tmp/kapstok-bench)
#         TMPFS     tmpfs mount point for every build's output (default
#                   $WORK/tmpfs, mounted here when it is not one yet; when the
#                   mount fails the output goes to $WORK and the table says so)
#         TEMPLATE  1 runs bench/template_bench (default 1)
#         SEARCH    1 also runs bench/search/run.sh (Pagefind comparison; default 0)
# Each round runs kapstok, hugo and cmark-gfm one after the other (alternating),
# every build cold: output folder removed, Hugo's cache removed. Wall time from
# `date +%s%N`, CPU and peak RSS from GNU time -v. Writes only under $WORK and
# $TMPFS: nothing is added to the repository.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
NS=${NS:-"1000 10000"}
RUNS=${RUNS:-5}
KAPSTOK=${KAPSTOK:-$REPO/build/kapstok}
BUILD=${BUILD:-$REPO/build}
GEN=${GEN:-$REPO/../shared/bench/gen_corpus.py}
WORK=${WORK:-/tmp/kapstok-bench}
TMPFS=${TMPFS-$WORK/tmpfs}
TEMPLATE=${TEMPLATE:-1}
SEARCH=${SEARCH:-0}
RES=$WORK/results

# ------------------------------------------------------------------ tools
missing=()
command -v hugo >/dev/null || missing+=(hugo)
command -v cmark-gfm >/dev/null || missing+=(cmark-gfm)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]} (scripts/install-deps.sh bench)"
  "$REPO/scripts/install-deps.sh" bench
fi
for f in "$KAPSTOK" "$GEN"; do
  [ -e "$f" ] || { echo "bench: missing $f (run 'make build' first)" >&2; exit 2; }
done
CM=(cmark-gfm --extension table --extension autolink)   # as run_peers.sh

mkdir -p "$WORK" "$RES"
OUT_NOTE="tmpfs"
if [ -n "$TMPFS" ]; then
  mkdir -p "$TMPFS"
  if ! mountpoint -q "$TMPFS"; then
    mount -t tmpfs -o size=4g tmpfs "$TMPFS" 2>/dev/null ||
      sudo -n mount -t tmpfs -o size=4g tmpfs "$TMPFS" 2>/dev/null || {
        echo "bench: could not mount a tmpfs at $TMPFS; output goes to disk (noisier)" >&2
        OUT_NOTE="disk (tmpfs mount failed)"; }
  fi
else
  TMPFS=$WORK/out
  OUT_NOTE="disk (TMPFS empty)"
  mkdir -p "$TMPFS"
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kapstok: $KAPSTOK ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "hugo: $(hugo version | cut -d' ' -f1-2)"
  echo "cmark-gfm: $(cmark-gfm --version | head -1)"
  echo "output: $OUT_NOTE ($TMPFS)"
} > "$RES/versions.txt"
cat "$RES/versions.txt"

# ------------------------------------------------------------------ timing
# measure TOOL N RUN CMD... -> one line in runs.tsv:
#   tool n run wall_s user_s sys_s maxrss_kb load1
TSV=$RES/runs.tsv
printf 'tool\tn\trun\twall_s\tuser_s\tsys_s\tmaxrss_kb\tload1\n' > "$TSV"
measure() {
  local tool=$1 n=$2 run=$3; shift 3
  local tv=$RES/time.txt load t0 t1
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$tv" "$@" > "$RES/last-$tool.log" 2>&1 ||
    { echo "bench: $tool failed:" >&2; cat "$RES/last-$tool.log" "$tv" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -F': ' -v tool="$tool" -v n="$n" -v run="$run" -v ns=$((t1 - t0)) -v load="$load" '
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%s\t%s\t%s\t%.4f\t%s\t%s\t%s\t%s\n", tool, n, run, ns / 1e9, u, s, m, load }' \
    "$tv" >> "$TSV"
}
sumsize() { find "$1" -type f -printf '%s\n' | awk '{s += $1; c++} END {print c + 0, s + 0}'; }

# One cold build of each tool; the output folders are removed first.
run_kapstok() { rm -rf "$TMPFS/kapstok" "$TMPFS/.kapstok".*
  (cd "$1" && measure kapstok "$2" "$3" "$KAPSTOK" build --out "$TMPFS/kapstok"); }
run_hugo() { rm -rf "$TMPFS/hugo" "$TMPFS/hugo-cache" "$1/resources"
  measure hugo "$2" "$3" hugo --quiet -s "$1" -d "$TMPFS/hugo" --cacheDir "$TMPFS/hugo-cache"; }
run_cmark() { measure cmark-floor "$2" "$3" sh -c '"$@" > "$0"' "$TMPFS/cmark.html" "${CM[@]}" "$1"; }

GEN_SUM=$(md5sum "$GEN" | cut -c1-12)
for n in $NS; do
  plain=$WORK/plain-$n-$GEN_SUM
  site=$WORK/hugo-$n-$GEN_SUM
  if [ ! -d "$plain/content" ]; then
    echo "== N=$n: generating the corpus (Kapstok layout)"
    rm -rf "$plain"; python3 "$GEN" "$n" "$plain" > /dev/null
  fi
  if [ ! -d "$site/content" ]; then
    echo "== N=$n: generating the corpus (Hugo layout)"
    rm -rf "$site"; python3 "$GEN" "$n" "$site" --hugo > /dev/null
  fi
  cp "$HERE/kapstok.yaml" "$plain/kapstok.yaml"
  ln -sfn "$REPO/templates" "$plain/templates"
  ln -sfn "$REPO/themes" "$plain/themes"
  # The floor: every body (front matter stripped) as one document, one core.
  python3 - "$plain/content" "$WORK/bodies-$n.md" <<'EOF'
import glob, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for f in sorted(glob.glob(sys.argv[1] + "/*/*.md")):
        t = open(f, encoding="utf-8").read()
        i = t.index("\n---\n", 4)
        out.write(t[i + 5:].lstrip("\n") + "\n")
EOF
  echo "== N=$n: warm-up, then $RUNS rounds of kapstok, hugo, cmark-gfm"
  run_kapstok "$plain" "$n" 0; run_hugo "$site" "$n" 0; run_cmark "$WORK/bodies-$n.md" "$n" 0
  read -r kf kb < <(sumsize "$TMPFS/kapstok")
  read -r hf hb < <(sumsize "$TMPFS/hugo")
  read -r mf mb < <(sumsize "$plain/content")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$kf" "$kb" "$hf" "$hb" "$mf" "$mb" >> "$RES/sizes.tsv.$$"
  for r in $(seq "$RUNS"); do
    run_kapstok "$plain" "$n" "$r"; run_hugo "$site" "$n" "$r"; run_cmark "$WORK/bodies-$n.md" "$n" "$r"
  done
  rm -rf "$TMPFS/kapstok" "$TMPFS/hugo" "$TMPFS/hugo-cache" "$TMPFS/cmark.html"
done
mv "$RES/sizes.tsv.$$" "$RES/sizes.tsv"

echo "== the handbook (content/ of this repository), $RUNS cold builds"
measure kapstok-handbook 0 0 sh -c 'cd "$0" && "$1" build --out "$2"' "$REPO" "$KAPSTOK" "$TMPFS/handbook"
for r in $(seq "$RUNS"); do
  rm -rf "$TMPFS/handbook"
  measure kapstok-handbook 0 "$r" sh -c 'cd "$0" && "$1" build --out "$2"' "$REPO" "$KAPSTOK" "$TMPFS/handbook"
done
rm -rf "$TMPFS/handbook"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RES/versions.txt"

python3 "$HERE/summarize.py" "$RES" | tee "$RES/summary.md"

# ------------------------------------------------------------------ micro
if [ "$TEMPLATE" = 1 ]; then
  echo
  echo "== template engine (bench/README.md, Template engine)"
  cmake --build "$BUILD" --target template_bench -j "$(nproc)" > "$RES/template-build.log" 2>&1 ||
    { echo "bench: template_bench did not build, see $RES/template-build.log" >&2; exit 1; }
  "$BUILD/bench/template_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    2>&1 | grep -E 'Benchmark|---|_median' | tee "$RES/template.txt"
fi
if [ "$SEARCH" = 1 ]; then
  echo
  echo "== search index against Pagefind (bench/README.md, Search)"
  KAPSTOK=$KAPSTOK WORK=$TMPFS/search "$HERE/search/run.sh" | tee "$RES/search.md"
fi
echo
echo "raw results: $RES"
