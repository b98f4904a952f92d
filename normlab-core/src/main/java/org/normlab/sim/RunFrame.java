package org.normlab.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.normlab.lifecycle.YearCounts;
import org.normlab.lifecycle.YearlySeries;

/**
 * A world bound to the simulated years {@code start..horizon}, with everything that does not depend
 * on a replicate computed once: the system and alliance flags of each year and the year before,
 * the denominators of the exposures, the starting status and the observed history before the
 * start. Simulated year k = 0..K−1 is risk-year {@code start + k}; its decisions see the world of
 * year {@code start + k − 1} (for k = 0 and a start in the world's first year, the flags of that
 * first year stand in for the year before).
 *
 * <p>Immutable and thread-safe; models read it in {@link TransitionModel#prepare}.
 */
public final class RunFrame {
    final SimWorld world;
    final int start;
    final int horizon;
    final int years;
    final int states;
    /** Row j = flags of year start − 1 + j, j = 0..K; row k is "last year" for simulated year k. */
    final boolean[][] in;

    final boolean[][] ally;
    final int[] inCount;
    /** Per k: states whose system or alliance flag differs between rows k and k + 1. */
    final int[][] changed;

    final int[] subregion;
    final int[][] neighbours;
    final int subregionCount;
    /** Per [k * S + s]: land neighbours in the system in year start + k − 1. */
    final int[] borderDenominator;
    /** Per [k * S + s]: other states of the subregion in the system in year start + k − 1. */
    final int[] subregionDenominator;
    /** Per [k * S + s]: other alliance members in the system in year start + k − 1; 0 for non-members. */
    final int[] allyDenominator;

    final byte[] initialStatus;
    final YearlySeries history;

    private RunFrame(SimWorld world, int start, int horizon) {
        this.world = world;
        this.start = start;
        this.horizon = horizon;
        this.years = horizon - start + 1;
        this.states = world.stateCount();
        int n = states;
        this.subregion = world.subregionIds();
        this.neighbours = world.neighbourLists();
        this.subregionCount = world.subregionCount();
        this.in = new boolean[years + 1][];
        this.ally = new boolean[years + 1][];
        this.inCount = new int[years + 1];
        for (int j = 0; j <= years; j++) {
            int t = Math.max(start - 1 + j, world.firstYear()) - world.firstYear();
            in[j] = world.inSystemRow(t);
            ally[j] = world.allyRow(t);
            for (int s = 0; s < n; s++) {
                if (in[j][s]) {
                    inCount[j]++;
                }
            }
        }
        this.changed = new int[years][];
        for (int k = 0; k < years; k++) {
            int[] c = new int[n];
            int m = 0;
            for (int s = 0; s < n; s++) {
                if (in[k][s] != in[k + 1][s] || ally[k][s] != ally[k + 1][s]) {
                    c[m++] = s;
                }
            }
            changed[k] = Arrays.copyOf(c, m);
        }

        this.borderDenominator = new int[years * n];
        this.subregionDenominator = new int[years * n];
        this.allyDenominator = new int[years * n];
        int[] subIn = new int[subregionCount];
        for (int k = 0; k < years; k++) {
            boolean[] inK = in[k];
            boolean[] allyK = ally[k];
            Arrays.fill(subIn, 0);
            int allyIn = 0;
            for (int s = 0; s < n; s++) {
                if (inK[s]) {
                    subIn[subregion[s]]++;
                    if (allyK[s]) {
                        allyIn++;
                    }
                }
            }
            for (int s = 0; s < n; s++) {
                int i = k * n + s;
                int self = inK[s] ? 1 : 0;
                int d = 0;
                for (int m : neighbours[s]) {
                    if (inK[m]) {
                        d++;
                    }
                }
                borderDenominator[i] = d;
                subregionDenominator[i] = subIn[subregion[s]] - self;
                allyDenominator[i] = allyK[s] ? allyIn - self : 0;
            }
        }
        this.initialStatus = world.statusAtStartOf(start);
        this.history = observedHistory(world, start);
    }

    /**
     * Binds {@code world} to the simulated years {@code start..horizon}.
     *
     * @throws IllegalArgumentException if the years fall outside the world, start before the
     *                                  opening, or need an observed status the world lacks
     */
    public static RunFrame of(SimWorld world, int start, int horizon) {
        check(world, start, horizon);
        return new RunFrame(world, start, horizon);
    }

    /**
     * Checks that {@code world} can be bound to the simulated years {@code start..horizon}, without
     * building the frame.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static void check(SimWorld world, int start, int horizon) {
        Objects.requireNonNull(world, "world");
        if (start < world.openingYear()) {
            throw new IllegalArgumentException("start " + start + " precedes the opening year " + world.openingYear());
        }
        if (start < world.firstYear() || horizon > world.lastYear() || horizon < start) {
            throw new IllegalArgumentException("simulated years " + start + "-" + horizon
                    + " must be a non-empty range inside the world's years " + world.firstYear() + "-"
                    + world.lastYear());
        }
        world.statusAtStartOf(start);
    }

    private static YearlySeries observedHistory(SimWorld w, int start) {
        int from = Math.max(w.openingYear(), w.firstYear());
        if (start <= from) {
            return null;
        }
        List<YearCounts> rows = new ArrayList<>();
        byte[] previous = w.statusAtStartOf(from);
        for (int y = from; y < start; y++) {
            Optional<byte[]> now = w.observedStatus(y);
            if (now.isEmpty()) {
                return null;
            }
            byte[] cur = now.get();
            int inSystem = 0;
            int parties = 0;
            int joined = 0;
            int left = 0;
            for (int s = 0; s < cur.length; s++) {
                if (!w.inSystem(y, s)) {
                    continue;
                }
                inSystem++;
                if (cur[s] == Status.PARTY) {
                    parties++;
                }
                if (previous[s] == Status.NOT_PARTY && cur[s] != Status.NOT_PARTY) {
                    joined++;
                }
                if (previous[s] != Status.WITHDRAWN && cur[s] == Status.WITHDRAWN) {
                    left++;
                }
            }
            rows.add(new YearCounts(y, inSystem, parties, joined, left));
            previous = cur;
        }
        return YearlySeries.of(rows);
    }

    /** The world. */
    public SimWorld world() {
        return world;
    }

    /** First simulated (risk-)year. */
    public int start() {
        return start;
    }

    /** Last simulated year. */
    public int horizon() {
        return horizon;
    }

    /** Number of simulated years K. */
    public int yearCount() {
        return years;
    }

    /** Calendar year of simulated year k. */
    public int year(int k) {
        return start + k;
    }

    /** Number of states S. */
    public int stateCount() {
        return states;
    }

    /** Whether state s is in the system in simulated year k (and so can be at risk). */
    public boolean inSystem(int k, int s) {
        return in[k + 1][s];
    }

    /** Number of states in the system in simulated year k. */
    public int inSystemCount(int k) {
        return inCount[k + 1];
    }

    /** State-years in the system over the simulated years: the work of one replicate. */
    public long stateYears() {
        long sum = 0;
        for (int k = 0; k < years; k++) {
            sum += inCount[k + 1];
        }
        return sum;
    }

    /** Status of state s at the start of the first simulated year. */
    public byte initialStatus(int s) {
        return initialStatus[s];
    }

    /** The observed years from the opening to the year before the start, if the world holds them. */
    public Optional<YearlySeries> history() {
        return Optional.ofNullable(history);
    }

    /**
     * The values of a term that does not depend on the simulated world, laid out {@code [k * S + s]}:
     * a built-in term of {@link Terms} other than an exposure, or a covariate of the world.
     *
     * @throws IllegalArgumentException for an exposure, an unknown name, or a covariate without a
     *                                  finite value for a state-year in the system
     */
    public double[] term(String name) {
        return term(name, true);
    }

    /**
     * As {@link #term(String)}; with {@code requireFinite} false a covariate's missing values stay
     * NaN instead of being refused (the observed history, where such state-years are left out as in
     * a fit).
     */
    double[] term(String name, boolean requireFinite) {
        if (Exposure.ofTerm(name).isPresent()) {
            throw new IllegalArgumentException(name + " is an exposure, computed from the simulated world");
        }
        int n = states;
        double[] v = new double[years * n];
        if (Terms.tieKind(name) != null) {
            throw new IllegalArgumentException(name + " is an exposure, computed from the simulated world");
        }
        if (!Double.isNaN(Terms.timeValue(name, start, world.openingYear()))) {
            for (int k = 0; k < years; k++) {
                Arrays.fill(v, k * n, (k + 1) * n, Terms.timeValue(name, start + k, world.openingYear()));
            }
            return v;
        }
        if (!world.hasCovariate(name)) {
            throw new IllegalArgumentException("unknown term '" + name + "': neither a built-in term ("
                    + Terms.builtInList() + ") nor a covariate of the world (known: "
                    + String.join(", ", world.covariateNames()) + ")");
        }
        double[] all = world.covariateArray(name);
        System.arraycopy(all, (start - world.firstYear()) * n, v, 0, years * n);
        for (int k = 0; k < years && requireFinite; k++) {
            for (int s = 0; s < n; s++) {
                double x = v[k * n + s];
                if (in[k + 1][s] && !Double.isFinite(x)) {
                    throw new IllegalArgumentException("covariate " + name + " has no finite value for " + world.iso3(s)
                            + " in " + (start + k) + " (" + x + "), a state-year the simulation needs");
                }
            }
        }
        return v;
    }
}
