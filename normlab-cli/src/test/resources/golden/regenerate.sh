#!/usr/bin/env bash
# Regenerates the golden outputs of `simulate` and of the study's ensemble tables with the
# normlab jar given as $1 (by default the one the launcher builds). The fixtures were produced
# with the engine that kept every replicate's counts in memory (commit d085a46; the study tables regenerated with main at d10fdaf, whose CSV writer changed their formatting, not their numbers); the engine that
# accumulates histograms reproduced them byte for byte (GoldenOutputsTest). They were regenerated
# once since, with the histogram engine, when the measures (dated, scoped spells; border_war at war
# intensity; the depositor risk sets) changed the bundled data deliberately.
# The observed columns (observed_parties, observed_withdrawn in curve.csv; observed_parties in
# diff.csv) were appended later by running this script; every other column stayed byte for byte.
# The study tables were regenerated once more when its counterfactuals became templates filled from
# the data, run with the replay's frailty model (the replay itself unchanged), and once more when
# posterior frailties moved to the adaptive grid (two counterfactual tables changed in the third
# decimal of a few means; the rest byte for byte) and the counterfactual tables' rows, which had
# been written as one bracketed cell each, were written a cell per column. Regenerate only
# when the bundled data or a model deliberately changes, never to make the test pass.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
jar="${1:-$root/normlab-cli/target/normlab.jar}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/db.duckdb"
for sc in russia-peace frailty threshold no_override; do
  case $sc in
    russia-peace) file="$root/examples/russia-peace.yaml"; extra=() ;;
    no_override) file="$root/normlab-cli/src/test/resources/scenarios/no_override.yaml"; extra=() ;;
    threshold) file="$here/scenarios/threshold.yaml"; extra=(--baseline "$here/scenarios/threshold-base.yaml") ;;
    *) file="$here/scenarios/$sc.yaml"; extra=() ;;
  esac
  rm -rf "$here/simulate/$sc"
  java -jar "$jar" simulate --db "$db" --scenario "$file" "${extra[@]}" --replicates 300 --seed 7 --threads 1 \
    --out "$here/simulate/$sc" >/dev/null
done
java -jar "$jar" study --db "$db" --replicates 200 --seed 5 --threads 1 --out "$work/study" >/dev/null
rm -f "$here"/study/counterfactual_*.csv
cp "$work"/study/tables/replay.csv "$work"/study/tables/counterfactual_*.csv "$here/study/"
