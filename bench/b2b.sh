#!/usr/bin/env bash
# The B2B benchmarks of issue 20, against the platform started as in production (PostgreSQL 15 and
# Redis servers; MODE=embedded for the embedded default, hot auction only):
#   hot:  BIDDERS grossistes bid on one auction as fast as they can for SECONDS_MEASURED (each bid
#         at the amount its last refusal named, or SEEN=read: 100 DZD above the current_bid it read
#         with a GET after every bid, as the first runs did; HTTP2=1: over cleartext HTTP/2), after
#         a WARMUP_SECONDS round on another auction: attempts/s, accepted/s, bid latency p50/p95/p99, errors (anything but 201 and 400),
#         the cores each process used; then the check in SQL: the offer's current_bid equals the
#         highest bid in the event store and one bid leads.
#   wave: WAVE_COUNT auctions ending evenly within WAVE_SPREAD seconds (every tenth with a bid), for
#         each of WAVE_SCENARIOS: "1" one node, "2" two nodes on the database, "2-stop" the second
#         node stopped (SIGTERM) half-way through the ends, "2-kill" the second node killed (kill -9)
#         there. Per scenario, in SQL: each end's delay to its close event (p50/p99/max), offers
#         closed twice, offers never closed.
# The clients (bench/b2b/*.java, run from source on the JDK) share the server's two cores; the hot
# auction's bidders speak HTTP/1.1 on plain sockets (the JDK's HttpClient cost 0.4 ms of CPU a bid).
# Usage: bench/b2b.sh [server|embedded] [hot|wave|all]   (needs root for apt-get)
# Figures: bench/README.md (hot auction, closing wave).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MODE="${1:-server}"
WHAT="${2:-hot}"
BIDDERS="${BIDDERS:-200}"
SECONDS_MEASURED="${SECONDS_MEASURED:-60}"
# 120 s: the JIT is still at work long after start (jstat -compiler, 2026-12-07): after a 30 s
# warm-up it compiled for 40 s of CPU time during the measured minute, after 90 s for 15 s, after
# 120 s for 6 s.
WARMUP_SECONDS="${WARMUP_SECONDS:-120}"
export PG_DB=zst_b2b EMBEDDED_DATA="$RESULTS/embedded-b2b-data"
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20}"
# HTTP2=1: the server also speaks cleartext HTTP/2 (h2c) and the hot auction's bidders use it, so a
# refused bid (400) ends its stream, not the connection, as Tomcat's HTTP/1.1 does (bench/README.md).
[ -n "${HTTP2:-}" ] && JAVA_OPTS="$JAVA_OPTS -Dserver.http2.enabled=true"
trap 'stop_second_node KILL; cleanup' EXIT

install_tools
build_platform
# The clients' shared classes, compiled once before anything is measured (bench/lib.sh).
SHARED_CLASSES=$(shared_classes)
if [ "$MODE" = server ]; then
  start_postgres; fresh_database "$PG_DB"; start_redis
else
  rm -rf "$EMBEDDED_DATA"
fi
start_platform "$MODE"

hot_auction() {
echo "== hot auction: $BIDDERS bidders, ${SECONDS_MEASURED}s measured after ${WARMUP_SECONDS}s of warm-up ($MODE)"
java -Xmx512m -XX:+UseSerialGC ${HTTP2:+-Dhttp2=true} -cp "$SHARED_CLASSES" "$BENCH_DIR/b2b/AuctionBench.java" hot "$BASE" "$BIDDERS" "$SECONDS_MEASURED" \
  "$WARMUP_SECONDS" "${SEEN:-refusal}" > "$RESULTS/b2b-hot.txt" &
client=$!
server=$(cat "$RESULTS/platform.pid")
# The measured round's CPU, by process (client, server, PostgreSQL), from /proc; PROFILE=async
# profiles the server's measured round (bench/lib.sh).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0; for p in $(pgrep -u postgres postgres); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
until grep -q '^warm-up\|^measured' "$RESULTS/b2b-hot.txt" 2>/dev/null || ! kill -0 "$client" 2>/dev/null; do sleep 0.2; done
[ "${PROFILE:-0}" = async ] && async_profiler "$server" start
c0=$(cpu_ticks "$client"); s0=$(cpu_ticks "$server"); p0=$(pg_ticks); t0=$(date +%s.%N)
until grep -q '^measured' "$RESULTS/b2b-hot.txt" 2>/dev/null || ! kill -0 "$client" 2>/dev/null; do sleep 0.2; done
c1=$(cpu_ticks "$client"); s1=$(cpu_ticks "$server"); p1=$(pg_ticks); t1=$(date +%s.%N)
[ "${PROFILE:-0}" = async ] && async_profiler "$server" stop "$RESULTS/b2b-hot.collapsed"
wait "$client"
cat "$RESULTS/b2b-hot.txt"
hz=$(getconf CLK_TCK)
awk -v c=$((c1 - c0)) -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v hz="$hz" -v t0="$t0" -v t1="$t1" 'BEGIN {
  d = t1 - t0; printf "cores during the measured round: server %.2f, PostgreSQL %.2f, client %.2f\n", s/hz/d, p/hz/d, c/hz/d }'
offer=$(awk '/^offer /{print $2}' "$RESULTS/b2b-hot.txt")
sleep 2
echo "== check of offer $offer"
echo "current_bid (read model):     $(sql "SELECT current_bid FROM b2b_offers WHERE id = '$offer'")"
echo "highest bid in the event store: $(sql "SELECT max((convert_from(payload, 'UTF8')::jsonb ->> 'amount')::numeric) FROM domainevententry WHERE aggregateidentifier = '$offer' AND payloadtype LIKE '%B2BBidPlacedEvent'")"
echo "bids in the event store:        $(sql "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '$offer' AND payloadtype LIKE '%B2BBidPlacedEvent'")"
echo "leading (pending) bids:         $(sql "SELECT count(*) FROM b2b_responses WHERE offer_id = '$offer' AND status = 'pending'")"
echo "highest_bidder_id = leader:     $(sql "SELECT o.highest_bidder_id = r.buyer_id FROM b2b_offers o JOIN b2b_responses r ON r.offer_id = o.id AND r.status = 'pending' WHERE o.id = '$offer'")"
}

# The second node of the wave: the same jar on the same PostgreSQL and Redis, its own ports.
PORT2="${PORT2:-3010}"
REALTIME_PORT2="${REALTIME_PORT2:-3011}"
MANAGEMENT_PORT2="${MANAGEMENT_PORT2:-3012}"
start_second_node() {
  launch_node server "$PORT2" "$REALTIME_PORT2" "$MANAGEMENT_PORT2" "$RESULTS/platform-2.log" "$RESULTS/platform-2.pid"
}
stop_second_node() {
  local pid; pid=$(cat "$RESULTS/platform-2.pid" 2>/dev/null) || return 0
  kill "-${1:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f "$RESULTS/platform-2.pid"
}

WAVE_COUNT="${WAVE_COUNT:-10000}"
WAVE_SPREAD="${WAVE_SPREAD:-60}"
WAVE_LEAD="${WAVE_LEAD:-150}"
WAVE_SCENARIOS="${WAVE_SCENARIOS:-1 2 2-stop 2-kill}"

closing_wave() {
  local scenario="$1" out="$RESULTS/b2b-wave-$1.txt"
  echo "== closing wave, scenario $scenario: $WAVE_COUNT auctions ending within ${WAVE_SPREAD}s"
  [ "$scenario" = 1 ] || start_second_node
  java -Xmx512m -XX:+UseSerialGC -cp "$SHARED_CLASSES" "$BENCH_DIR/b2b/AuctionBench.java" wave "$BASE" "$WAVE_COUNT" "$WAVE_SPREAD" \
    "$WAVE_LEAD" 32 | tee "$out"
  local run first last
  read -r _ run first last < <(grep '^wave ' "$out")
  local now_ms; now_ms=$(date +%s%3N)
  if [ "$scenario" = 2-stop ] || [ "$scenario" = 2-kill ]; then
    local half=$(( (first + last) / 2 ))
    sleep "$(awk -v ms=$((half - now_ms)) 'BEGIN { print (ms > 0 ? ms / 1000 : 0) }')"
    echo "stopping the second node ($([ "$scenario" = 2-kill ] && echo 'kill -9' || echo SIGTERM)) at $(date -u +%T.%3N)"
    stop_second_node "$([ "$scenario" = 2-kill ] && echo KILL || echo TERM)"
  fi
  # Every offer closed, or 90 s after the last end.
  local deadline=$((last + 90000)) offers="SELECT id::text FROM b2b_offers WHERE title LIKE 'Vague $run #%'"
  local closes="SELECT aggregateidentifier FROM domainevententry WHERE aggregateidentifier IN ($offers)
      AND (payloadtype LIKE '%B2BAuctionWonEvent' OR payloadtype LIKE '%B2BOfferExpiredEvent')"
  while [ "$(date +%s%3N)" -lt "$deadline" ]; do
    [ "$(date +%s%3N)" -gt "$last" ] && [ "$(sql "SELECT count(DISTINCT aggregateidentifier) FROM ($closes) c")" -ge "$WAVE_COUNT" ] && break
    sleep 2
  done
  sql "WITH offers AS (SELECT id::text AS id, ends_at FROM b2b_offers WHERE title LIKE 'Vague $run #%'),
    closes AS (SELECT aggregateidentifier AS id, count(*) AS n, min(timestamp::timestamptz) AS at,
                      bool_or(payloadtype LIKE '%Won%') AS won
               FROM domainevententry WHERE aggregateidentifier IN (SELECT id FROM offers)
                 AND (payloadtype LIKE '%B2BAuctionWonEvent' OR payloadtype LIKE '%B2BOfferExpiredEvent')
               GROUP BY aggregateidentifier),
    d AS (SELECT c.n, c.won, extract(epoch FROM c.at - o.ends_at) * 1000 AS ms FROM offers o LEFT JOIN closes c USING (id))
    SELECT format('offers %s, closed %s (won %s, expired %s), closed twice %s, never closed %s; delay from ends_at to the '
                  'close event: p50 %s ms, p99 %s ms, max %s ms, min %s ms', count(*), count(n), count(*) FILTER (WHERE won),
                  count(*) FILTER (WHERE NOT won), count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE n IS NULL),
                  round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                  round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                  round(max(ms)::numeric, 1), round(min(ms)::numeric, 1)) FROM d" | tee -a "$out"
  [ "$scenario" = 1 ] || stop_second_node TERM
}

if [ "$MODE" = server ]; then
  sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc "$1"; }
else
  port=$(embedded_pg_port); sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "$1"; }
fi
if [ "$WHAT" = hot ] || [ "$WHAT" = all ]; then hot_auction; fi
if [ "$WHAT" = wave ] || [ "$WHAT" = all ]; then
  [ "$MODE" = server ] || { echo "the closing wave runs on servers (two nodes share the database)" >&2; exit 1; }
  for scenario in $WAVE_SCENARIOS; do closing_wave "$scenario"; done
fi
