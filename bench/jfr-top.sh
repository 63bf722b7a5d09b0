#!/usr/bin/env bash
# jfr-top.sh FILE.jfr: summarises the jdk.ExecutionSample events of a recording: the hottest frames
# by self samples (the top frame), then by inclusive samples (a frame anywhere in the stack, counted
# once per sample), then by package group (the first frame of the stack that is not a JDK or
# framework plumbing frame).
set -euo pipefail
jfr print --events jdk.ExecutionSample --stack-depth 200 "$1" | awk '
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
    printf "samples %d\n\n## top self frames\n", total
    for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -40"
    close("sort -rn | head -40")
    printf "\n## top inclusive frames\n"
    for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -200"
    close("sort -rn | head -200")
  }'
