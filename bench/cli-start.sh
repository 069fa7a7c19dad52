#!/usr/bin/env bash
# CLI start-up on the embedded default (docs/performance.md, "Embedded default"): wall time and
# peak RSS of a query on an existing PGlite data directory, of the first start of a new one, and
# of `node -e ''` for scale, for each CLI entry point given (a repository with a built dist and a
# test bundle, see below). Interleaved runs, so every entry point sees the same machine.
#   bench/cli-start.sh ROUNDS DEMO_DIR "label=command" ...
# e.g. bench/cli-start.sh 3 /tmp/demo "dist=node bin/profile-projector.js" "bundle=node .bench-cli/cli/main.mjs"
# DEMO_DIR is made with `profile-projector demo --data-dir DEMO_DIR`; its featured inquiry is queried.
set -euo pipefail
rounds=$1; demo=$2; shift 2
inquiry=${INQUIRY:?set INQUIRY to an inquiry id of the demo directory}
measure() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
echo "load: $(uptime | sed 's/.*load average: //')"
echo "node -e '': $(measure node -e '')"
for ((r = 1; r <= rounds; r++)); do
  for spec in "$@"; do
    label=${spec%%=*}; cmd=${spec#*=}
    read -r wall rss < <(DATA_DIR=$demo measure $cmd state inquiry "$inquiry" --json)
    printf '%-8s query  round %d: %5.2f s %5d MB\n' "$label" "$r" "$wall" $((rss / 1024))
    fresh=$(mktemp -d)
    read -r wall rss < <(DATA_DIR=$fresh measure $cmd quarantine list --json)
    rm -rf "$fresh"
    printf '%-8s first  round %d: %5.2f s %5d MB\n' "$label" "$r" "$wall" $((rss / 1024))
  done
done
echo "load: $(uptime | sed 's/.*load average: //')"
