#!/usr/bin/env bash
# Issue 21's dashboard benchmark, against the platform started as in production (PostgreSQL 15 and
# Redis servers): one fournisseur with ORDERS orders (checkouts of its PRODUCTS products by BUYERS
# buyers and guests, through bench/checkout.lua), DELIVERED of them delivered (so paid: cash on
# delivery), then GET /api/v1/seller/stats and /api/v1/seller/analytics?period=365d, each at
# CONNECTIONS connections for DURATION, with the seller's token: req/s, p50/p95/p99, errors.
# The figures come from the dashboard read model, whatever the number of orders (issue 21 target:
# ≥ 5,000 req/s, p95 ≤ 20 ms each). wrk shares the server's two cores.
# Each read is first run for WARMUP (15 s, not measured: the JIT compiles the read's path meanwhile).
# FRESH=0 keeps the previous run's database (its orders, deliveries and seller) and measures again.
# MEASURE_LOCK=FILE: the seeding (a quarter of an hour for 100,000 orders) runs without the lock (bench/lib.sh).
# Usage: bench/dashboard.sh   (needs root for apt-get)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ORDERS="${ORDERS:-100000}"
PRODUCTS="${PRODUCTS:-500}"
BUYERS="${BUYERS:-200}"
DELIVERED="${DELIVERED:-1000}"
CONNECTIONS="${CONNECTIONS:-100}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-15s}"
FRESH="${FRESH:-1}"
export PG_DB=zst_dashboard
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20}"
trap cleanup EXIT

install_tools
hold_measure_lock
build_platform
start_postgres; [ "$FRESH" = 1 ] && fresh_database "$PG_DB"; start_redis
start_platform server
release_measure_lock
db() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc "$1"; }
dir="$RESULTS/dashboard"; rm -rf "$dir"; mkdir -p "$dir"

seller=$(dev_token "bench-dashboard-seller@zst.test" fournisseur)
if [ "$FRESH" = 1 ]; then
  seq 1 "$PRODUCTS" | xargs -P 8 -I{} curl -sf -X POST "$BASE/api/v1/products" -H "Authorization: Bearer $seller" \
    -H "Content-Type: application/json" \
    -d "{\"name\":\"Dashboard product {}\",\"brand\":\"Banc\",\"description\":\"Produit du banc du tableau de bord, article {}.\",\"price\":1500.00,\"stock\":10000000,\"category\":\"beauty\",\"images\":[\"https://cdn.zst.test/d/{}.jpg\"]}" \
    | jq -r '"\(.id) \(.seller_id) \(.stock)"' > "$dir/products.txt"
  seq 1 "$BUYERS" | xargs -P 8 -I{} bash -c 'source "'"$BENCH_DIR"'/lib.sh"; customer_token bench-dashboard-buyer-{}@zst.test' \
    > "$dir/tokens.txt"
  echo "== seeding $ORDERS orders of one seller ($(wc -l < "$dir/products.txt") products, $BUYERS buyers and guests)"
  started=$(date +%s)
  while [ "$(db "SELECT count(*) FROM orders")" -lt "$ORDERS" ]; do
    PRODUCTS_FILE="$dir/products.txt" TOKENS_FILE="$dir/tokens.txt" IDS_DIR="$dir" STAGE=seed HOT_SHARE=0 \
      wrk -t2 -c16 -d30s --timeout 15s -s bench/checkout.lua "$BASE" | grep -E '^RESULT' || true
  done
  echo "orders: $(db "SELECT count(*) FROM orders") in $(( $(date +%s) - started )) s"
  echo "== delivering $DELIVERED of them (confirmed, processing, shipped, delivered: paid on delivery)"
  db "SELECT id FROM orders ORDER BY created_at LIMIT $DELIVERED" | xargs -P 8 -I{} bash -c '
    for s in confirmed processing shipped delivered; do
      curl -sf -o /dev/null -X PATCH "'"$BASE"'/api/v1/seller/orders/{}/status" -H "Authorization: Bearer '"$seller"'" \
        -H "Content-Type: application/json" -d "{\"status\":\"$s\"}" || echo "refused {} $s"
    done' | sort | uniq -c | head -5
else
  echo "orders: $(db "SELECT count(*) FROM orders") (FRESH=0: the previous run's)"
fi
# The dashboard is folded asynchronously: wait until the seller's figures stop moving (2 s apart).
previous=""
for _ in $(seq 1 120); do
  current=$(curl -sf "$BASE/api/v1/seller/stats" -H "Authorization: Bearer $seller")
  [ "$current" = "$previous" ] && break
  previous="$current"; sleep 2
done
echo "stats: $(curl -sf "$BASE/api/v1/seller/stats" -H "Authorization: Bearer $seller")"
hold_measure_lock
for route in "seller/stats" "seller/analytics?period=365d"; do
  echo "== warm-up: GET /api/v1/$route, $CONNECTIONS connections, $WARMUP (not measured)"
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" --timeout 5s -H "Authorization: Bearer $seller" \
    -s bench/percentiles.lua "$BASE/api/v1/$route" | grep -E '^RESULT' || true
done
for route in "seller/stats" "seller/analytics?period=365d"; do
  echo "== GET /api/v1/$route, $CONNECTIONS connections, $DURATION"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency -H "Authorization: Bearer $seller" \
    -s bench/percentiles.lua "$BASE/api/v1/$route" | grep -E '^RESULT' | tee -a "$dir/reads.txt"
done
