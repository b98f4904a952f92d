package org.normlab.estimate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Cross-validation splits for panels: k folds of whole clusters (states), and a split of the
 * rows before and after a cutoff year. Stateless and thread-safe.
 */
public final class Folds {

    /** The random generator algorithm used for fold assignment. */
    public static final String ALGORITHM = "L64X128MixRandom";

    private Folds() {}

    /**
     * Assigns whole clusters to k folds at random: every row of a cluster lands in the same fold,
     * and fold sizes in clusters differ by at most one.
     *
     * <p>The distinct cluster ids are sorted, shuffled by a {@value #ALGORITHM} generator seeded
     * with {@code seed} and dealt to folds in turn, so the assignment depends only on the set of
     * ids and the seed, not on the row order or the JVM.
     *
     * @param cluster cluster id of each row (e.g. state code)
     * @param k number of folds, 2 &le; k &le; number of clusters
     * @param seed random seed
     */
    public static FoldAssignment byCluster(int[] cluster, int k, long seed) {
        Objects.requireNonNull(cluster, "cluster");
        int[] ids = Arrays.stream(cluster).distinct().sorted().toArray();
        if (k < 2 || k > ids.length) {
            throw new EstimationException("cannot make " + k + " folds from " + ids.length
                    + " clusters: use 2 <= k <= the number of clusters");
        }
        RandomGenerator rng = RandomGeneratorFactory.of(ALGORITHM).create(seed);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        Map<Integer, Integer> foldOfCluster = new HashMap<>();
        for (int p = 0; p < ids.length; p++) {
            foldOfCluster.put(ids[p], p % k);
        }
        int[] fold = new int[cluster.length];
        for (int i = 0; i < cluster.length; i++) {
            fold[i] = foldOfCluster.get(cluster[i]);
        }
        return new FoldAssignment(fold, k);
    }

    /**
     * Splits rows by time: rows with {@code year <= lastTrainingYear} train, later rows test, as in
     * forecasting adoptions after the estimation period.
     *
     * @param year calendar year of each row
     * @param lastTrainingYear last year in the training set
     * @throws EstimationException if either side would be empty
     */
    public static Split byYear(int[] year, int lastTrainingYear) {
        Objects.requireNonNull(year, "year");
        int train = 0;
        for (int y : year) {
            train += y <= lastTrainingYear ? 1 : 0;
        }
        if (train == 0 || train == year.length) {
            throw new EstimationException("cutoff year " + lastTrainingYear + " leaves "
                    + (train == 0 ? "no training rows" : "no test rows") + "; the data span "
                    + Arrays.stream(year).min().orElse(0) + "-"
                    + Arrays.stream(year).max().orElse(0));
        }
        int[] tr = new int[train];
        int[] te = new int[year.length - train];
        int a = 0;
        int b = 0;
        for (int i = 0; i < year.length; i++) {
            if (year[i] <= lastTrainingYear) {
                tr[a++] = i;
            } else {
                te[b++] = i;
            }
        }
        return new Split(tr, te);
    }
}
