#!/usr/bin/env bash
# The B2B benchmarks of issue 20, against the platform started as in production (PostgreSQL 15 and
# Redis servers; MODE=embedded for the embedded default):
#   hot: BIDDERS grossistes bid on one auction as fast as they can for SECONDS (each bid 100 DZD above
#        the current_bid it last read), after a WARMUP_SECONDS round on another auction: attempts/s,
#        accepted/s, bid latency p50/p95/p99, errors (anything but 201 and 400); then the check in SQL:
#        the offer's current_bid equals the highest bid in the event store and one bid leads.
# The client (bench/b2b/AuctionBench.java, run from source on the JDK) shares the server's two cores.
# Usage: bench/b2b.sh [server|embedded] [hot]   (needs root for apt-get)
# Not here yet: the closing wave (10,000 auctions ending within a minute, one and two nodes).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MODE="${1:-server}"
BIDDERS="${BIDDERS:-200}"
SECONDS_MEASURED="${SECONDS_MEASURED:-60}"
WARMUP_SECONDS="${WARMUP_SECONDS:-30}"
export PG_DB=zst_b2b EMBEDDED_DATA="$RESULTS/embedded-b2b-data"
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20}"
trap cleanup EXIT

install_tools
build_platform
if [ "$MODE" = server ]; then
  start_postgres; fresh_database "$PG_DB"; start_redis
else
  rm -rf "$EMBEDDED_DATA"
fi
start_platform "$MODE"
echo "== hot auction: $BIDDERS bidders, ${SECONDS_MEASURED}s measured after ${WARMUP_SECONDS}s of warm-up ($MODE)"
java -Xmx512m -XX:+UseSerialGC "$BENCH_DIR/b2b/AuctionBench.java" "$BASE" "$BIDDERS" "$SECONDS_MEASURED" \
  "$WARMUP_SECONDS" | tee "$RESULTS/b2b-hot.txt"
offer=$(awk '/^offer /{print $2}' "$RESULTS/b2b-hot.txt")
if [ "$MODE" = server ]; then
  sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc "$1"; }
else
  port=$(embedded_pg_port); sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "$1"; }
fi
sleep 2
echo "== check of offer $offer"
echo "current_bid (read model):     $(sql "SELECT current_bid FROM b2b_offers WHERE id = '$offer'")"
echo "highest bid in the event store: $(sql "SELECT max((convert_from(payload, 'UTF8')::jsonb ->> 'amount')::numeric) FROM domainevententry WHERE aggregateidentifier = '$offer' AND payloadtype LIKE '%B2BBidPlacedEvent'")"
echo "bids in the event store:        $(sql "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '$offer' AND payloadtype LIKE '%B2BBidPlacedEvent'")"
echo "leading (pending) bids:         $(sql "SELECT count(*) FROM b2b_responses WHERE offer_id = '$offer' AND status = 'pending'")"
echo "highest_bidder_id = leader:     $(sql "SELECT o.highest_bidder_id = r.buyer_id FROM b2b_offers o JOIN b2b_responses r ON r.offer_id = o.id AND r.status = 'pending' WHERE o.id = '$offer'")"
