#!/usr/bin/env bash
# Sweep benchmark: the same design (bench-1m.yaml, 10^6 replicate histories, or the design given as
# $1) on the local engine and on Apache Spark in local mode with 2 threads, each as one process,
# timed by /usr/bin/time; prints histories per second and Spark's overhead, and checks that both
# engines wrote the same rows. Run from the repository root after `mvn -B -q -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/../.."
design="${1:-normlab-bench/sweep/bench-1m.yaml}"
out="${OUT:-target/sweep-bench}"
mkdir -p "$out"
# Spark's classes come from the Maven repository (the job jar leaves them to the cluster).
mvn -B -q -pl normlab-spark dependency:build-classpath -Dmdep.outputFile=target/spark-classpath.txt \
  -Dmdep.includeScope=provided >/dev/null
flags=$(mvn -B -q -pl normlab-spark help:evaluate -Dexpression=spark.jvm.flags -DforceStdout)
db="${DB:-normlab-data/normlab.duckdb}"
histories=$(grep -E '^(replicates|  points):' "$design" | awk '{print $2}' | paste -sd'*' | bc)

time_of() { # prints elapsed seconds and peak resident memory (KB)
  /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >"$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
  cat "$out/time.txt"
}
read -r t_local m_local < <(time_of java -jar normlab-cli/target/normlab.jar sweep --db "$db" --design "$design" \
  --threads 2 --out "$out/local")
# shellcheck disable=SC2086
read -r t_spark m_spark < <(time_of java $flags -cp "normlab-spark/target/normlab-spark-job.jar:$(cat normlab-spark/target/spark-classpath.txt)" \
  org.normlab.cli.Main sweep --db "$db" --design "$design" --engine spark --master 'local[2]' --out "$out/spark")
same=$(diff -rq <(cd "$out/local" && cat points.csv manifest.json) <(cd "$out/spark" && cat points.csv manifest.json) >/dev/null && echo yes || echo no)
awk -v h="$histories" -v tl="$t_local" -v ts="$t_spark" -v ml="$m_local" -v ms="$m_spark" -v same="$same" 'BEGIN {
  printf "histories: %d\n", h
  printf "local engine:   %7.1f s  %10.0f histories/s  peak RSS %d MB\n", tl, h / tl, ml / 1024
  printf "spark local[2]: %7.1f s  %10.0f histories/s  peak RSS %d MB\n", ts, h / ts, ms / 1024
  printf "spark overhead: %.2fx the local time (+%.1f s)\n", ts / tl, ts - tl
  printf "points.csv and manifest.json identical: %s\n", same
}'
