#!/usr/bin/env bash
# Side-by-side benchmark of `normlab simulate` as a process against the NumPy peer's whole script,
# on the same model (peer-scenario.yaml) in the same world (exported from normlab by PeerWorld).
#
#   normlab-bench/peer/compare.sh [REPLICATES ...]      (default: 10000 1000000)
#
# Needs (Debian): apt-get install -y python3-numpy libopenblas0-pthread time
# (python3-threadpoolctl, if installed, is used to print the BLAS kernel in use).
# Environment: RUNS (runs per size and side, default 3; the median wall time is reported),
# THREADS (normlab --threads, default: all cores), WORK (scratch folder, default a temporary one).
#
# For each size it prints, per side: median wall time, CPU time (user + system), peak resident
# memory (max RSS), and state-years simulated per second of wall time (replicates x states in the
# system summed over 1997-2030), then the ratio normlab / peer. OPENBLAS_CORETYPE and
# OPENBLAS_L2_SIZE are unset for the peer alone, as a current NumPy runs slower with them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 1000000)
runs="${RUNS:-3}"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
python=/usr/bin/python3
timer=/usr/bin/time
"$python" -c 'import numpy' 2>/dev/null || { echo "compare.sh: $python has no numpy (apt-get install python3-numpy)" >&2; exit 2; }
[[ -x "$timer" ]] || { echo "compare.sh: $timer missing (apt-get install time)" >&2; exit 2; }

# Build normlab (the launcher builds the CLI jar) and the benchmark jar for the world export.
(cd "$root" && mvn -q -B -DskipTests -pl normlab-cli,normlab-bench -am package >&2)
db="$work/normlab.duckdb"
"$root/normlab" data list --db "$db" >/dev/null   # creates the database (not timed)
java -cp "$root/normlab-bench/target/benchmarks.jar" org.normlab.bench.PeerWorld "$db" "$here/peer-scenario.yaml" \
  "$work/world" >&2
per_replicate=$(awk -F, 'NR > 1 { s += $5 } END { print s }' "$work/world/frame.csv")
echo "world: $(($(wc -l < "$work/world/states.csv") - 1)) states, $per_replicate state-years per replicate"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" - <<'PY' 2>/dev/null || true
import numpy, threadpoolctl
for i in threadpoolctl.threadpool_info():
    print("peer BLAS: %s %s, %s threads" % (i.get("internal_api"), i.get("architecture"), i.get("num_threads")))
PY
# Warm the launcher once (its first run builds the class-data archive; not timed).
"$root/normlab" simulate --db "$db" --scenario "$here/peer-scenario.yaml" --replicates 10 --out "$work/warm" >/dev/null

measure() { # name, then the command; appends "wall cpu rss_kb" lines to $work/$name.times
  local name="$1"; shift
  "$timer" -f "%e %U %S %M" -o "$work/t.$$" "$@" >/dev/null
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/t.$$" >> "$work/$name.times"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

threads=()
[[ -n "${THREADS:-}" ]] && threads=(--threads "$THREADS")
printf '%-10s %-8s %9s %9s %9s %14s\n' replicates side wall_s cpu_s rss_mb "state-years/s"
for n in "${sizes[@]}"; do
  rm -f "$work"/normlab-$n.times "$work"/peer-$n.times
  for ((i = 0; i < runs; i++)); do
    measure normlab-$n "$root/normlab" simulate --db "$db" --scenario "$here/peer-scenario.yaml" --replicates "$n" \
      --seed 1 "${threads[@]}" --out "$work/normlab-$n"
    measure peer-$n env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" "$here/numpy_peer.py" "$work/world" "$n" \
      --seed 1 --out "$work/peer-$n.csv"
  done
  for side in normlab peer; do
    f="$work/$side-$n.times"
    wall=$(cut -d' ' -f1 "$f" | median)
    cpu=$(cut -d' ' -f2 "$f" | median)
    rss=$(cut -d' ' -f3 "$f" | sort -n | tail -1)
    rate=$(awk -v n="$n" -v p="$per_replicate" -v w="$wall" 'BEGIN { printf "%.0f", n * p / w }')
    printf '%-10s %-8s %9.2f %9.2f %9.0f %14s\n' "$n" "$side" "$wall" "$cpu" "$((rss / 1024))" "$rate"
    eval "rate_$side=$rate"
  done
  awk -v a="$rate_normlab" -v b="$rate_peer" -v n="$n" \
    'BEGIN { printf "%-10s ratio    normlab / peer state-years per second: %.2f\n", n, a / b }'
  # The two simulate the same model: their mean parties in the last year should agree closely.
  echo "$n mean parties 2030: normlab $(awk -F, '$2 == 2030 { print $4 }' "$work/normlab-$n/curve.csv"), peer $(awk -F, '$1 == 2030 { print $2 }' "$work/peer-$n.csv")"
done
