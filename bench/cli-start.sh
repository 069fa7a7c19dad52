#!/usr/bin/env bash
# CLI start-up on the embedded default (docs/performance.md, "Embedded default"): wall time, CPU
# (user + sys) and peak RSS of a query on an existing PGlite data directory, of the first start of
# a new one, optionally of `demo`, and of `node -e ''` for scale, for each CLI entry point given (a
# repository with a built dist and a test bundle, see below). Interleaved runs, so every entry
# point sees the same machine; the summary gives each figure's median and its ratio to the first
# entry point's (the baseline).
#   bench/cli-start.sh ROUNDS DEMO_DIR "label=command" ...
# e.g. bench/cli-start.sh 3 /tmp/demo "before=node ../before/bin/profile-projector.js" "after=node bin/profile-projector.js"
# DEMO_DIR is made with `profile-projector demo --data-dir DEMO_DIR`; its featured inquiry is queried.
# DEMO_ROUNDS=N also runs `demo` N times per entry point (default 0).
# New data directories start from a template kept in PROFILE_PROJECTOR_CACHE_DIR
# (src/db/pglite-template.ts): this script gives every entry point its own empty cache, measures
# one first start that makes the template ("cold", once), then the rounds with it in place.
set -euo pipefail
rounds=$1; demo=$2; shift 2
demo_rounds=${DEMO_ROUNDS:-0}
inquiry=${INQUIRY:?set INQUIRY to an inquiry id of the demo directory}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results # label measure wall cpu rss
measure() { /usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -1; }
record() { # label measure round command...
  local label=$1 what=$2 round=$3 wall user sys rss
  shift 3
  read -r wall user sys rss < <(measure "$@")
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$label $what $wall $cpu $((rss / 1024))" >>"$results"
  printf '%-8s %-6s round %s: %6.2f s wall %6.2f s cpu %5d MB\n' "$label" "$what" "$round" "$wall" "$cpu" $((rss / 1024))
}
echo "load: $(uptime | sed 's/.*load average: //')"
echo "node -e '': $(measure node -e '')"
i=0
for spec in "$@"; do
  label=${spec%%=*}; cmd=${spec#*=}
  mkdir -p "$work/cache-$i"
  fresh=$(mktemp -d)
  # shellcheck disable=SC2086
  PROFILE_PROJECTOR_CACHE_DIR=$work/cache-$i DATA_DIR=$fresh record "$label" cold 0 $cmd quarantine list --json
  rm -rf "$fresh"
  i=$((i + 1))
done
for ((r = 1; r <= rounds; r++)); do
  i=0
  for spec in "$@"; do
    label=${spec%%=*}; cmd=${spec#*=}
    export PROFILE_PROJECTOR_CACHE_DIR=$work/cache-$i
    # shellcheck disable=SC2086
    DATA_DIR=$demo record "$label" query "$r" $cmd state inquiry "$inquiry" --json
    fresh=$(mktemp -d)
    # shellcheck disable=SC2086
    DATA_DIR=$fresh record "$label" first "$r" $cmd quarantine list --json
    rm -rf "$fresh"
    if ((r <= demo_rounds)); then
      # shellcheck disable=SC2086
      record "$label" demo "$r" $cmd demo --json
    fi
    i=$((i + 1))
  done
done
echo "load: $(uptime | sed 's/.*load average: //')"
baseline=${1%%=*}
echo "median of each (ratio to $baseline's median):"
awk -v base="$baseline" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { key = $1 SUBSEP $2; wall[key] = wall[key] " " $3; cpu[key] = cpu[key] " " $4; rss[key] = rss[key] " " $5
    if (!($1 in seen)) { seen[$1] = 1; labels[++nl] = $1 }
    if (!($2 in seenw)) { seenw[$2] = 1; whats[++nw] = $2 } }
  END {
    for (w = 1; w <= nw; w++) for (l = 1; l <= nl; l++) {
      k = labels[l] SUBSEP whats[w]; b = base SUBSEP whats[w]
      if (!(k in wall)) continue
      mw = median(wall[k]); mc = median(cpu[k]); mr = median(rss[k])
      bw = median(wall[b]); bc = median(cpu[b]); br = median(rss[b])
      printf "%-8s %-6s %6.2f s wall (x%.2f) %6.2f s cpu (x%.2f) %5d MB (x%.2f)\n", labels[l], whats[w], mw, mw / bw, mc, mc / bc, mr, mr / br
    }
  }' "$results"
