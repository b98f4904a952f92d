package org.normlab.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.Quantiles;
import org.normlab.sweep.SweepDesign.Output;

/**
 * The summary statistics a sweep keeps of each run (the only place they are computed, so that every
 * engine gives the same numbers). Quantiles of counts are type 7, of years type 1, as in
 * {@code curve.csv} and {@code lifecycle.csv}. Stateless.
 */
public final class Summaries {
    /** Statistics given by year. */
    public static final List<String> YEARLY = List.of(
            "parties_mean",
            "parties_q05",
            "parties_q50",
            "parties_q95",
            "share_mean",
            "withdrawn_mean",
            "parties_diff_mean",
            "parties_diff_q05",
            "parties_diff_q95",
            "withdrawn_diff_mean");
    /** Every statistic. */
    public static final List<String> STATISTICS;

    static {
        List<String> all = new ArrayList<>(YEARLY);
        all.addAll(List.of(
                "tipping_reached",
                "tipping_year_mean",
                "tipping_year_q05",
                "tipping_year_q50",
                "tipping_year_q95",
                "withdrawals_mean"));
        STATISTICS = List.copyOf(all);
    }

    private Summaries() {}

    /**
     * The rows of one run.
     *
     * @param baseline the paired baseline, needed for {@link Output#PAIRED_DIFFERENCE}, else null
     */
    public static List<SweepRow> of(
            int point, String scenario, EnsembleResult r, EnsembleResult baseline, Set<Output> outputs) {
        List<SweepRow> out = new ArrayList<>();
        int reps = r.replicates();
        int[] v = new int[reps];
        for (int k = 0; k < r.yearCount(); k++) {
            int year = r.year(k);
            if (outputs.contains(Output.PARTIES)) {
                long sum = 0;
                for (int i = 0; i < reps; i++) {
                    v[i] = r.parties(i, k);
                    sum += v[i];
                }
                Arrays.sort(v);
                double mean = (double) sum / reps;
                int in = r.inSystem(k);
                out.add(new SweepRow(point, scenario, "parties_mean", year, mean));
                out.add(new SweepRow(point, scenario, "parties_q05", year, Quantiles.interpolated(v, 0.05)));
                out.add(new SweepRow(point, scenario, "parties_q50", year, Quantiles.interpolated(v, 0.50)));
                out.add(new SweepRow(point, scenario, "parties_q95", year, Quantiles.interpolated(v, 0.95)));
                out.add(new SweepRow(point, scenario, "share_mean", year, in == 0 ? 0 : mean / in));
            }
            if (outputs.contains(Output.WITHDRAWALS)) {
                long gone = 0;
                for (int i = 0; i < reps; i++) {
                    gone += r.withdrawn(i, k);
                }
                out.add(new SweepRow(point, scenario, "withdrawn_mean", year, (double) gone / reps));
            }
            if (outputs.contains(Output.PAIRED_DIFFERENCE)) {
                long sum = 0;
                long gone = 0;
                for (int i = 0; i < reps; i++) {
                    v[i] = r.parties(i, k) - baseline.parties(i, k);
                    sum += v[i];
                    gone += r.withdrawn(i, k) - baseline.withdrawn(i, k);
                }
                Arrays.sort(v);
                out.add(new SweepRow(point, scenario, "parties_diff_mean", year, (double) sum / reps));
                out.add(new SweepRow(point, scenario, "parties_diff_q05", year, Quantiles.interpolated(v, 0.05)));
                out.add(new SweepRow(point, scenario, "parties_diff_q95", year, Quantiles.interpolated(v, 0.95)));
                out.add(new SweepRow(point, scenario, "withdrawn_diff_mean", year, (double) gone / reps));
            }
        }
        if (outputs.contains(Output.TIPPING_YEAR)) {
            int[] years = new int[reps];
            int reached = 0;
            long sum = 0;
            for (int i = 0; i < reps; i++) {
                var t = r.lifecycle(i).tippingYear();
                if (t.isPresent()) {
                    years[reached++] = t.getAsInt();
                    sum += t.getAsInt();
                }
            }
            out.add(new SweepRow(point, scenario, "tipping_reached", null, (double) reached / reps));
            // Years only among the replicates that tip; none tipping leaves them out (no number to give).
            if (reached > 0) {
                int[] sorted = Arrays.copyOf(years, reached);
                Arrays.sort(sorted);
                out.add(new SweepRow(point, scenario, "tipping_year_mean", null, (double) sum / reached));
                out.add(new SweepRow(point, scenario, "tipping_year_q05", null, Quantiles.observed(sorted, 0.05)));
                out.add(new SweepRow(point, scenario, "tipping_year_q50", null, Quantiles.observed(sorted, 0.50)));
                out.add(new SweepRow(point, scenario, "tipping_year_q95", null, Quantiles.observed(sorted, 0.95)));
            }
        }
        if (outputs.contains(Output.WITHDRAWALS)) {
            long total = 0;
            for (int i = 0; i < reps; i++) {
                for (int k = 0; k < r.yearCount(); k++) {
                    total += r.withdrawals(i, k);
                }
            }
            out.add(new SweepRow(point, scenario, "withdrawals_mean", null, (double) total / reps));
        }
        return out;
    }
}
