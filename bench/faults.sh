#!/usr/bin/env bash
# The fault suite of issue 24: three platform nodes (server mode) on one PostgreSQL 15 and one Redis
# from Debian, behind nginx from Debian running the production configuration (deploy/nginx/nginx.conf,
# its upstreams written here for the three local nodes), under a mixed load through nginx (guest and
# signed-in browsing, reel views, likes and comments, carts and checkouts of products of small stock,
# B2B bids, auctions ending in the minute after the fault) with SOCKETS Socket.IO clients (the app's
# socket.io-client on Node, bench/faults/sockets.mjs) connected through nginx, each from its own
# loopback address, each in a reel's room. Scenarios, in order:
#   kill:     kill -9 FAULT_AT s into the load of the node holding the most segment claims; it stays
#             down for the rest of the scenario
#   rolling:  SIGTERM, start, wait healthy, next, for the three nodes
#   postgres: PostgreSQL stopped (pg_ctl stop -m fast) for PG_DOWN s, then started
#   redis:    Redis stopped for REDIS_DOWN s, then started
# Per scenario: requests by route and status, writes acknowledged with a 2xx, the failed requests and
# their upstream (nginx's log), the sockets each fault cut (reconnection and first push after it,
# from the fault), segments taken over and projections caught up (tokenentry against the event
# store's head), /api/health per node while a server is down, then the checks in SQL: every
# acknowledged write in the event store and its read model, no product oversold, every projection
# at the head, the auctions ending around the fault closed once within 30 s of their end.
# The client is bench/faults/FaultBench.java, run from source with the socket.io-client jars of ~/.m2.
# MEASURE_LOCK=FILE: held for the build and each scenario, not for the seeding (bench/lib.sh).
# PROFILE=async: async-profiler on the surviving nodes for the 20 s after the kill (scenario kill).
# Usage: bench/faults.sh [kill rolling postgres redis]   (needs root for apt-get)
# Figures: bench/README.md (faults); raw output in bench/results/faults-*/.
set -euo pipefail
export PORT="${PORT:-14000}" MANAGEMENT_PORT="${MANAGEMENT_PORT:-14200}"
export PG_PORT="${PG_PORT:-55433}" REDIS_PORT="${REDIS_PORT:-56380}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCENARIOS="${*:-kill rolling postgres redis}"
API_PORTS=("$PORT" "${PORT2:-14001}" "${PORT3:-14002}")
REALTIME_PORTS=("${REALTIME_PORT:-14100}" "${REALTIME_PORT2:-14101}" "${REALTIME_PORT3:-14102}")
MANAGEMENT_PORTS=("$MANAGEMENT_PORT" "${MANAGEMENT_PORT2:-14201}" "${MANAGEMENT_PORT3:-14202}")
NGINX_PORT="${NGINX_PORT:-18081}"
ORIGIN="http://127.0.0.1:$NGINX_PORT"
USERS="${USERS:-2000}"
SOCKETS="${SOCKETS:-1000}"
FAULT_AT="${FAULT_AT:-30}"
AFTER="${AFTER:-30}"
PG_DOWN="${PG_DOWN:-10}"
REDIS_DOWN="${REDIS_DOWN:-30}"
# The load goes on at least this long after the fault: the last closing auction ends 60 s after it
# and must close within 30 s.
CLOSE_WAIT="${CLOSE_WAIT:-95}"
# Percent of the mix's rates (100: about 130 requests/s).
LOAD="${LOAD:-100}"
# The sockets' transports: the app's client starts with polling, then upgrades ("polling,websocket");
# "websocket" opens one at once.
TRANSPORTS="${TRANSPORTS:-polling,websocket}"
# The sockets' client: "node" (bench/faults/sockets.mjs, the app's own socket.io-client 4.x, all in
# one Node process beside the load's JVM) or "java" (socket.io's Java port, SOCKET_PROCESSES JVMs:
# it runs a JVM's sockets on one event thread, so SOCKETS / SOCKET_PROCESSES each).
SOCKET_CLIENT="${SOCKET_CLIENT:-node}"
SOCKET_PROCESSES="${SOCKET_PROCESSES:-4}"
export PG_DB=zst_faults
HOT_STOCK=20  # FaultBench.HOT_STOCK: the stock of each small-stock product
export JAVA_OPTS="${JAVA_OPTS:--Xms768m -Xmx768m -XX:MaxGCPauseMillis=20}"
# The bench's admin reads /api/v1/admin/projections; bids on the closing auctions stop 5 s before their
# end, and an extension of 2 s keeps an earlier one from moving it (the default 2 minutes would move
# every auction that ends in the minute after the fault).
export ZST_ADMIN_EMAILS=faults-admin@zst.bench B2B_AUCTION_EXTENSION=2s
# Behind nginx as in production (README "Production").
export TRUST_FORWARDED_FOR=true
RUN_DIR="$RESULTS/faults-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR"
# Users sign in as Clerk's would (bench/notifications/NewOfferBench.java): no BCrypt per new user.
key="$RUN_DIR/clerk-key.pem"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
CLERK_JWT_KEY="$(openssl pkey -in "$key" -pubout)"
export CLERK_JWT_KEY CLERK_ISSUER="https://clerk.bench.zst.test"

sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc "$1"; }
now_ms() { date +%s%3N; }
node_pid() { cat "$RUN_DIR/node-$1.pid" 2>/dev/null || true; }

# start_node N: node N (0-2) on its ports, a log per start; waits for its health (bench/lib.sh).
start_node() {
  local count; count=$(find "$RUN_DIR" -maxdepth 1 -name "node-$1-start-*.log" | wc -l)
  launch_node server "${API_PORTS[$1]}" "${REALTIME_PORTS[$1]}" "${MANAGEMENT_PORTS[$1]}" \
    "$RUN_DIR/node-$1-start-$((count + 1)).log" "$RUN_DIR/node-$1.pid"
}
# stop_node N SIGNAL: the signal, then waits for the process to end (60 s at most, then KILL).
stop_node() {
  local pid; pid=$(node_pid "$1"); [ -n "$pid" ] || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/node-$1.pid"
}

# nginx with the production configuration: deploy/nginx/nginx.conf when main has it, else the
# provisional copy below (same interface: include upstreams.conf inside http{}, upstreams zst_api and
# zst_realtime, a literal "listen 80;").
NGINX_DIR="$RUN_DIR/nginx"
start_nginx() {
  mkdir -p "$NGINX_DIR"
  if [ -f "$ROOT/deploy/nginx/nginx.conf" ]; then
    cp "$ROOT/deploy/nginx/nginx.conf" "$NGINX_DIR/nginx.conf"
    echo "nginx: deploy/nginx/nginx.conf"
  else
    echo "nginx: provisional configuration (deploy/nginx/nginx.conf is not on this branch)"
    cat > "$NGINX_DIR/nginx.conf" <<'CONF'
worker_processes auto;
events { worker_connections 8192; }
http {
  include upstreams.conf;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 80;
    client_max_body_size 101m;
    location /socket.io/ {
      proxy_pass http://zst_realtime;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
    }
    location / {
      proxy_pass http://zst_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
CONF
  fi
  grep -q 'listen 80;' "$NGINX_DIR/nginx.conf" || { echo "nginx.conf has no 'listen 80;' line" >&2; return 1; }
  sed -i "s/listen 80;/listen 127.0.0.1:$NGINX_PORT;/" "$NGINX_DIR/nginx.conf"
  cp /etc/nginx/mime.types "$NGINX_DIR/" 2>/dev/null || true
  {
    # deploy/nginx/upstreams.conf itself, its compose names replaced by the local nodes' ports.
    local names=()
    for i in 0 1 2; do
      names+=(-e "s/app$((i + 1)):3000/127.0.0.1:${API_PORTS[$i]}/" -e "s/app$((i + 1)):3001/127.0.0.1:${REALTIME_PORTS[$i]}/")
    done
    sed "${names[@]}" "$ROOT/deploy/nginx/upstreams.conf"
    # Which node answered each request: the failed ones are told apart by upstream. Then the time
    # nginx took to connect to each node tried (0.000 on a connection kept from an earlier request)
    # and the node's Connection header (close while it drains).
    echo "log_format faults '\$msec|\$status|\$upstream_addr|\$upstream_status|\$request_time|\$remote_addr|\$request|\$upstream_connect_time|\$upstream_http_connection';"
    echo "access_log $NGINX_DIR/access.log faults;"
  } > "$NGINX_DIR/upstreams.conf"
  # Its own access log goes to /dev/stdout: the master's, this file.
  nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g "pid $NGINX_DIR/nginx.pid; error_log $NGINX_DIR/error.log;" \
    > "$NGINX_DIR/stdout.log" 2>&1
  for _ in $(seq 1 50); do curl -sf -o /dev/null "$ORIGIN/api/health" && return 0; sleep 0.2; done
  echo "nginx does not answer on $ORIGIN; see $NGINX_DIR/error.log" >&2; return 1
}

cleanup_faults() {
  set +e
  [ -f "$RUN_DIR/client.pid" ] && kill "$(cat "$RUN_DIR/client.pid")" 2>/dev/null
  [ -f "$NGINX_DIR/nginx.pid" ] && kill "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null
  for n in 0 1 2; do stop_node "$n" TERM & done
  wait
  stop_redis
  stop_postgres
}
trap cleanup_faults EXIT

# The client's class path: the socket.io-client of the app's tests and what it needs, from ~/.m2.
client_classpath() {
  (cd "$ROOT" && ./mvnw -o -q -B -pl app -am dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$RUN_DIR/app-test.classpath" >/dev/null)
  tr ':' '\n' < "$RUN_DIR/app-test.classpath" \
    | grep -E '/(socket\.io-client|engine\.io-client|okhttp|okio|okio-jvm|kotlin-stdlib[^/]*|android-json)/' | paste -sd:
}

# --- projections: every segment's token against the event store's head
token_index="coalesce(substring(convert_from(token, 'UTF8') from '\"index\":([0-9]+)')::bigint, -1)"
# caught_up HEAD DEAD_PID: 1 when no segment is claimed by the dead node's pid and every segment is at HEAD or past it.
caught_up() {
  sql "SELECT CASE WHEN count(*) FILTER (WHERE owner LIKE '$2@%') = 0 AND min($token_index) >= $1 THEN 1 ELSE 0 END FROM tokenentry" 2>/dev/null || echo 0
}
# wait_caught_up T0_MS HEAD DEAD_PID LABEL: polls every 250 ms for 120 s; prints the time from T0.
wait_caught_up() {
  local t0="$1" head="$2" dead="${3:-none}" label="$4"
  for _ in $(seq 1 480); do
    if [ "$(caught_up "$head" "$dead")" = 1 ]; then
      echo "RECOVERY $label: every segment claimed by a live node and at the head ($head) $(( $(now_ms) - t0 )) ms after the fault"
      return 0
    fi
    sleep 0.25
  done
  echo "RECOVERY $label: NOT caught up 120 s after the fault"
  sql "SELECT processorname, segment, owner, $token_index FROM tokenentry ORDER BY 1, 2" | sed 's/^/  /'
}
head_index() { sql "SELECT coalesce(max(globalindex), 0) FROM domainevententry"; }

# health_sampler FILE SECONDS: every second, each node's and nginx's /api/health status and body's status.
health_sampler() {
  local file="$1" secs="$2" i url
  for i in $(seq 1 "$secs"); do
    {
      printf '%s' "$(now_ms)"
      for url in "${API_PORTS[@]/#/http://127.0.0.1:}" "$ORIGIN"; do
        rm -f /tmp/faults-health.$$
        printf ' %s' "$(curl -s -m 2 -o /tmp/faults-health.$$ -w '%{http_code}' "$url/api/health"):$(jq -r .status /tmp/faults-health.$$ 2>/dev/null | head -1)"
      done
      echo
    } >> "$file"
    sleep 1
  done
  rm -f /tmp/faults-health.$$
}

event() { echo "$(now_ms) $1" >> "$control/events"; echo "EVENT $(date -u +%T.%3N) $1"; }

# A typed id of an event's payload, whether serialized as its value or as {"value": …}.
idf() { echo "coalesce(j#>>'{$1,value}', j->>'$1')"; }

# check DIR: the SQL checks after a scenario (its acknowledged writes and closing auctions).
check() {
  local dir="$1"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -qAt -v ON_ERROR_STOP=1 <<SQL
CREATE TEMP TABLE acked (kind text, a text, b text);
\copy acked FROM '$dir/acked.csv' WITH (FORMAT csv)
CREATE TEMP TABLE closing (id text, ends text);
\copy closing FROM '$dir/closing-auctions.csv' WITH (FORMAT csv)
CREATE TEMP TABLE ev AS
  WITH src AS (
    SELECT payloadtype AS t, convert_from(payload, 'UTF8')::jsonb AS j FROM domainevententry
    WHERE payloadtype LIKE '%ReelLikedEvent' OR payloadtype LIKE '%ReelCommentPostedEvent'
       OR payloadtype LIKE '%B2BBidPlacedEvent' OR payloadtype LIKE '%CartItemAddedEvent'
       OR payloadtype LIKE '%CartItemsOrderedEvent')
  SELECT 'like' AS kind, $(idf reelId) AS id1, $(idf userId) AS id2 FROM src WHERE t LIKE '%ReelLikedEvent'
  UNION ALL SELECT 'comment', $(idf commentId), NULL FROM src WHERE t LIKE '%ReelCommentPostedEvent'
  UNION ALL SELECT 'bid', $(idf responseId), NULL FROM src WHERE t LIKE '%B2BBidPlacedEvent'
  UNION ALL SELECT 'cart', j->>'itemId', NULL FROM src WHERE t LIKE '%CartItemAddedEvent'
  UNION ALL SELECT 'ordered', jsonb_array_elements_text(j->'itemIds'), NULL FROM src WHERE t LIKE '%CartItemsOrderedEvent';
CREATE INDEX ON ev (kind, id1, id2);
CREATE TEMP TABLE acked_orders AS SELECT unnest(string_to_array(a, ' ')) AS id FROM acked WHERE kind = 'order';
SELECT format('CHECK orders acked=%s missing_read_model=%s missing_event_store=%s', count(*),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id::text = x.id)),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM domainevententry e WHERE e.aggregateidentifier = x.id)))
FROM acked_orders x;
SELECT format('CHECK likes acked=%s missing_read_model=%s missing_event_store=%s', count(*),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM reel_likes l WHERE l.reel_id::text = x.a AND l.user_id::text = x.b AND l.liked)),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.kind = 'like' AND ev.id1 = x.a AND ev.id2 = x.b)))
FROM acked x WHERE kind = 'like';
SELECT format('CHECK comments acked=%s missing_read_model=%s missing_event_store=%s', count(*),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM reel_comments c WHERE c.id::text = x.a AND c.reel_id::text = x.b)),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.kind = 'comment' AND ev.id1 = x.a)))
FROM acked x WHERE kind = 'comment';
SELECT format('CHECK bids acked=%s missing_read_model=%s missing_event_store=%s', count(*),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM b2b_responses r WHERE r.id::text = x.a AND r.offer_id::text = x.b)),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.kind = 'bid' AND ev.id1 = x.a)))
FROM acked x WHERE kind = 'bid';
-- A cart item leaves the cart read model when its checkout orders it.
SELECT format('CHECK cart_items acked=%s missing_read_model=%s missing_event_store=%s', count(*),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cart_items c WHERE c.id::text = x.a)
                     AND NOT EXISTS (SELECT 1 FROM ev WHERE ev.kind = 'ordered' AND ev.id1 = x.a)),
  count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.kind = 'cart' AND ev.id1 = x.a)))
FROM acked x WHERE kind = 'cart';
SELECT format('CHECK unparsed_acknowledgements=%s', count(*)) FROM acked WHERE kind = 'unparsed';
WITH ord AS (
  SELECT (i->>'productId') AS id, sum((i->>'quantity')::int) AS units FROM orders, jsonb_array_elements(items) i
  WHERE status <> 'cancelled' GROUP BY 1),
per AS (
  SELECT p.id, p.stock, CASE WHEN p.name LIKE 'Rare %' THEN $HOT_STOCK ELSE 1000000 END AS initial,
         p.name LIKE 'Rare %' AS hot, coalesce(ord.units, 0) AS ordered
  FROM products p LEFT JOIN ord ON ord.id = p.id::text WHERE p.name LIKE 'Rare %' OR p.name LIKE 'Parfum du banc %')
SELECT format('CHECK stock products=%s small_stock_products=%s small_stock_sold=%s/%s sold_out=%s negative_stock=%s '
              'oversold=%s stock_not_matching_orders=%s',
  count(*), count(*) FILTER (WHERE hot), sum(initial - stock) FILTER (WHERE hot), sum(initial) FILTER (WHERE hot),
  count(*) FILTER (WHERE hot AND stock = 0), count(*) FILTER (WHERE stock < 0),
  count(*) FILTER (WHERE ordered > initial), count(*) FILTER (WHERE initial - stock <> ordered)) FROM per;
WITH h AS (SELECT coalesce(max(globalindex), 0) AS head FROM domainevententry),
t AS (SELECT processorname, $token_index AS idx FROM tokenentry)
SELECT format('CHECK projections head_when_the_load_stopped=%s head=%s segments=%s behind_it=%s min_token=%s dead_letters=%s',
  $settled_head, h.head, count(*), count(*) FILTER (WHERE idx < $settled_head), min(idx), (SELECT count(*) FROM deadletterentry))
FROM t, h GROUP BY h.head;
WITH c AS (SELECT o.id::text AS id, o.ends_at, o.status FROM closing JOIN b2b_offers o ON o.id::text = closing.id),
closes AS (
  SELECT aggregateidentifier AS id, count(*) AS n, min(timestamp::timestamptz) AS at FROM domainevententry
  WHERE aggregateidentifier IN (SELECT id FROM c)
    AND (payloadtype LIKE '%B2BAuctionWonEvent' OR payloadtype LIKE '%B2BOfferExpiredEvent')
  GROUP BY 1),
d AS (SELECT c.id, closes.n, extract(epoch FROM closes.at - c.ends_at) * 1000 AS ms FROM c LEFT JOIN closes USING (id))
SELECT format('CHECK auctions ending around the fault=%s closed_once=%s closed_twice_or_more=%s never_closed=%s '
              'closed_later_than_30s=%s end_to_close_ms p50=%s max=%s',
  count(*), count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE n IS NULL),
  count(*) FILTER (WHERE ms > 30000), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric),
  round(max(ms)::numeric)) FROM d;
SQL
}

# window_statuses DIR FROM_MS UNTIL_MS LABEL: the client's requests sent in the window, by status.
window_statuses() {
  awk -F, -v from="$2" -v until="$3" -v label="$4" '$3 >= from && $3 < until { n[$2]++; t++ }
    END { printf "WINDOW %s: %d requests sent;", label, t; for (s in n) printf " %s=%d", s, n[s]; print "" }' "$1/requests.csv"
}

# log_errors FROM_LINES: the ERROR lines the nodes logged since the counts given ("file:lines" words),
# grouped by their message, with the first stack trace of each kind kept in the scenario's folder.
log_marks() { for f in "$RUN_DIR"/node-*-start-*.log; do echo "$f:$(wc -l < "$f")"; done; }
log_errors() {
  local dir="$1"; shift
  local mark f from
  : > "$dir/node-errors.txt"
  for f in "$RUN_DIR"/node-*-start-*.log; do
    from=1
    for mark in "$@"; do [ "${mark%:*}" = "$f" ] && from=$(( ${mark##*:} + 1 )); done
    tail -n "+$from" "$f" | awk -v f="$(basename "$f")" '/ ERROR /{p=12} p>0 {print f ": " $0; p--}' >> "$dir/node-errors.txt"
  done
  echo "NODE LOGS: $(grep -c ' ERROR ' "$dir/node-errors.txt" || true) ERROR lines (with the next lines: $dir/node-errors.txt)"
  grep ' ERROR ' "$dir/node-errors.txt" | sed -E 's/^[^:]+: [0-9TZ:.+-]+ +ERROR [0-9]+ --- \[[^]]*\] \[[^]]*\] +//;
    s/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/{id}/g' | cut -c1-220 | sort | uniq -c | sort -rn | head -8 | sed 's/^/  /'
}

# nginx_summary DIR FROM_LINE: what nginx answered during the scenario, and the failures by upstream.
nginx_summary() {
  tail -n "+$(( $2 + 1 ))" "$NGINX_DIR/access.log" > "$1/access.log"
  echo "NGINX: $(wc -l < "$1/access.log") requests; by status: $(cut -d'|' -f2 "$1/access.log" | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')"
  echo "NGINX 5xx by status, upstream(s) tried, their answers, route, connect time (0.000: a kept connection):"
  awk -F'|' '$2 >= 500 {print "  " $2, "upstream", $3, "answered", $4, $7, "connect", $8}' "$1/access.log" \
    | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/{id}/g; s/\?[^ ]*//' | sort | uniq -c | sort -rn | head -12
}

# scenario NAME INDEX: load through nginx, the fault, the measures, the checks.
scenario() {
  local name="$1" index="$2"
  local dir="$RUN_DIR/$name"; control="$dir/control"
  mkdir -p "$control"
  echo "## scenario $name $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local access_from marks; access_from=$(wc -l < "$NGINX_DIR/access.log"); marks=$(log_marks)
  # The sockets: all in one Node process (SOCKET_CLIENT=node, the load's JVM holding none), or over
  # SOCKET_PROCESSES JVMs (FaultBench.socketsOnly: socket.io's Java client runs all of a JVM's sockets
  # on one thread), the first share the load's own process. Each helper leaves its sockets' record
  # for the load's report (-Dsocket.processes counts the load's process too).
  local share p helpers=() processes own
  if [ "$SOCKET_CLIENT" = node ]; then
    processes=2; own=0
    node "$BENCH_DIR/faults/sockets.mjs" "$key" "$CLERK_ISSUER" "$ORIGIN" "$RUN_DIR/state.txt" "$SOCKETS" 0 \
      "$control" "$dir" "$TRANSPORTS" > "$dir/sockets-1.log" 2>&1 &
    helpers+=($!)
  else
    processes=$SOCKET_PROCESSES; share=$(( SOCKETS / SOCKET_PROCESSES )); own=$(( SOCKETS - (SOCKET_PROCESSES - 1) * share ))
    for p in $(seq 1 $(( SOCKET_PROCESSES - 1 ))); do
      "${CLIENT[@]}" sockets "$key" "$CLERK_ISSUER" "$ORIGIN" "$RUN_DIR/state.txt" "$name" "$share" $(( p * share )) \
        "$control" "$dir" > "$dir/sockets-$p.log" 2>&1 &
      helpers+=($!)
    done
  fi
  for p in $(seq 1 $(( processes - 1 ))); do
    until grep -q '^sockets: .* connected' "$dir/sockets-$p.log" 2>/dev/null; do
      kill -0 "${helpers[$((p - 1))]}" 2>/dev/null || { tail -20 "$dir/sockets-$p.log"; return 1; }
      sleep 0.2
    done
    sed 's/^/  (process '"$((p + 1))"') /' "$dir/sockets-$p.log" | grep 'sockets'
  done
  "${CLIENT[0]}" -Dsocket.processes="$processes" "${CLIENT[@]:1}" run "$key" "$CLERK_ISSUER" "$ORIGIN" "$RUN_DIR/state.txt" \
    "$name" "$index" "$FAULT_AT" "$own" "$control" "$dir" > "$dir/client.txt" 2>"$dir/client-stderr.txt" &
  local client_pid=$!
  echo "$client_pid" > "$RUN_DIR/client.pid"
  until grep -q '^load started' "$dir/client.txt" 2>/dev/null; do
    kill -0 "$client_pid" 2>/dev/null || { cat "$dir/client.txt" "$dir/client-stderr.txt" | tail -20; return 1; }
    sleep 0.2
  done
  grep '^sockets' "$dir/client.txt"
  sleep "$FAULT_AT"
  local fault head t0 pid n sampler caught
  fault=$(now_ms)
  case "$name" in
    kill)
      # The node holding the most segment claims (the first one started usually holds them all):
      # so that its segments must be taken over.
      n=$(for i in 0 1 2; do echo "$(sql "SELECT count(*) FROM tokenentry WHERE owner LIKE '$(node_pid "$i")@%'") $i"; done \
        | sort -rn | head -1 | cut -d' ' -f2)
      pid=$(node_pid "$n"); head=$(head_index)
      echo "node $((n + 1)) holds $(sql "SELECT count(*) FROM tokenentry WHERE owner LIKE '$pid@%'") of $(sql "SELECT count(*) FROM tokenentry") segment claims"
      # PROFILE=async: the surviving nodes' CPU from just before the kill to 20 s after it (async-profiler).
      if [ "${PROFILE:-}" = async ]; then
        for i in 0 1 2; do [ "$i" = "$n" ] || async_profiler "$(node_pid "$i")" start; done
      fi
      kill -9 "$pid"; t0=$(now_ms); event "fault kill -9 node $((n + 1)) (pid $pid)"; rm -f "$RUN_DIR/node-$n.pid"
      if [ "${PROFILE:-}" = async ]; then
        ( sleep 20; for i in 0 1 2; do
            [ "$i" = "$n" ] || async_profiler "$(node_pid "$i")" stop "$dir/profile-node-$((i + 1)).collapsed"
          done ) &
      fi
      wait_caught_up "$t0" "$head" "$pid" "kill -9 node $((n + 1))"
      ;;
    rolling)
      for n in 0 1 2; do
        pid=$(node_pid "$n"); head=$(head_index); t0=$(now_ms)
        event "fault SIGTERM node $((n + 1)) (pid $pid)"
        stop_node "$n" TERM
        event "node $((n + 1)) stopped"
        wait_caught_up "$t0" "$head" "$pid" "SIGTERM node $((n + 1))"
        if start_node "$n"; then event "node $((n + 1)) healthy again"; else event "node $((n + 1)) not healthy 120 s after its start"; fi
        sleep 10
      done
      ;;
    postgres)
      health_sampler "$dir/health.txt" $((PG_DOWN + 30)) & sampler=$!
      event "fault postgres stopped"; stop_postgres
      sleep "$PG_DOWN"
      start_postgres; t0=$(now_ms); event "back postgres started"
      # Both clocks from its return, side by side: a node still degraded must not delay the other.
      wait_caught_up "$t0" "$(head_index)" none "postgres started" & caught=$!
      wait_healthy "$t0" "postgres"
      wait "$caught"
      wait "$sampler"
      ;;
    redis)
      health_sampler "$dir/health.txt" $((REDIS_DOWN + 20)) & sampler=$!
      event "fault redis stopped"; stop_redis
      sleep "$REDIS_DOWN"
      start_redis; t0=$(now_ms); event "back redis started"
      wait_healthy "$t0" "redis"
      wait "$sampler"
      ;;
  esac
  # The closing auctions end up to 60 s after the fault; they must close within 30 s of that.
  local end_at=$(( fault + CLOSE_WAIT * 1000 )) last; last=$(( $(now_ms) + AFTER * 1000 ))
  if [ "$last" -gt "$end_at" ]; then end_at=$last; fi
  sleep "$(awk -v ms=$((end_at - $(now_ms))) 'BEGIN { print (ms > 0 ? ms / 1000 : 0) }')"
  touch "$control/stop"
  wait "$client_pid" || echo "client ended with an error: $(tail -3 "$dir/client-stderr.txt")"
  for p in "${helpers[@]}"; do wait "$p" || echo "a sockets process ended with an error"; done
  rm -f "$RUN_DIR/client.pid"
  grep -v '^load ' "$dir/client.txt" || true
  # Each window of the fault: what was answered while the part was down, and after it came back.
  local f b
  f=$(awk '/ fault /{print $1; exit}' "$control/events")
  b=$(awk '/ back | healthy again| stopped$| after its start$/{t=$1} END {print t}' "$control/events")
  if [ -n "$f" ]; then
    [ -n "$b" ] || b=$((f + 10000))
    window_statuses "$dir" 0 "$f" "before the fault"
    window_statuses "$dir" "$f" "$b" "from the fault to the last recovery event (or 10 s)"
    window_statuses "$dir" "$b" "$((b + 10000))" "the 10 s after it"
    window_statuses "$dir" "$((b + 10000))" 99999999999999 "later"
  fi
  if [ -f "$dir/health.txt" ]; then echo "HEALTH (ms node1 node2 node3 nginx; http:status):"; sed 's/^/  /' "$dir/health.txt"; fi
  nginx_summary "$dir" "$access_from"
  # Settled: every projection at the head before the checks (events appended later are not waited for).
  settled_head=$(head_index)
  wait_caught_up "$(now_ms)" "$settled_head" "${pid:-none}" "after the load" | sed 's/ after the fault/ after the load stopped/'
  check "$dir"
  echo "PROJECTIONS (admin API): $(curl -s -H "Authorization: Bearer $(cat "$RUN_DIR/admin-token")" "$ORIGIN/api/v1/admin/projections" \
    | jq -c '[.[]? // .data[]? | {name, lag: (.lag // .max_lag // null), dead_letters: (.dead_letters // null)}]' 2>/dev/null | cut -c1-600)"
  # shellcheck disable=SC2086
  log_errors "$dir" $marks
  # The killed node back, unmeasured, for the next scenario.
  for n in 0 1 2; do [ -n "$(node_pid "$n")" ] || start_node "$n"; done
}

# wait_healthy T0 LABEL: polls the three nodes' /api/health every 250 ms until each answers 200 "ok".
wait_healthy() {
  local t0="$1" ok url
  # 120 s by the clock: a node that does not answer makes each round take seconds.
  while [ $(( $(now_ms) - t0 )) -lt 120000 ]; do
    ok=1
    for url in "${API_PORTS[@]/#/http://127.0.0.1:}"; do
      [ "$(curl -s -m 2 "$url/api/health" | jq -r .status 2>/dev/null)" = ok ] || ok=0
    done
    if [ "$ok" = 1 ]; then echo "RECOVERY $2: every node's /api/health 200 ok $(( $(now_ms) - t0 )) ms after it came back"; return 0; fi
    sleep 0.25
  done
  echo "RECOVERY $2: nodes not all healthy 120 s after it came back"
}

install_tools
command -v nginx >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
ulimit -n "$(ulimit -Hn)"
hold_measure_lock
# BUILD=0: the jar app/target already has (a run again of the same code).
[ "${BUILD:-1}" = 0 ] || build_platform
if [ "$SOCKET_CLIENT" = node ]; then
  command -v node >/dev/null || { echo "node is needed for the sockets' client (or SOCKET_CLIENT=java)" >&2; exit 1; }
  (cd "$BENCH_DIR/faults" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
CLIENT=(java -Xmx768m -XX:+UseSerialGC -Dload="$LOAD" -Dtransports="$TRANSPORTS" -cp "$(client_classpath)" "$BENCH_DIR/faults/FaultBench.java")
start_postgres; fresh_database "$PG_DB"; start_redis; redis-cli -p "$REDIS_PORT" flushall >/dev/null
for n in 0 1 2; do start_node "$n"; done
start_nginx
release_measure_lock
{
  echo "# faults $(date -u +%FT%TZ) $(nproc) cores, commit $(git -C "$ROOT" rev-parse --short HEAD), nginx $(nginx -v 2>&1 | cut -d/ -f2)," \
    "3 nodes JAVA_OPTS=\"$JAVA_OPTS\", $SOCKETS sockets ($TRANSPORTS), $USERS customers, fault at ${FAULT_AT}s, LOAD=$LOAD%"
  "${CLIENT[@]}" seed "$key" "$CLERK_ISSUER" "$ORIGIN" "$RUN_DIR/state.txt" "$USERS"
} 2>&1 | tee "$RUN_DIR/output.txt"
index=0
for s in $SCENARIOS; do
  hold_measure_lock
  scenario "$s" "$index" 2>&1 | tee -a "$RUN_DIR/output.txt" "$RUN_DIR/$s.txt" || echo "scenario $s stopped with an error"
  release_measure_lock
  index=$((index + 1))
done
echo "output: $RUN_DIR/output.txt"
