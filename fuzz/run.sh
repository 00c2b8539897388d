#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build folder and runs
# each for a bounded time; exits non-zero on any finding (crash, sanitizer
# report, broken contract, timeout, out-of-memory). Seeds come from the
# repository (content/*.md, templates/, fuzz/seeds/); a crashing input is left
# in <build>/artifacts/ and becomes a regression test (tests/quality/regression_test.cc).
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR]   (defaults: 30, build-fuzz)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
build=${2:-$src/build-fuzz}
targets=(front_matter flat_yaml schema links mustache)

cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER="${FUZZ_CXX:-clang++}" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAPSTOK_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target "${targets[@]/%/_fuzzer}"

seed() {  # seed TARGET FILES...: copies the files into the target's corpus
  local dir=$build/corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/seed-$(echo "$f" | md5sum | cut -c1-12)"; done
}
mapfile -t pages < <(find "$src/content" -name '*.md' -size -4k | sort | head -60)
mapfile -t templates < <(find "$src/templates" -name '*.mustache' | sort)
seed front_matter "${pages[@]}" "$src"/fuzz/seeds/front_matter/*
seed flat_yaml "$src"/fuzz/seeds/flat_yaml/*
seed schema "${pages[@]}" "$src"/fuzz/seeds/front_matter/*
seed links "$src"/fuzz/seeds/links/*
seed mustache "${templates[@]}"

mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${secs}s"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "$build/fuzz/${t}_fuzzer" -max_total_time="$secs" -max_len=4096 -timeout=20 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
       "$build/corpus/$t" 2>"$build/$t.log"; then
    echo "fuzz: $t FOUND A PROBLEM (input in $build/artifacts/):"
    grep -v '^#\|^INFO\|^\s*$' "$build/$t.log" | tail -40
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' "$build/$t.log" | tail -2
  fi
done
exit $status
