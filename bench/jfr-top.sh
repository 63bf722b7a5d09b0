#!/usr/bin/env bash
# jfr-top.sh FILE.jfr: summarises the jdk.ExecutionSample events of a recording: where the checkout
# path's samples go (by the first marker frame found in each stack, in the order below), then the
# hottest frames by self samples (the top frame) and by inclusive samples (a frame anywhere in the
# stack, counted once per sample). JFR keeps the top 64 frames of a stack by default, so the bottom
# of deep Spring stacks is cut: markers are chosen close to the top.
set -euo pipefail
samples=$(mktemp); trap 'rm -f "$samples"' EXIT
jfr print --events jdk.ExecutionSample --stack-depth 200 "$1" > "$samples"
awk '
  function flush() {
    if (!started) return
    c = "other thread (" th ")"
    if (stack ~ /TokenDecoders/) c = "JWT verification (RS256, every request)"
    else if (th ~ /^Coordinator/) c = "projections: coordinators (read the stream, offer each event to each segment)"
    else if (th ~ /^WorkPackage/ || stack ~ /WorkPackage/) c = "projections: work packages (handlers, token store, DLQ checks)"
    else if (stack ~ /ConsistentWrites\.await/) c = "read-your-writes wait (position lookup + polls)"
    else if (stack ~ /ConsistentWrites\.ask/) c = "reading the placed orders back (FindPlacedOrdersQuery)"
    else if (stack ~ /SimpleCommandBus\.doDispatch|SimpleCommandBus\.handle|dz\.zst\.command\.orders\.(Checkout|StockLedger)|EventSourcingRepository|AbstractRepository\.load|JdbcEventStorageEngine\.append|AbstractUnitOfWork\.commit/) c = "checkout command (Axon unit of work, loads, appends, commit)"
    else if (th ~ /^http-nio/) c = "rest of the HTTP request (security filters, JSON, validation, response)"
    else if (th ~ /^EmbeddedEventStore/) c = "event store reader (EmbeddedEventStore producer)"
    n[c]++; total++
  }
  /jdk.ExecutionSample/ { flush(); started = 1; stack = ""; th = "" }
  /sampledThread/ { th = $0; sub(/.*= "/, "", th); sub(/".*/, "", th); sub(/-[0-9]+$/, "", th) }
  /^[[:space:]]+[a-zA-Z_$].*\(/ { stack = stack " " $1 }
  END {
    flush()
    printf "samples %d\n\n## by part of the checkout path\n", total
    for (k in n) printf "%6d %5.1f%%  %s\n", n[k], 100 * n[k] / total, k | "sort -rn"
    close("sort -rn")
  }' "$samples"
awk '
  function flush() {
    if (n > 0) {
      total++
      self[frame[1]]++
      delete seen
      for (i = 1; i <= n; i++) if (!(frame[i] in seen)) { seen[frame[i]] = 1; incl[frame[i]]++ }
    }
    n = 0
  }
  /jdk.ExecutionSample/ { flush(); inside = 0 }
  /stackTrace = \[/ { inside = 1; next }
  inside && /^[[:space:]]*\]/ { inside = 0; next }
  inside {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f)
    if (f != "...") frame[++n] = f
  }
  END {
    flush()
    printf "\n## top self frames\n"
    for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -40"
    close("sort -rn | head -40")
    printf "\n## top inclusive frames\n"
    for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -200"
    close("sort -rn | head -200")
  }' "$samples"
