#!/usr/bin/env bash
# Benchmark listicle against itself (1 thread, all cores, 10x and 100x memory) and against
# resiliparse and trafilatura on the same pages. Installs the two from PyPI into a throwaway
# venv (set BENCH_VENV to reuse one). Usage: scripts/bench.sh [--scale N] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
venv=${BENCH_VENV:-$(mktemp -d)/venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet trafilatura resiliparse lxml_html_clean
fi
python3 scripts/bench.py target/release/listicle --python "$venv/bin/python" "$@"
