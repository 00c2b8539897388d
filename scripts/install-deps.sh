#!/usr/bin/env bash
# Installs what Kapstok needs from Debian (and npm for browser tests), only what is missing.
# Usage: scripts/install-deps.sh [build|test|pdf|bench]...   (default: build)
# "build": compiler, CMake and the C++ libraries; "test": also GoogleTest, Chromium,
# Node packages, PDF tools; "pdf": the PDF engine (Chromium) and poppler;
# "bench": hugo and the cmark-gfm CLI for the comparison benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

want=(g++ cmake make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev
      libstemmer-dev libqrencode-dev nlohmann-json3-dev libtcmalloc-minimal4)
npm_needed=0
for what in "${@:-build}"; do
  case "$what" in
    build) ;;
    test) want+=(googletest libgtest-dev libgmock-dev libbenchmark-dev chromium poppler-utils zbar-tools
                 clang libclang-rt-14-dev python3)
          # Node, npm and Java may come from elsewhere than Debian (the image's own
          # Node 20, say): only ask apt for them when the commands are missing.
          command -v node >/dev/null || want+=(nodejs)
          command -v npm >/dev/null || want+=(npm)
          command -v java >/dev/null || want+=(default-jre-headless)
          npm_needed=1 ;;
    pdf) want+=(chromium poppler-utils) ;;
    bench) want+=(hugo cmark-gfm time python3 libbenchmark-dev util-linux) ; npm_needed=1 ;;
    *) echo "install-deps: unknown set '$what' (build, test, pdf, bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "$npm_needed" -eq 1 ]; then
  # Lockfile-exact install, only when package-lock.json changed since the last one.
  stamp=node_modules/.kapstok-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
