#!/usr/bin/env bash
# Shared helpers of the bench scripts: install and start PostgreSQL 15, Redis and wrk from Debian's
# packages (loopback only), build the platform, start it, wait for it.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS"
PORT="${PORT:-3000}"
BASE="http://127.0.0.1:$PORT"
# Actuator (/actuator/prometheus) is on the management port, not the API's.
MANAGEMENT_PORT="${MANAGEMENT_PORT:-3002}"
METRICS_URL="http://127.0.0.1:$MANAGEMENT_PORT"
export METRICS_URL
PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"
PG_DB="${PG_DB:-zst}"
# The embedded default's data folder (start_platform embedded).
EMBEDDED_DATA="${EMBEDDED_DATA:-$RESULTS/embedded-data}"

install_tools() {
  local need=()
  command -v wrk >/dev/null || need+=(wrk)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v jq >/dev/null || need+=(jq)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# PG_STATEMENTS=1: the server counts every statement (pg_stat_statements, from the Debian package's
# contrib); cleanup prints the busiest ones of the whole run to $RESULTS/pg-statements.txt.
start_postgres() {
  local dir="$RESULTS/pg15"
  local options="-p $PG_PORT -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB -c unix_socket_directories=/tmp"
  [ "${PG_STATEMENTS:-0}" = 1 ] && options="$options -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"; chown postgres "$dir"
    su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $dir -A trust -U postgres" >/dev/null
  fi
  if ! su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $dir status" >/dev/null 2>&1; then
    su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $dir -o '$options' -l $dir/log -w start" >/dev/null
  fi
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $PG_DB" >/dev/null
  if [ "${PG_STATEMENTS:-0}" = 1 ]; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "SET client_min_messages = warning" \
      -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
      -c "SELECT pg_stat_statements_reset()" >/dev/null \
      || echo "PG_STATEMENTS=1 needs the server started with it: stop it (bench/results/pg15) and run again" >&2
  fi
}

# The statements of the run by total time and by calls (PG_STATEMENTS=1), before the server stops.
print_statements() {
  [ "${PG_STATEMENTS:-0}" = 1 ] || return 0
  # Already printed and the server stopped (cleanup after a scenario that printed them itself).
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "SELECT 1" >/dev/null 2>&1 || return 0
  local query="SELECT calls, round(total_exec_time::numeric) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
      rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS statement FROM pg_stat_statements"
  { echo "## by total time"; psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -P pager=off -c "$query ORDER BY total_exec_time DESC LIMIT 25"
    echo "## by calls"; psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -P pager=off -c "$query ORDER BY calls DESC LIMIT 25"
  } > "$RESULTS/pg-statements.txt" 2>&1 || true
  echo "statements of the run: $RESULTS/pg-statements.txt"
}

# Forgets the statements counted so far (PG_STATEMENTS=1): a bench calls it when its measured part
# starts, so that pg-statements.txt shows that part, not the seeding before it.
reset_statements() {
  [ "${PG_STATEMENTS:-0}" = 1 ] || return 0
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAtc "SELECT pg_stat_statements_reset()" >/dev/null
}

# Drops and recreates database $1 on the bench PostgreSQL server (a run that checks totals starts empty).
fresh_database() {
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $1" >/dev/null
}

stop_postgres() {
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $RESULTS/pg15 -m fast stop" >/dev/null 2>&1 || true
}

start_redis() {
  redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

# Packages the app module and what it needs; never installs into the shared ~/.m2 (offline when it can).
# The jar is always rewritten: unchanged app classes made the jar plugin keep the old jar, and with it
# the old copies of the other modules that had changed.
build_platform() {
  local args=(-B -q -DskipTests -Dmaven.jar.forceCreation=true package -pl app -am)
  (cd "$ROOT" && { ./mvnw -o "${args[@]}" || ./mvnw "${args[@]}"; })
}

# PROFILE=async: async-profiler (Maven Central's tools.profiler:async-profiler, native library
# inside) attached to the running JVM: CPU samples of every thread, Java and native frames alike,
# which JFR's 10 ms Java-only sampling missed (a few hundred samples a round). async_profiler PID
# start|stop FILE: FILE gets collapsed stacks, and FILE.top.txt a summary (bench/async-top.py).
ASYNC_PROFILER_VERSION=3.0
async_profiler() {
  local lib="$RESULTS/async-profiler/linux-x64/libasyncProfiler.so"
  if [ ! -f "$lib" ]; then
    (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" \
      -DoutputDirectory="$RESULTS/async-profiler" >/dev/null)
    (cd "$RESULTS/async-profiler" && unzip -o -q "async-profiler-$ASYNC_PROFILER_VERSION.jar" 'linux-x64/*')
  fi
  # jcmd splits its arguments at '=': the agent's options go in quotes of their own.
  if [ "$2" = start ]; then
    # PROFILE_EVENT=wall: every thread's state, running or not (a thread starved of CPU or blocked),
    # sampled every 5 ms; cpu (the default): on-CPU time every 1 ms.
    if [ "${PROFILE_EVENT:-cpu}" = wall ]; then
      jcmd "$1" JVMTI.agent_load "$lib" '"start,event=wall,interval=5ms,threads"' >/dev/null
    else
      jcmd "$1" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms,threads"' >/dev/null
    fi
  else
    jcmd "$1" JVMTI.agent_load "$lib" "\"stop,file=$3,collapsed\"" >/dev/null
    python3 "$BENCH_DIR/async-top.py" "$3" > "$3.top.txt" && echo "async-profiler summary: $3.top.txt"
  fi
}

# start_platform embedded|server: the jar as in production (server) or on its embedded default.
start_platform() {
  local mode="$1"
  # Something else answering on the port (another checkout's platform) would be measured instead.
  if curl -s -o /dev/null "$BASE/api/health" || curl -s -o /dev/null "$METRICS_URL/actuator/health"; then
    echo "port $PORT or $MANAGEMENT_PORT is already in use; set PORT and MANAGEMENT_PORT" >&2
    return 1
  fi
  launch_node "$mode" "$PORT" "${REALTIME_PORT:-3001}" "$MANAGEMENT_PORT" "$RESULTS/platform-$mode.log" \
    "$RESULTS/platform.pid"
}

# launch_node MODE PORT REALTIME_PORT MANAGEMENT_PORT LOG PIDFILE: the jar as in production (server:
# the bench PostgreSQL and Redis) or on its embedded default; waits for its health (2 min at most).
# Several server nodes share the database and Redis (bench/b2b.sh's closing wave starts a second).
launch_node() {
  local mode="$1" port="$2" realtime="$3" management="$4" log="$5" pidfile="$6"
  local jar; jar=$(ls "$ROOT"/app/target/app-*.jar | grep -v original | head -1)
  # A copy of its own: a Boot jar is read while the node runs, and a build meanwhile (another
  # session's, or during a MEASURE_LOCK bench's seeding) rewrote it under a running node, whose next
  # first use of a class then failed (NoClassDefFoundError).
  cp "$jar" "$RESULTS/platform-$port.jar"
  jar="$RESULTS/platform-$port.jar"
  local env=(PORT="$port" REALTIME_PORT="$realtime" MANAGEMENT_PORT="$management" ZST_DEV_AUTH=true
    ZST_DEMO_DATA=false RATE_LIMIT_PER_MINUTE=0)
  if [ "$mode" = server ]; then
    env+=(DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB" REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
  else
    env+=(ZST_DATA_DIR="$EMBEDDED_DATA")
  fi
  env "${env[@]}" java ${JAVA_OPTS:--Xms1g -Xmx2g} -jar "$jar" > "$log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "platform did not start on port $port; see $log" >&2
  return 1
}

stop_platform() {
  local pid
  if [ -f "$RESULTS/platform.pid" ]; then
    pid=$(cat "$RESULTS/platform.pid")
    kill "$pid" 2>/dev/null || true
    # Graceful shutdown also stops the embedded PostgreSQL; wait for it (at most 60 s).
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  sleep 1
}

# MEASURE_LOCK=FILE: a bench holds an flock on FILE while it builds and while it measures, not
# while it seeds (on a machine shared with other builds, seeding need not keep them waiting).
# Without MEASURE_LOCK both are no-ops.
hold_measure_lock() {
  [ -n "${MEASURE_LOCK:-}" ] || return 0
  exec 9>"$MEASURE_LOCK"
  flock 9
}
release_measure_lock() {
  [ -n "${MEASURE_LOCK:-}" ] || return 0
  flock -u 9
}

# bench/shared's classes, compiled for the single-file clients that use them (SHARED_CLASSES=$(shared_classes),
# then java -cp "$SHARED_CLASSES" Client.java, the pid of a client started with & being the JVM's):
# JDK 17's source launcher runs one file, and a class two clients need is kept once.
shared_classes() {
  local dir="$RESULTS/shared-classes"
  mkdir -p "$dir"
  javac -d "$dir" "$BENCH_DIR"/shared/*.java >&2
  echo "$dir"
}

# Stops whatever the bench started, also when a step fails.
cleanup() {
  print_statements
  stop_platform
  stop_redis
  stop_postgres
}

# The embedded PostgreSQL's port (start_platform embedded), from its pid file.
embedded_pg_port() {
  sed -n 4p "$EMBEDDED_DATA/postgres/postmaster.pid"
}

# customer_token EMAIL: a development-sign-in token of a customer (the role of a first sign-in).
customer_token() {
  curl -sf -X POST "$BASE/api/v1/dev-auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-pass\"}" | jq -r .access_token
}

# cpu_snapshot JAVA_PID POSTMASTER_PID [CLIENT_PID]: CPU ticks (1/100 s) so far of the platform, of the
# PostgreSQL server (postmaster and its backends), of redis-server and wrk, of the bench's own client
# when given, and of the whole machine (busy, idle, steal), as "name=ticks" words; cpu_delta turns two
# of them into cores.
cpu_snapshot() {
  local java_pid="$1" pm_pid="$2" client_pid="${3:-}"
  awk -v java="$java_pid" -v pm="$pm_pid" -v client="$client_pid" '
    FNR == 1 {
      # comm is in parentheses and may hold spaces: fields after it start at the last ")".
      line = $0; c = substr(line, index(line, "(") + 1); c = substr(c, 1, length(c) - length(substr(c, index(c, ")"))))
      rest = substr(line, length(line) - length(substr(line, match(line, /\) [A-Za-z] /))) + 3)
      split(rest, f, " "); pid = $1; ppid = f[2]; ticks = f[12] + f[13]
      if (pid == java) t["java"] += ticks
      else if (client != "" && pid == client) t["client"] += ticks
      else if (pid == pm || ppid == pm) t["postgres"] += ticks
      else if (c ~ /^redis-server/) t["redis"] += ticks
      else if (c == "wrk") t["wrk"] += ticks
    }
    END {
      printf "java=%d postgres=%d redis=%d wrk=%d", t["java"], t["postgres"], t["redis"], t["wrk"]
      if (client != "") printf " client=%d", t["client"]
    }
  ' /proc/[0-9]*/stat 2>/dev/null
  read -r _ u n s i w irq sirq st _ < /proc/stat
  echo " busy=$((u + n + s + irq + sirq)) idle=$((i + w)) steal=$st"
}

# cpu_delta "BEFORE" "AFTER" SECONDS: each group's CPU in cores (1.00 = one core busy) over the interval.
cpu_delta() {
  awk -v a="$1" -v b="$2" -v secs="$3" 'BEGIN {
    n = split(a, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); before[kv[1]] = kv[2] }
    n = split(b, y, " "); for (i = 1; i <= n; i++) { split(y[i], kv, "="); out = out sprintf("%s=%.2f ", kv[1], (kv[2] - before[kv[1]]) / 100 / secs) }
    print "cpu_cores " out
  }'
}

# dev_token EMAIL TIER: a development-sign-in token for a seller of that tier.
dev_token() {
  local token
  token=$(curl -sf -X POST "$BASE/api/v1/dev-auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"bench-pass\"}" | jq -r .access_token)
  curl -sf -X POST "$BASE/api/v1/auth/sync-role" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"role\":\"seller\",\"seller_category\":\"$2\"}" >/dev/null
  echo "$token"
}
