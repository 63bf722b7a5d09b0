#!/usr/bin/env bash
# The catalog load scenario of issue 2, against the platform started as in production (PostgreSQL 15
# and Redis servers) and once on its embedded default:
#   GET /api/v1/products: 100 connections for 30 s, 1,000 for 60 s (ramp), 1,000 held for 120 s, 100 for 30 s;
#   GET /api/v1/products/{id} for random ids at 100 connections for 60 s, twice (first reads, then steady).
# wrk cannot ramp continuously, so the ramp is done in stages; the figures to quote are the hold stage's.
# Usage: bench/catalog.sh [server|embedded|both]   (needs root for apt-get; loopback only)
# GZIP=1 sends "Accept-Encoding: gzip" with every request, as the app's HTTP client (OkHttp) does.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MODES="${1:-both}"; [ "$MODES" = both ] && MODES="server embedded"
ENCODING=(); [ "${GZIP:-0}" = 1 ] && ENCODING=(-H "Accept-Encoding: gzip")
trap cleanup EXIT
install_tools
build_platform
cd "$ROOT"
for mode in $MODES; do
  if [ "$mode" = server ]; then start_postgres; start_redis; fi
  start_platform "$mode"
  count=$(curl -sf "$BASE/api/v1/products?limit=1" | jq .meta.total)
  if [ "$count" -lt 10000 ]; then bash "$BENCH_DIR/seed-products.sh" $((10000 - count)); fi
  : > "$RESULTS/product-ids.txt"
  for p in $(seq 1 100); do
    curl -sf "$BASE/api/v1/products?limit=100&page=$p" | jq -r '.data[].id' >> "$RESULTS/product-ids.txt"
  done
  out="$RESULTS/catalog-$mode-$(date +%Y%m%d-%H%M%S).txt"
  {
    echo "## $mode $(date -u +%FT%TZ) $(nproc) cores gzip=${GZIP:-0}"
    for stage in "100 30s ramp1" "1000 60s ramp2" "1000 120s hold" "100 30s rampdown"; do
      set -- $stage
      echo "### list stage=$3 connections=$1 duration=$2"
      wrk -t2 -c"$1" -d"$2" --timeout 5s --latency "${ENCODING[@]}" -s bench/percentiles.lua "$BASE/api/v1/products"
    done
    # The first pass includes the first read of each of the 10,000 ids (a cache miss each, mostly in
    # its first seconds); the second is the steady state.
    for pass in first steady; do
      echo "### by-id pass=$pass connections=100 duration=60s"
      IDS_FILE="$RESULTS/product-ids.txt" wrk -t2 -c100 -d60s --timeout 5s --latency "${ENCODING[@]}" -s bench/by-id.lua "$BASE"
    done
    echo "### platform RSS (kB): $(ps -o rss= -p "$(cat "$RESULTS/platform.pid")")"
  } | tee "$out"
  stop_platform
  if [ "$mode" = server ]; then stop_redis; stop_postgres; fi
done
grep -h RESULT "$RESULTS"/catalog-*.txt | tail -20
