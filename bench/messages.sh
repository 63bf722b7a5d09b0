#!/usr/bin/env bash
# The messages benchmark of issue 23, against the platform started as in production (PostgreSQL 15
# and Redis servers; MODE=embedded for the embedded default): CONVERSATIONS conversations with both
# participants connected by socket, RATE messages a second spread over them for SECONDS after
# WARMUP seconds: the delay from each send's 201 to the other participant's message:new
# (p50/p95/p99), lost messages, the send's latency, and the cores each process used while measured.
# The client (bench/messages/MessageBench.java, run from source on the JDK) shares the two cores.
# Usage: bench/messages.sh [server|embedded]   (needs root for apt-get); PROFILE=async profiles the
# platform during the measured sends ($RESULTS/messages.collapsed and its .top.txt summary).
# Figures: bench/README.md (messages).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MODE="${1:-server}"
CONVERSATIONS="${CONVERSATIONS:-1000}"
RATE="${RATE:-200}"
SECONDS_MEASURED="${SECONDS_MEASURED:-60}"
WARMUP_SECONDS="${WARMUP_SECONDS:-20}"
# The warm-up's own rate (default RATE): a warm-up at a rate the machine sustains lets the JIT finish
# without the backlog an unsustainable one builds before the measured round.
WARMUP_RATE="${WARMUP_RATE:-$RATE}"
export PG_DB=zst_messages EMBEDDED_DATA="$RESULTS/embedded-messages-data"
export JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:MaxGCPauseMillis=20}"
trap cleanup EXIT

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

echo "== messages: $CONVERSATIONS conversations, $RATE messages/s, ${SECONDS_MEASURED}s measured after ${WARMUP_SECONDS}s at $WARMUP_RATE/s ($MODE)"
out="$RESULTS/messages.txt"
java -Xmx768m -XX:+UseSerialGC -cp "$SHARED_CLASSES" "$BENCH_DIR/messages/MessageBench.java" "$BASE" "${REALTIME_PORT:-3001}" \
  "$CONVERSATIONS" "$RATE" "$SECONDS_MEASURED" "$WARMUP_SECONDS" "$WARMUP_RATE" > "$out" &
client=$!
server=$(cat "$RESULTS/platform.pid")
# This bench's postmaster, by its data folder: another checkout's PostgreSQL may run beside it.
pm=$(pgrep -o -f -- "-D $RESULTS/pg15" || echo 0)
until grep -q '^measured' "$out" 2>/dev/null || ! kill -0 "$client" 2>/dev/null; do sleep 0.2; done
# What the platform did besides the sends: read-your-writes' database checks (an announcement that did
# not come), GC pauses and the JIT's compile time, summed so far (the value is a sample's last field:
# labels such as action="end of minor GC" hold spaces).
internals() {
  curl -s "$METRICS_URL/actuator/prometheus" | awk '
    /^zst_read_your_writes_database_checks_total/ { checks += $NF }
    /^jvm_gc_pause_seconds_sum/ { gc += $NF }
    END { printf "database_checks=%d gc_pause_s=%.2f", checks, gc }'
  jstat -compiler "$server" 2>/dev/null | awk 'NR == 2 { printf " compiled=%d jit_s=%.2f", $1, $4 }'
  # Classes loaded so far (a class loaded while measured can invalidate compiled code) and the JVM's
  # uptime (to find the measured minute in a -XX:+PrintCompilation log, whose stamps are uptime).
  jstat -class "$server" 2>/dev/null | awk 'NR == 2 { printf " classes=%d", $1 }'
  jcmd "$server" VM.uptime 2>/dev/null | awk 'NR == 2 { printf " uptime_s=%.1f", $1 }'
}
reset_statements
internals_before=$(internals)
before=$(cpu_snapshot "$server" "$pm" "$client"); t0=$(date +%s.%N)
# PROFILE=async: the platform's CPU during the measured sends, by stack (bench/lib.sh async_profiler).
[ "${PROFILE:-0}" = async ] && async_profiler "$server" start
until grep -q '^answered' "$out" 2>/dev/null || ! kill -0 "$client" 2>/dev/null; do sleep 0.2; done
after=$(cpu_snapshot "$server" "$pm" "$client"); t1=$(date +%s.%N)
internals_after=$(internals)
[ "${PROFILE:-0}" = async ] && async_profiler "$server" stop "$RESULTS/messages.collapsed"
wait "$client" || true
cat "$out"
echo "during the measured sends: $(cpu_delta "$before" "$after" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")"
echo "platform internals before / after the measured sends: $internals_before / $internals_after"
