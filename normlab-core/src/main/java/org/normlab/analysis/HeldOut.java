package org.normlab.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.normlab.estimate.FoldAssignment;
import org.normlab.estimate.Folds;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.HazardProblem;
import org.normlab.estimate.Split;

/**
 * Scores models on rows they were not fitted on, under two schemes, with the per-state detail that
 * paired comparisons need ({@link PairedDifference}).
 *
 * <ul>
 *   <li><b>Repeated leave-states-out</b> ({@link #repeatedStates}): in each of R repeats the states
 *       are dealt at random to K folds ({@link Folds#byCluster}); each fold's states are held out
 *       in turn, every model is fitted on the other states and scores the held-out state-years.
 *       Repeat 1 uses the seed itself (so it is the single split {@code --cv states:K --seed S}
 *       makes); repeat r &gt; 1 uses the (r&minus;1)-th number drawn from a {@value
 *       Folds#ALGORITHM} generator seeded with the seed.
 *   <li><b>Rolling origin, one year ahead</b> ({@link #rollingOrigin}): for each year t from the
 *       first origin to the last year, every model is fitted on the rows of the years before t
 *       and scores the rows of year t. The first origin is the first year before which the data
 *       hold at least {@value #MIN_ORIGIN_EVENTS} events in at least {@value #MIN_ORIGIN_YEARS}
 *       distinct years, so that the intercept, the duration and an opening-year dummy are
 *       separately estimated before anything is scored. Log duration is then extrapolated one
 *       year beyond the training years, which is smooth; year dummies cannot be extrapolated at
 *       all (the dummy of year t is 0 in every training row), so models with them are refused.
 * </ul>
 *
 * <p>Stateless and thread-safe; the work is done on the calling thread (each fit may use the
 * estimator's pool).
 */
public final class HeldOut {

    /** Events needed in the training years before the first rolling origin. */
    public static final int MIN_ORIGIN_EVENTS = 10;

    /** Distinct training years needed before the first rolling origin. */
    public static final int MIN_ORIGIN_YEARS = 3;

    private HeldOut() {}

    /** The seeds of the fold assignments of {@code repeats} repeats (see the class description). */
    public static long[] repeatSeeds(long seed, int repeats) {
        long[] out = new long[repeats];
        RandomGenerator rng = RandomGeneratorFactory.of(Folds.ALGORITHM).create(seed);
        for (int r = 0; r < repeats; r++) {
            out[r] = r == 0 ? seed : rng.nextLong();
        }
        return out;
    }

    /**
     * Repeated leave-states-out cross-validation.
     *
     * @param models   model names
     * @param problems one problem per model, all on the same rows (same response, same order)
     * @param state    ISO3 code of each row
     * @param year     calendar year of each row
     * @param folds    K, 2 &le; K &le; number of states
     * @param repeats  R &ge; 1
     * @param seed     seed of the first repeat's fold assignment
     * @param fitter   how each training fold is fitted
     * @param tick     called after each fold fit of each model
     */
    public static HeldOutScores repeatedStates(
            List<String> models,
            List<HazardProblem> problems,
            String[] state,
            int[] year,
            int folds,
            int repeats,
            long seed,
            FoldFitter fitter,
            Runnable tick) {
        check(models, problems, state, year);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        List<String> states = new ArrayList<>(new TreeSet<>(List.of(state)));
        int[] stateIndex = indexes(state, states);
        // the fold assignment sees states numbered in order of first appearance, as Comparison's single split
        int[] clusterIds = Models.stateIds(state);
        long[] seeds = repeatSeeds(seed, repeats);
        int nm = models.size();
        double[][][] perState = new double[nm][repeats][states.size()];
        List<List<ForecastScores>> pooled = new ArrayList<>();
        List<List<Double>> lambdas = new ArrayList<>();
        for (int m = 0; m < nm; m++) {
            pooled.add(new ArrayList<>());
            lambdas.add(new ArrayList<>());
        }
        List<HeldOutScores.SplitRecord> records = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            FoldAssignment assignment = Folds.byCluster(clusterIds, folds, seeds[r]);
            RandomGenerator inner = RandomGeneratorFactory.of(Folds.ALGORITHM).create(seeds[r]);
            List<Split> splits = new ArrayList<>();
            long[] innerSeeds = new long[folds];
            for (int f = 0; f < folds; f++) {
                splits.add(assignment.split(f));
                innerSeeds[f] = inner.nextLong();
                records.add(record(r, f, seeds[r], splits.get(f), state, year));
            }
            for (int m = 0; m < nm; m++) {
                double[] p = new double[state.length];
                for (int f = 0; f < folds; f++) {
                    predict(problems.get(m), splits.get(f), fitter, innerSeeds[f], p, lambdas.get(m));
                    tick.run();
                }
                score(problems.get(m).y(), p, allRows(state.length), stateIndex, perState[m][r]);
                pooled.get(m).add(ForecastScores.of(p, problems.get(m).y()));
            }
        }
        String description = String.format(
                java.util.Locale.ROOT,
                "leave-states-out cross-validation, %d folds of whole states, %d repeat%s (seed %d)",
                folds,
                repeats,
                repeats == 1 ? "" : "s",
                seed);
        return new HeldOutScores("states", description, models, states, perState, pooled, lambdas, records);
    }

    /**
     * The first year a rolling origin can score, or empty when the data never hold {@value
     * #MIN_ORIGIN_EVENTS} events in {@value #MIN_ORIGIN_YEARS} years before a later year.
     */
    public static OptionalInt firstOrigin(double[] y, int[] year) {
        TreeMap<Integer, Integer> eventsByYear = new TreeMap<>();
        for (int i = 0; i < year.length; i++) {
            eventsByYear.merge(year[i], y[i] == 1.0 ? 1 : 0, Integer::sum);
        }
        int events = 0;
        int years = 0;
        for (int t : eventsByYear.keySet()) {
            if (events >= MIN_ORIGIN_EVENTS && years >= MIN_ORIGIN_YEARS) {
                return OptionalInt.of(t);
            }
            events += eventsByYear.get(t);
            years++;
        }
        return OptionalInt.empty();
    }

    /**
     * Rolling-origin one-year-ahead scores: for each year t from {@link #firstOrigin} to the last
     * year, every model fitted on the rows of the years before t scores the rows of year t.
     *
     * @throws org.normlab.data.InputException when no year can be scored or a model has year dummies
     */
    public static HeldOutScores rollingOrigin(
            List<String> models,
            List<HazardProblem> problems,
            String[] state,
            int[] year,
            FoldFitter fitter,
            Runnable tick) {
        check(models, problems, state, year);
        for (int m = 0; m < models.size(); m++) {
            List<String> dummies = problems.get(m).names().stream()
                    .filter(n -> n.startsWith(org.normlab.data.VariableNames.YEAR_PREFIX))
                    .toList();
            if (!dummies.isEmpty()) {
                throw new org.normlab.data.InputException("model " + models.get(m) + " has year dummies ("
                        + String.join(", ", dummies.subList(0, Math.min(3, dummies.size())))
                        + (dummies.size() > 3 ? ", ..." : "")
                        + "): a rolling origin cannot extrapolate them to a year outside the training years");
            }
        }
        double[] y = problems.get(0).y();
        OptionalInt first = firstOrigin(y, year);
        if (first.isEmpty()) {
            throw new org.normlab.data.InputException("no rolling origin: the data never hold " + MIN_ORIGIN_EVENTS
                    + " events in " + MIN_ORIGIN_YEARS + " years before a later year");
        }
        int last = java.util.Arrays.stream(year).max().orElseThrow();
        List<Integer> scoredRows = new ArrayList<>();
        for (int i = 0; i < year.length; i++) {
            if (year[i] >= first.getAsInt()) {
                scoredRows.add(i);
            }
        }
        int[] scored = scoredRows.stream().mapToInt(Integer::intValue).toArray();
        String[] scoredState = new String[scored.length];
        for (int i = 0; i < scored.length; i++) {
            scoredState[i] = state[scored[i]];
        }
        List<String> states = new ArrayList<>(new TreeSet<>(List.of(scoredState)));
        int[] stateIndex = indexes(state, states);
        List<Split> splits = new ArrayList<>();
        List<HeldOutScores.SplitRecord> records = new ArrayList<>();
        for (int t = first.getAsInt(); t <= last; t++) {
            Split s = byOrigin(year, t);
            if (s.test().length > 0) {
                splits.add(s);
                records.add(record(0, t, 0L, s, state, year));
            }
        }
        int nm = models.size();
        double[][][] perState = new double[nm][1][states.size()];
        List<List<ForecastScores>> pooled = new ArrayList<>();
        List<List<Double>> lambdas = new ArrayList<>();
        for (int m = 0; m < nm; m++) {
            double[] p = new double[state.length];
            List<Double> lam = new ArrayList<>();
            for (int i = 0; i < splits.size(); i++) {
                predict(problems.get(m), splits.get(i), fitter, records.get(i).fold(), p, lam);
                tick.run();
            }
            double[] ym = problems.get(m).y();
            score(ym, p, scored, stateIndex, perState[m][0]);
            double[] ps = new double[scored.length];
            double[] ys = new double[scored.length];
            for (int i = 0; i < scored.length; i++) {
                ps[i] = p[scored[i]];
                ys[i] = ym[scored[i]];
            }
            pooled.add(List.of(ForecastScores.of(ps, ys)));
            lambdas.add(lam);
        }
        String description = String.format(
                java.util.Locale.ROOT,
                "rolling origin, one year ahead: fitted on the years before t, scored on year t, for t = %d-%d "
                        + "(the first year with %d events in %d years before it)",
                first.getAsInt(),
                last,
                MIN_ORIGIN_EVENTS,
                MIN_ORIGIN_YEARS);
        return new HeldOutScores("rolling", description, models, states, perState, pooled, lambdas, records);
    }

    /** Rows of the years before {@code origin} train; rows of year {@code origin} test. */
    public static Split byOrigin(int[] year, int origin) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < year.length; i++) {
            if (year[i] < origin) {
                train.add(i);
            } else if (year[i] == origin) {
                test.add(i);
            }
        }
        return new Split(
                train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void predict(
            HazardProblem problem, Split s, FoldFitter fitter, long seed, double[] p, List<Double> lambdas) {
        HazardEstimate e = fitter.fit(problem.select(s.train()), seed);
        if (e.ridge() > 0 || fitter instanceof TunedRidge) {
            lambdas.add(e.ridge());
        }
        double[] q = e.probabilities(problem.select(s.test()));
        int[] test = s.test();
        for (int i = 0; i < test.length; i++) {
            p[test[i]] = q[i];
        }
    }

    /** Adds each scored row's log score to its state's total. */
    private static void score(double[] y, double[] p, int[] rows, int[] stateIndex, double[] out) {
        for (int i : rows) {
            out[stateIndex[i]] += y[i] == 1.0 ? Math.log(p[i]) : Math.log1p(-p[i]);
        }
    }

    private static int[] allRows(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Index of each row's state in {@code states}, -1 for a state not listed. */
    private static int[] indexes(String[] state, List<String> states) {
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int s = 0; s < states.size(); s++) {
            at.put(states.get(s), s);
        }
        int[] out = new int[state.length];
        for (int i = 0; i < state.length; i++) {
            out[i] = at.getOrDefault(state[i], -1);
        }
        return out;
    }

    private static HeldOutScores.SplitRecord record(int r, int f, long seed, Split s, String[] state, int[] year) {
        TreeSet<Integer> trainYears = new TreeSet<>();
        for (int i : s.train()) {
            trainYears.add(year[i]);
        }
        TreeSet<Integer> testYears = new TreeSet<>();
        TreeSet<String> testStates = new TreeSet<>();
        for (int i : s.test()) {
            testYears.add(year[i]);
            testStates.add(state[i]);
        }
        return new HeldOutScores.SplitRecord(
                r,
                f,
                seed,
                List.copyOf(trainYears),
                List.copyOf(testYears),
                List.copyOf(testStates),
                s.train().length,
                s.test().length);
    }

    private static void check(List<String> models, List<HazardProblem> problems, String[] state, int[] year) {
        if (models.size() != problems.size() || models.isEmpty()) {
            throw new IllegalArgumentException(models.size() + " model names but " + problems.size() + " problems");
        }
        int n = problems.get(0).n();
        double[] y = problems.get(0).y();
        for (HazardProblem p : problems) {
            if (p.n() != n || !java.util.Arrays.equals(p.y(), y)) {
                throw new IllegalArgumentException("the models must be scored on the same rows");
            }
        }
        if (state.length != n || year.length != n) {
            throw new IllegalArgumentException("one state and one year per row needed");
        }
    }
}
