#!/usr/bin/env bash
# The catalog load scenario of issue 2, against the platform started as in production (PostgreSQL 15
# and Redis servers) and once on its embedded default:
#   GET /api/v1/products: 100 connections for 30 s, 1,000 for 60 s (ramp), 1,000 held for 120 s, 100 for 30 s;
#   GET /api/v1/products/{id} for random ids at 100 connections for 60 s, twice (first reads, then steady).
# wrk cannot ramp continuously, so the ramp is done in stages; the figures to quote are the hold stage's.
# Usage: bench/catalog.sh [server|embedded|both]   (needs root for apt-get; loopback only)
# GZIP=1 sends "Accept-Encoding: gzip" with every request, as the app's HTTP client (OkHttp) does.
#
# bench/catalog.sh signed-in: issue 24's guests and signed-in callers side by side, in one run on one
# server-mode node: PRODUCTS (2,000) fournisseur products, USERS (1,000) customers' development
# sign-in tokens (ZST_DEV_AUTH=true, as launch_node starts the node), WARMUP (90 s) of all four reads,
# then ROUNDS rounds of: the list at LIST_CONNECTIONS (1,000), guests then signed in (each request a
# random user's token, bench/signed-in.lua), and by id at ID_CONNECTIONS (100) likewise, DURATION
# each. Prints req/s, p50/p95/p99 and errors of each, the node's RSS after each, the signed-in/guest
# ratios, and the node's native memory (-XX:NativeMemoryTracking=summary, jcmd VM.native_memory)
# under that load. ZST_HTTP_SIGNEDINSHORTCUT=false measures the full path for comparison.
# MEASURE_LOCK=FILE holds an flock on FILE for the build and the measured part (bench/lib.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MODES="${1:-both}"; [ "$MODES" = both ] && MODES="server embedded"
ENCODING=(); [ "${GZIP:-0}" = 1 ] && ENCODING=(-H "Accept-Encoding: gzip")
trap cleanup EXIT

# measure KIND READ CONNECTIONS DURATION: one wrk run (KIND guest or signed-in), its RESULT line labelled.
measure() {
  local tokens=""; [ "$1" = signed-in ] && tokens="$RESULTS/signed-in-tokens.txt"
  READ="$2" IDS_FILE="$RESULTS/product-ids.txt" TOKENS_FILE="$tokens" \
    wrk -t2 -c"$3" -d"$4" --timeout 5s --latency "${ENCODING[@]}" -s bench/signed-in.lua "$BASE" \
    | sed -n "s/^RESULT /RESULT kind=$1 read=$2 connections=$3 /p"
  echo "RSS kind=$1 read=$2 rss_kb=$(ps -o rss= -p "$(cat "$RESULTS/platform.pid")" | tr -d ' ')"
}

if [ "$MODES" = signed-in ]; then
  PRODUCTS="${PRODUCTS:-2000}"; USERS="${USERS:-1000}"; WARMUP="${WARMUP:-90}"; ROUNDS="${ROUNDS:-2}"
  DURATION="${DURATION:-30s}"; LIST_CONNECTIONS="${LIST_CONNECTIONS:-1000}"; ID_CONNECTIONS="${ID_CONNECTIONS:-100}"
  export PG_DB=zst_signed_in
  export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20} -XX:NativeMemoryTracking=summary"
  install_tools
  hold_measure_lock
  build_platform
  release_measure_lock
  cd "$ROOT"
  start_postgres; start_redis
  # FRESH=0 keeps the previous run's database, products and tokens (seeding them takes minutes).
  [ "${FRESH:-1}" = 1 ] && { fresh_database "$PG_DB"; rm -f "$RESULTS/signed-in-tokens.txt"; }
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
  start_platform server
  count=$(curl -sf "$BASE/api/v1/products?limit=1" | jq .meta.total)
  [ "$count" -lt "$PRODUCTS" ] && bash "$BENCH_DIR/seed-products.sh" $((PRODUCTS - count))
  : > "$RESULTS/product-ids.txt"
  for p in $(seq 1 $(( (PRODUCTS + 99) / 100 ))); do
    curl -sf "$BASE/api/v1/products?limit=100&page=$p" | jq -r '.data[].id' >> "$RESULTS/product-ids.txt"
  done
  tokens=0; [ -f "$RESULTS/signed-in-tokens.txt" ] && tokens=$(wc -l < "$RESULTS/signed-in-tokens.txt")
  if [ "$tokens" -lt "$USERS" ]; then
    seq 1 "$USERS" | xargs -P 8 -I{} bash -c 'source "'"$BENCH_DIR"'/lib.sh"; customer_token bench-signed-in-{}@zst.test' \
      | grep -v '^null$' > "$RESULTS/signed-in-tokens.txt"
  fi
  echo "products: $(wc -l < "$RESULTS/product-ids.txt"), users' tokens: $(wc -l < "$RESULTS/signed-in-tokens.txt")"
  out="$RESULTS/catalog-signed-in-$(date +%Y%m%d-%H%M%S).txt"
  hold_measure_lock
  {
    echo "## signed-in side by side $(date -u +%FT%TZ) $(nproc) cores gzip=${GZIP:-0} JAVA_OPTS=$JAVA_OPTS" \
      "signed-in shortcut=${ZST_HTTP_SIGNEDINSHORTCUT:-true}"
    echo "### warm-up ${WARMUP} s (not measured)"
    for kind in guest signed-in; do
      measure "$kind" list "$LIST_CONNECTIONS" "$((WARMUP / 4))s" >/dev/null
      measure "$kind" by-id "$ID_CONNECTIONS" "$((WARMUP / 4))s" >/dev/null
    done
    for round in $(seq 1 "$ROUNDS"); do
      echo "### round $round"
      for read in list by-id; do
        connections=$LIST_CONNECTIONS; [ "$read" = by-id ] && connections=$ID_CONNECTIONS
        for kind in guest signed-in; do
          # PROFILE=async: async-profiler on the node during round 1's stages (bench/lib.sh).
          [ "${PROFILE:-}" = async ] && [ "$round" = 1 ] && async_profiler "$(cat "$RESULTS/platform.pid")" start
          measure "$kind" "$read" "$connections" "$DURATION"
          [ "${PROFILE:-}" = async ] && [ "$round" = 1 ] \
            && async_profiler "$(cat "$RESULTS/platform.pid")" stop "$RESULTS/catalog-$kind-$read.collapsed"
        done
      done
    done
    pid=$(cat "$RESULTS/platform.pid")
    echo "### platform peak RSS (kB): $(awk '/VmHWM/ {print $2}' /proc/"$pid"/status)," \
      "now $(ps -o rss= -p "$pid" | tr -d ' ')"
    echo "### native memory (committed), jcmd VM.native_memory summary"
    jcmd "$pid" VM.native_memory summary scale=MB | grep -E 'Total:|^-' | sed -E 's/ +\(/ (/; s/reserved=[0-9]+MB, //'
  } | tee "$out"
  release_measure_lock
  echo "### signed-in / guest, per round (req/s ratio, p95 ratio)"
  awk '/^### round/ {round = $3}
       /^RESULT/ {for (i = 2; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
                  rps[round, v["kind"], v["read"]] = v["rps"]; p95[round, v["kind"], v["read"]] = v["p95_ms"]}
       END {for (r = 1; r <= round; r++) for (k = 1; k <= 2; k++) {read = k == 1 ? "list" : "by-id"
              if (rps[r, "guest", read] > 0)
                printf "RATIO round=%d read=%s rps=%.2f p95=%.2f\n", r, read,
                  rps[r, "signed-in", read] / rps[r, "guest", read], p95[r, "signed-in", read] / p95[r, "guest", read]}}' \
    "$out" | tee -a "$out"
  exit 0
fi
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
