package org.normlab.sim;

import java.util.Arrays;

/** Small worlds for tests. */
final class Worlds {

    private Worlds() {}

    /** Distinct three-letter codes AAA, AAB, … for n ≤ 17,576 states. */
    static String[] codes(int n) {
        String[] c = new String[n];
        for (int s = 0; s < n; s++) {
            c[s] = "" + (char) ('A' + s / 676) + (char) ('A' + s / 26 % 26) + (char) ('A' + s % 26);
        }
        return c;
    }

    /** n states in one region and subregion, no borders, all in the system, years first..last, opening first. */
    static SimWorld flat(int n, int first, int last) {
        String[] one = new String[n];
        Arrays.fill(one, "World");
        return SimWorld.builder()
                .states(codes(n), one, one)
                .years(first, last)
                .openingYear(first)
                .build();
    }
}
