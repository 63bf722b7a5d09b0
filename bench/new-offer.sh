#!/usr/bin/env bash
# Issue 21's fan-out benchmark, against the platform started as in production (PostgreSQL 15 and
# Redis servers): GROSSISTES grossistes, each with an Expo push token, then an importateur creates
# OFFERS auctions for their tier, one every INTERVAL seconds. For each offer: the creation's
# latency, when all GROSSISTES new_offer notifications were readable, when Expo had all the pushes,
# and duplicates. Expo is the client's own stand-in (bench/notifications/NewOfferBench.java serves
# its push API on EXPO_PORT; the platform's EXPO_PUSH_URL points there), answering every message
# with an ok ticket. Targets (issue 21): create p95 ≤ 100 ms, all readable ≤ 10 s, all pushed
# ≤ 30 s, 0 duplicates. The client shares the server's two cores.
# MEASURE_LOCK=FILE: the seeding runs without the lock (bench/lib.sh).
# Usage: bench/new-offer.sh   (needs root for apt-get)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
GROSSISTES="${GROSSISTES:-10000}"
OFFERS="${OFFERS:-10}"
INTERVAL="${INTERVAL:-40}"
EXPO_PORT="${EXPO_PORT:-3090}"
export PG_DB=zst_new_offer
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20}"
# The platform's pushes go to the client's stand-in (started with the measured round; until then
# nothing is pushed: signing in notifies nobody).
export EXPO_PUSH_URL="http://127.0.0.1:$EXPO_PORT/--/api/v2/push/send"
# Users sign in as Clerk's would: the client signs their session tokens with a key made here, whose
# public half the platform verifies them with (development sign-in's BCrypt per new user would make
# seeding ten thousand sellers take half an hour).
key="$RESULTS/new-offer-clerk-key.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
CLERK_JWT_KEY="$(openssl pkey -in "$key" -pubout)"
export CLERK_JWT_KEY CLERK_ISSUER="https://clerk.bench.zst.test"
trap cleanup EXIT

install_tools
hold_measure_lock
build_platform
start_postgres; fresh_database "$PG_DB"; start_redis
start_platform server
release_measure_lock
client=(java -Xmx512m -XX:+UseSerialGC "$BENCH_DIR/notifications/NewOfferBench.java")
signing=("$key" "$CLERK_ISSUER")
echo "== seeding $GROSSISTES grossistes with push tokens"
"${client[@]}" seed "${signing[@]}" "$BASE" "$GROSSISTES" 16
hold_measure_lock
echo "== $OFFERS offers for the grossiste tier, one every ${INTERVAL}s"
"${client[@]}" run "${signing[@]}" "$BASE" "$OFFERS" "$INTERVAL" "$EXPO_PORT" \
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" | tee "$RESULTS/new-offer.txt"
echo "== pushes in the outbox by state"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc \
  "SELECT state, count(*) FROM notification_pushes GROUP BY state ORDER BY state"
echo "### platform log: $(grep -c ' ERROR ' "$RESULTS/platform-server.log" || true) ERROR lines"
