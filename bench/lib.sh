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
PG_PORT="${PG_PORT:-55432}"
REDIS_PORT="${REDIS_PORT:-56379}"

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

start_postgres() {
  local dir="$RESULTS/pg15"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"; chown postgres "$dir"
    su postgres -c "/usr/lib/postgresql/15/bin/initdb -D $dir -A trust -U postgres" >/dev/null
  fi
  if su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $dir status" >/dev/null 2>&1; then return 0; fi
  su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $dir -o '-p $PG_PORT -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB -c unix_socket_directories=/tmp' -l $dir/log -w start" >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='zst'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE zst" >/dev/null
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

build_platform() {
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install)
}

# start_platform embedded|server: the jar as in production (server) or on its embedded default.
start_platform() {
  local mode="$1"
  local jar; jar=$(ls "$ROOT"/app/target/app-*.jar | grep -v original | head -1)
  local env=(PORT="$PORT" ZST_DEV_AUTH=true ZST_DEMO_DATA=false RATE_LIMIT_PER_MINUTE=0)
  if [ "$mode" = server ]; then
    env+=(DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/zst" REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
  else
    env+=(ZST_DATA_DIR="$RESULTS/embedded-data")
  fi
  env "${env[@]}" java ${JAVA_OPTS:--Xms1g -Xmx2g} -jar "$jar" > "$RESULTS/platform-$mode.log" 2>&1 &
  echo $! > "$RESULTS/platform.pid"
  for _ in $(seq 1 120); do
    curl -sf "$BASE/api/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "platform did not start; see $RESULTS/platform-$mode.log" >&2
  return 1
}

stop_platform() {
  [ -f "$RESULTS/platform.pid" ] && kill "$(cat "$RESULTS/platform.pid")" 2>/dev/null || true
  sleep 3
}

# Stops whatever the bench started, also when a step fails.
cleanup() {
  stop_platform
  stop_redis
  stop_postgres
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
