#!/usr/bin/env bash
# The checkout load scenario of issue 3, against the platform started as in production (PostgreSQL 15
# and Redis servers) and once on its embedded default, each time on an empty database:
#   seed 20 fournisseur sellers × 25 products (stock 100,000 each) + 5 "hot" products of a 21st
#   seller (stock 40 each) and 200 customer tokens, all through the API;
#   POST /api/v1/orders with checkouts of 1–3 products (bench/checkout.lua), 20 % of them by guests:
#   a warm-up, then one sustained stage per connection count (buyers who never used the cart), then
#   one stage after each buyer put a product in the cart (the cart aggregate exists, as when the app
#   checks out from the cart), then a stage where half the checkouts also want a hot product;
#   check on the database: no product below zero, every product's decrement = the units of the orders
#   read model = the units of the StockReservedEvents; every order id a 201 returned is in the orders
#   read model and in the event store (lost orders);
#   server mode: pgbench single-row inserts with 8 and 32 clients on the same PostgreSQL server.
# Usage: bench/checkout.sh [server|embedded|both]   (needs root for apt-get; loopback only)
# Knobs: STAGES="16:120s 32:60s 64:60s" (connections:duration), WARMUP=90s (at 16 connections),
#   CART_STAGE=16:60s, HOT_STAGE=16:30s, PGBENCH_DURATION=45, PROFILE=1 (one more 60 s stage at
#   PROFILE_CONNECTIONS connections, default 16, buyers' carts filled, under a JFR recording
#   summarised by bench/jfr-top.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MODES="${1:-both}"; [ "$MODES" = both ] && MODES="server embedded"
STAGES="${STAGES:-16:120s 32:60s 64:60s}"
WARMUP="${WARMUP:-90s}"
CART_STAGE="${CART_STAGE:-16:60s}"
HOT_STAGE="${HOT_STAGE:-16:30s}"
PGBENCH_DURATION="${PGBENCH_DURATION:-45}"
PROFILE="${PROFILE:-0}"
PROFILE_CONNECTIONS="${PROFILE_CONNECTIONS:-16}"
SELLERS="${SELLERS:-20}"
PER_SELLER="${PER_SELLER:-25}"
STOCK="${STOCK:-100000}"
HOT_PRODUCTS="${HOT_PRODUCTS:-5}"
HOT_STOCK="${HOT_STOCK:-40}"
BUYERS="${BUYERS:-200}"
export PG_DB=zst_checkout EMBEDDED_DATA="$RESULTS/embedded-checkout-data"
trap cleanup EXIT

# seed DIR: sellers, products and buyer tokens through the API; DIR/products.txt has "id seller stock".
seed() {
  local dir="$1" s
  : > "$dir/sellers.txt"
  for s in $(seq 1 $((SELLERS + 1))); do
    echo "$s $(dev_token "bench-checkout-seller-$s@zst.test" fournisseur)" >> "$dir/sellers.txt"
  done
  # One line per product to create: seller number, its token, product number, stock.
  {
    for s in $(seq 1 "$SELLERS"); do
      for p in $(seq 1 "$PER_SELLER"); do echo "$s $(awk -v s="$s" '$1 == s {print $2}' "$dir/sellers.txt") $p $STOCK"; done
    done
    for p in $(seq 1 "$HOT_PRODUCTS"); do
      echo "$((SELLERS + 1)) $(awk -v s=$((SELLERS + 1)) '$1 == s {print $2}' "$dir/sellers.txt") $p $HOT_STOCK"
    done
  } > "$dir/to-create.txt"
  xargs -P 8 -L 1 bash -c '
    curl -sf -X POST "'"$BASE"'/api/v1/products" -H "Authorization: Bearer $1" -H "Content-Type: application/json" \
      -d "{\"name\":\"Checkout product $0-$2\",\"brand\":\"Seller $0\",\"description\":\"Produit du banc de commandes, vendeur $0, article $2.\",\"price\":$((300 + ($0 * 37 + $2 * 11) % 5000)).00,\"stock\":$3,\"category\":\"beauty\",\"images\":[\"https://cdn.zst.test/c/$0-$2.jpg\"]}" \
      | jq -r "\"\(.id) \(.seller_id) \(.stock)\""' < "$dir/to-create.txt" > "$dir/products.txt"
  seq 1 "$BUYERS" | xargs -P 8 -I{} bash -c 'source "'"$BENCH_DIR"'/lib.sh"; customer_token bench-checkout-buyer-{}@zst.test' \
    > "$dir/tokens.txt"
  echo "seeded $(wc -l < "$dir/products.txt") products ($(awk -v h="$HOT_STOCK" '$3 == h' "$dir/products.txt" | wc -l) hot)," \
    "$(sort -u "$dir/tokens.txt" | grep -c .) buyer tokens, $((SELLERS + 1)) sellers"
}

# fill_carts DIR: each buyer puts one product (not a hot one) in the cart, which creates its cart.
fill_carts() {
  local dir="$1"
  awk -v h="$HOT_STOCK" '$3 != h {print $1}' "$dir/products.txt" | shuf -n "$(wc -l < "$dir/tokens.txt")" -r \
    | paste -d' ' "$dir/tokens.txt" - | xargs -P 8 -L 1 bash -c '
      curl -sf -o /dev/null -w "%{http_code}\n" -X POST "'"$BASE"'/api/v1/cart/items" -H "Authorization: Bearer $0" \
        -H "Content-Type: application/json" -d "{\"product_id\":\"$1\",\"quantity\":1}"' | sort | uniq -c \
    | awk '{printf "%s carts answered %s; ", $1, $2} END {print ""}'
}

# stage DIR LABEL CONNECTIONS DURATION [HOT_SHARE]: one wrk run, with the load average before it and
# the CPU each process group used during it.
stage() {
  local dir="$1" label="$2" conns="$3" duration="$4" hot="${5:-0}" before after secs
  secs=${duration%s}
  echo "### stage=$label connections=$conns duration=$duration hot_share=$hot loadavg_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
  if [ "$label" = profile ]; then
    jcmd "$(cat "$RESULTS/platform.pid")" JFR.start name=checkout settings=profile duration="${secs}s" \
      filename="$dir/checkout-$MODE.jfr" >/dev/null
  fi
  local ryw_before; ryw_before=$(grep -c 'did not reach' "$RESULTS/platform-$MODE.log" || true)
  # Half-way: the platform's database connections by state (the pool holds DATABASE_POOL_SIZE, 30 by default).
  ( sleep $((secs / 2)); echo "POOL stage=$label $(db_psql -At -c "SELECT string_agg(k || '=' || n, ' ' ORDER BY n DESC) FROM (
      SELECT CASE WHEN query LIKE 'SELECT id, position FROM%' THEN 'read_your_writes_poll:' ELSE '' END
             || replace(coalesce(state, '?'), ' ', '_') AS k, count(*) AS n
      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1) t")" ) &
  local sampler=$!
  before=$(cpu_snapshot "$(cat "$RESULTS/platform.pid")" "$(postmaster_pid)")
  PRODUCTS_FILE="$dir/products.txt" TOKENS_FILE="$dir/tokens.txt" IDS_DIR="$dir" STAGE="$label" HOT_SHARE="$hot" \
    wrk -t2 -c"$conns" -d"$duration" --timeout 15s -s bench/checkout.lua "$BASE" | grep -E '^(RESULT|SAMPLE)'
  after=$(cpu_snapshot "$(cat "$RESULTS/platform.pid")" "$(postmaster_pid)")
  wait "$sampler" || true
  echo "CPU stage=$label $(cpu_delta "$before" "$after" "$secs")"
  echo "RYW stage=$label read_your_writes_timeouts=$(( $(grep -c 'did not reach' "$RESULTS/platform-$MODE.log" || true) - ryw_before ))"
}

postmaster_pid() {
  if [ "$MODE" = server ]; then head -1 "$RESULTS/pg15/postmaster.pid"; else head -1 "$EMBEDDED_DATA/postgres/postmaster.pid"; fi
}

db_psql() {
  if [ "$MODE" = server ]; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" "$@"
  else
    psql -h 127.0.0.1 -p "$(embedded_pg_port)" -U postgres -d postgres "$@"
  fi
}

# check DIR: oversold and lost orders, one CHECK line.
check() {
  local dir="$1"
  cat "$dir"/order-ids-*.txt > "$dir/order-ids.txt" 2>/dev/null || : > "$dir/order-ids.txt"
  db_psql -qAt -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE seeded (id uuid, seller uuid, initial int);
\copy seeded FROM '$dir/products.txt' WITH (DELIMITER ' ')
CREATE TEMP TABLE acked (id uuid);
\copy acked FROM '$dir/order-ids.txt'
WITH ev AS (
  SELECT aggregateidentifier::uuid AS id,
         sum(CASE WHEN payloadtype LIKE '%StockReservedEvent' THEN (convert_from(payload, 'UTF8')::jsonb->>'quantity')::int ELSE 0 END)
       - sum(CASE WHEN payloadtype LIKE '%StockReleasedEvent' THEN (convert_from(payload, 'UTF8')::jsonb->>'quantity')::int ELSE 0 END) AS units
  FROM domainevententry
  WHERE payloadtype LIKE '%StockReservedEvent' OR payloadtype LIKE '%StockReleasedEvent'
  GROUP BY 1),
ord AS (
  SELECT (i->>'productId')::uuid AS id, sum((i->>'quantity')::int) AS units
  FROM orders, jsonb_array_elements(items) i GROUP BY 1),
per AS (
  SELECT s.id, s.initial, p.stock, coalesce(ev.units, 0) AS ev_units, coalesce(ord.units, 0) AS ord_units
  FROM seeded s LEFT JOIN products p ON p.id = s.id LEFT JOIN ev ON ev.id = s.id LEFT JOIN ord ON ord.id = s.id),
stock AS (
  SELECT count(*) AS products, sum(initial - stock) AS decremented, sum(ord_units) AS ord_units, sum(ev_units) AS ev_units,
         count(*) FILTER (WHERE stock < 0) AS negative,
         count(*) FILTER (WHERE stock IS NULL OR initial - stock <> ord_units OR initial - stock <> ev_units) AS mismatched,
         sum(initial - stock) FILTER (WHERE initial = $HOT_STOCK) AS hot_sold,
         sum(stock) FILTER (WHERE initial = $HOT_STOCK) AS hot_left
  FROM per),
lost AS (
  SELECT (SELECT count(*) FROM acked) AS acked,
         (SELECT count(*) - count(DISTINCT id) FROM acked) AS acked_twice,
         (SELECT count(*) FROM (SELECT DISTINCT id FROM acked) a WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = a.id)) AS missing_read_model,
         (SELECT count(*) FROM (SELECT DISTINCT id FROM acked) a
           WHERE NOT EXISTS (SELECT 1 FROM domainevententry e WHERE e.aggregateidentifier = a.id::text)) AS missing_events,
         (SELECT count(*) FROM orders) AS orders_read_model,
         (SELECT count(DISTINCT aggregateidentifier) FROM domainevententry WHERE payloadtype LIKE '%OrderPlacedEvent') AS orders_events,
         (SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM acked a WHERE a.id = o.id)) AS unacknowledged,
         (SELECT count(*) FROM deadletterentry) AS dead_letters)
SELECT format('CHECK products=%s decremented=%s ordered_units=%s reserved_event_units=%s negative_stock=%s mismatched_products=%s '
              'hot_sold=%s hot_left=%s oversold=%s orders_acked=%s acked_twice=%s lost_read_model=%s lost_events=%s '
              'orders_read_model=%s orders_event_store=%s unacknowledged=%s dead_letters=%s',
              products, decremented, ord_units, ev_units, negative, mismatched, hot_sold, hot_left,
              negative + mismatched, acked, acked_twice, missing_read_model, missing_events,
              orders_read_model, orders_events, unacknowledged, dead_letters)
FROM stock, lost;
SQL
}

# pgbench: single-row inserts (bench/pgbench-insert.sql) with 8 and 32 clients on the bench server.
pgbench_inserts() {
  fresh_database pgbench_insert
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pgbench_insert -qc \
    "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
  echo "### pgbench $(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 'fsync=' || current_setting('fsync') || ' synchronous_commit=' || current_setting('synchronous_commit') || ' ' || split_part(version(), ',', 1)")"
  local c tps
  for c in 8 32; do
    echo "### pgbench clients=$c duration=${PGBENCH_DURATION}s loadavg_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
    tps=$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$c" -j 2 -T "$PGBENCH_DURATION" \
      -f "$BENCH_DIR/pgbench-insert.sql" pgbench_insert 2>&1 | tee -a /dev/stderr | awk '/^tps/ {print $3}')
    echo "PGBENCH clients=$c tps=$tps"
  done
}

# Sourced (BENCH_LIB_ONLY=1) for the functions only, e.g. to run one stage by hand.
[ "${BENCH_LIB_ONLY:-0}" = 1 ] && { trap - EXIT; return 0; }
install_tools
build_platform
cd "$ROOT"
run_dirs=()
for MODE in $MODES; do
  run_dir="$RESULTS/checkout-$MODE-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$run_dir"; run_dirs+=("$run_dir")
  out="$run_dir/output.txt"
  if [ "$MODE" = server ]; then
    start_postgres; start_redis; fresh_database "$PG_DB"; redis-cli -p "$REDIS_PORT" flushall >/dev/null
  else
    rm -rf "$EMBEDDED_DATA"
  fi
  start_platform "$MODE"
  {
    echo "## checkout $MODE $(date -u +%FT%TZ) $(nproc) cores, loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
    seed "$run_dir"
    stage "$run_dir" warmup 16 "$WARMUP"
    for st in $STAGES; do stage "$run_dir" "c${st%%:*}" "${st%%:*}" "${st#*:}"; done
    fill_carts "$run_dir"
    stage "$run_dir" "carts-c${CART_STAGE%%:*}" "${CART_STAGE%%:*}" "${CART_STAGE#*:}"
    stage "$run_dir" hot "${HOT_STAGE%%:*}" "${HOT_STAGE#*:}" 0.5
    # Profiled apart, after the measured stages: a JFR recording costs throughput on this path.
    if [ "$PROFILE" = 1 ]; then stage "$run_dir" profile "$PROFILE_CONNECTIONS" 60s; fi
    sleep 2
    check "$run_dir"
    echo "### platform RSS (kB): $(ps -o rss= -p "$(cat "$RESULTS/platform.pid")")"
    echo "### platform log: $(grep -c ' ERROR ' "$RESULTS/platform-$MODE.log" || true) ERROR lines, $(grep -c ' WARN ' "$RESULTS/platform-$MODE.log" || true) WARN lines"
  } 2>&1 | tee "$out"
  # Compressed: every authenticated checkout of a buyer without a cart logs a stack trace (~28 KB).
  gzip -c "$RESULTS/platform-$MODE.log" > "$run_dir/platform-$MODE.log.gz"
  stop_platform
  if [ "$MODE" = server ]; then
    # Before pgbench's own statements join them, and while the server still runs (PG_STATEMENTS=1).
    print_statements
    pgbench_inserts 2>"$run_dir/pgbench.txt" | tee -a "$out"
    stop_redis; stop_postgres
  fi
  if [ -f "$run_dir/checkout-$MODE.jfr" ]; then
    bash "$BENCH_DIR/jfr-top.sh" "$run_dir/checkout-$MODE.jfr" > "$run_dir/jfr-top.txt" && echo "JFR summary: $run_dir/jfr-top.txt"
  fi
done
for d in "${run_dirs[@]}"; do echo "## $d"; grep -h -E '^(RESULT|CHECK|PGBENCH|CPU|POOL|RYW)' "$d/output.txt"; done
