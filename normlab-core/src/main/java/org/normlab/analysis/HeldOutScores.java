package org.normlab.analysis;

import java.util.List;
import org.normlab.estimate.ForecastScores;

/**
 * Held-out scores of several models under one scheme, repeated: for each model, repeat and state
 * the log score of the state's held-out state-years (the sum of log p over its event years and of
 * log(1 &minus; p) over the others), and for each model and repeat the scores of all held-out rows
 * pooled. All models are scored on the same rows with the same splits, so differences between
 * them are paired. Immutable (the arrays are copied on the way in and out).
 *
 * @param scheme      {@code states} (repeated leave-states-out) or {@code rolling} (rolling
 *                    origin, one year ahead; one repeat)
 * @param description the scheme in words, with its settings
 * @param models      model names
 * @param states      the states scored (ISO3), in the order of the per-state arrays
 * @param perState    log score per model, repeat and state: {@code perState[m][r][s]}
 * @param pooled      pooled held-out scores per model and repeat
 * @param lambdas     the ridge penalty of every fold fit per model (empty without a tuned penalty)
 * @param splits      every split made, with the years it trained and tested on
 */
public record HeldOutScores(
        String scheme,
        String description,
        List<String> models,
        List<String> states,
        double[][][] perState,
        List<List<ForecastScores>> pooled,
        List<List<Double>> lambdas,
        List<SplitRecord> splits) {

    /**
     * One split of one repeat.
     *
     * @param repeat            repeat, from 0
     * @param fold              fold (the origin year for the rolling scheme)
     * @param seed              seed of the repeat's fold assignment (0 for the rolling scheme)
     * @param trainingYears     distinct years of the training rows, ascending
     * @param testYears         distinct years of the held-out rows, ascending
     * @param testStates        held-out states (ISO3), sorted
     * @param trainingRows      number of training rows
     * @param testRows          number of held-out rows
     */
    public record SplitRecord(
            int repeat,
            int fold,
            long seed,
            List<Integer> trainingYears,
            List<Integer> testYears,
            List<String> testStates,
            int trainingRows,
            int testRows) {
        /** Copies. */
        public SplitRecord {
            trainingYears = List.copyOf(trainingYears);
            testYears = List.copyOf(testYears);
            testStates = List.copyOf(testStates);
        }
    }

    /** Copies. */
    public HeldOutScores {
        models = List.copyOf(models);
        states = List.copyOf(states);
        perState = copy(perState);
        pooled = pooled.stream().map(List::copyOf).toList();
        lambdas = lambdas.stream().map(List::copyOf).toList();
        splits = List.copyOf(splits);
    }

    @Override
    public double[][][] perState() {
        return copy(perState);
    }

    /** Log score of model {@code m}, repeat {@code r}, state {@code s}. */
    public double score(int m, int r, int s) {
        return perState[m][r][s];
    }

    /** Number of repeats. */
    public int repeats() {
        return perState.length == 0 ? 0 : perState[0].length;
    }

    /**
     * The scores of the first {@code count} models only, with the same states and splits: the
     * models' own view of a scheme that scored further models beside them.
     */
    public HeldOutScores firstModels(int count) {
        if (count < 1 || count > models.size()) {
            throw new IllegalArgumentException("count must be between 1 and " + models.size() + ", got " + count);
        }
        return new HeldOutScores(
                scheme,
                description,
                models.subList(0, count),
                states,
                java.util.Arrays.copyOf(perState, count),
                pooled.subList(0, count),
                lambdas.subList(0, count),
                splits);
    }

    /** Index of a model by name, or -1. */
    public int indexOf(String model) {
        return models.indexOf(model);
    }

    private static double[][][] copy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int m = 0; m < a.length; m++) {
            out[m] = new double[a[m].length][];
            for (int r = 0; r < a[m].length; r++) {
                out[m][r] = a[m][r].clone();
            }
        }
        return out;
    }
}
