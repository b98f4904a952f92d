package org.normlab.estimate;

import java.util.Arrays;

/**
 * A train/test split of row indices (ascending, disjoint).
 *
 * @param train rows to fit on
 * @param test rows to score
 */
public record Split(int[] train, int[] test) {

    /** Copies the arrays. */
    public Split {
        train = train.clone();
        test = test.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split && Arrays.equals(train, ((Split) o).train) && Arrays.equals(test, ((Split) o).test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + train.length + " rows, test=" + test.length + " rows]";
    }
}
