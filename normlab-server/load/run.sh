#!/usr/bin/env bash
# Load test by hand (not in CI): starts `normlab serve` on a free loopback port over a scratch copy of
# the data, runs LoadTest.java (50 clients, 30 s by default) and reports the server's peak resident
# memory (VmHWM). Usage: normlab-server/load/run.sh [CLIENTS] [SECONDS]   (build first: ./normlab --help)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
clients="${1:-50}"
seconds="${2:-30}"
port="${NORMLAB_LOAD_PORT:-7391}"
scratch="$(mktemp -d)"
jar="$here/normlab-cli/target/normlab.jar"
[[ -f "$jar" ]] || { echo "build first: ./normlab --help" >&2; exit 2; }
java ${NORMLAB_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port "$port" --db "$scratch/normlab.duckdb" \
  --jobs 2 > "$scratch/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT
for _ in $(seq 1 120); do
  if grep -q "serving the dashboard" "$scratch/serve.log"; then break; fi
  sleep 1
done
status=0
java "$here/normlab-server/load/LoadTest.java" "http://127.0.0.1:$port" "$clients" "$seconds" || status=$?
echo "server peak memory: $(grep VmHWM /proc/$server/status | tr -s ' ')"
exit "$status"
