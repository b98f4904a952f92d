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
flags=$(sed -n 's|.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*|\1|p' normlab-spark/pom.xml)
db="${DB:-normlab-data/normlab.duckdb}"
histories=$(grep -E '^(replicates|  points):' "$design" | awk '{print $2}' | paste -sd'*' | bc)

time_of() { # runs a command; leaves elapsed s, peak RSS (KB), user and system CPU s in $out/time.txt
  /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$@" >"$out/log.txt" 2>&1 || { cat "$out/log.txt"; exit 1; }
}
# A first run creates the store if needed, so that neither timed run pays for it.
java -jar normlab-cli/target/normlab.jar data list --db "$db" >/dev/null
time_of java -jar normlab-cli/target/normlab.jar sweep --db "$db" --design "$design" --threads 2 --out "$out/local"
read -r t_local m_local u_local s_local <"$out/time.txt"
# shellcheck disable=SC2086
time_of java $flags -cp "normlab-spark/target/normlab-spark-job.jar:$(cat normlab-spark/target/spark-classpath.txt)" \
  org.normlab.cli.Main sweep --db "$db" --design "$design" --engine spark --master 'local[2]' --out "$out/spark"
read -r t_spark m_spark u_spark s_spark <"$out/time.txt"
same=$(diff -rq <(cd "$out/local" && cat points.csv manifest.json) <(cd "$out/spark" && cat points.csv manifest.json) >/dev/null && echo yes || echo no)
# CPU time is reported too: on a shared machine the elapsed time depends on the other load.
awk -v h="$histories" -v tl="$t_local" -v ts="$t_spark" -v ml="$m_local" -v ms="$m_spark" -v same="$same" \
    -v cl="$(echo "$u_local + $s_local" | bc)" -v cs="$(echo "$u_spark + $s_spark" | bc)" 'BEGIN {
  printf "histories: %d\n", h
  printf "local engine:   %7.1f s elapsed  %10.0f histories/s  %7.1f CPU s  %10.0f histories/CPU s  peak RSS %d MB\n", tl, h / tl, cl, h / cl, ml / 1024
  printf "spark local[2]: %7.1f s elapsed  %10.0f histories/s  %7.1f CPU s  %10.0f histories/CPU s  peak RSS %d MB\n", ts, h / ts, cs, h / cs, ms / 1024
  printf "spark overhead: %.2fx the local elapsed time (+%.1f s), %.2fx its CPU time\n", ts / tl, ts - tl, cs / cl
  printf "points.csv and manifest.json identical: %s\n", same
}'
