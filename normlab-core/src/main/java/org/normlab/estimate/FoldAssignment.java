package org.normlab.estimate;

import java.util.Arrays;

/**
 * Assignment of rows to k cross-validation folds.
 *
 * @param fold fold of each row, 0..k&minus;1
 * @param k number of folds, &ge; 2
 */
public record FoldAssignment(int[] fold, int k) {

    /** Validates and copies. */
    public FoldAssignment {
        if (k < 2) {
            throw new EstimationException("cross-validation needs at least 2 folds, got " + k);
        }
        fold = fold.clone();
        for (int f : fold) {
            if (f < 0 || f >= k) {
                throw new EstimationException("fold " + f + " outside 0.." + (k - 1));
            }
        }
    }

    @Override
    public int[] fold() {
        return fold.clone();
    }

    /** Fold of row {@code row}. */
    public int foldOf(int row) {
        return fold[row];
    }

    /** Fold {@code f} as the test set, all other rows as the training set. */
    public Split split(int f) {
        if (f < 0 || f >= k) {
            throw new EstimationException("fold " + f + " outside 0.." + (k - 1));
        }
        int inTest = 0;
        for (int v : fold) {
            inTest += v == f ? 1 : 0;
        }
        int[] test = new int[inTest];
        int[] train = new int[fold.length - inTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < fold.length; i++) {
            if (fold[i] == f) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(train, test);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoldAssignment
                && k == ((FoldAssignment) o).k
                && Arrays.equals(fold, ((FoldAssignment) o).fold);
    }

    @Override
    public int hashCode() {
        return 31 * k + Arrays.hashCode(fold);
    }

    @Override
    public String toString() {
        return "FoldAssignment[k=" + k + ", rows=" + fold.length + "]";
    }
}
