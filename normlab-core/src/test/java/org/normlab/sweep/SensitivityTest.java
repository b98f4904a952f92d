package org.normlab.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitivityTest {
    private static final double A = 7;
    private static final double B = 0.1;

    /** Ishigami and Homma's test function on [−π, π]^3. */
    private static double ishigami(double[] x) {
        return Math.sin(x[0]) + A * Math.pow(Math.sin(x[1]), 2) + B * Math.pow(x[2], 4) * Math.sin(x[0]);
    }

    /**
     * The analytic Sobol indices of the Ishigami function (Ishigami and Homma 1990; the variance
     * decomposition as in Sobol' and Levitan 1999 and Saltelli et al. 2008, "Global Sensitivity
     * Analysis: The Primer", section 4.8): V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2,
     * V2 = a²/8, V3 = 0, V13 = 8b²π⁸/225. Returns S1, S2, S3, ST1, ST2, ST3.
     */
    private static double[] analytic() {
        double pi4 = Math.pow(Math.PI, 4);
        double pi8 = Math.pow(Math.PI, 8);
        double v = A * A / 8 + B * pi4 / 5 + B * B * pi8 / 18 + 0.5;
        double v1 = 0.5 * Math.pow(1 + B * pi4 / 5, 2);
        double v2 = A * A / 8;
        double v13 = 8 * B * B * pi8 / 225;
        return new double[] {v1 / v, v2 / v, 0, (v1 + v13) / v, v2 / v, v13 / v};
    }

    @Test
    void analyticIndicesAreThePublishedOnes() {
        double[] s = analytic();
        assertThat(s[0]).isCloseTo(0.3139, within(1e-4));
        assertThat(s[1]).isCloseTo(0.4424, within(1e-4));
        assertThat(s[3]).isCloseTo(0.5576, within(1e-4));
        assertThat(s[5]).isCloseTo(0.2437, within(1e-4));
    }

    @Test
    void saltelliDesignReproducesTheIshigamiIndices() {
        int base = 4096;
        double[][] u = DesignPoints.saltelliUnit(base, 3);
        assertThat(u).hasNumberOfRows(base * 5);
        double[] y = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            double[] x = new double[3];
            for (int j = 0; j < 3; j++) {
                x[j] = -Math.PI + 2 * Math.PI * u[i][j];
            }
            y[i] = ishigami(x);
        }
        Sensitivity.Sobol s = Sensitivity.sobol(y, List.of("x1", "x2", "x3"), 200, 7);
        double[] expected = analytic();
        for (int i = 0; i < 3; i++) {
            Sensitivity.Index first = s.firstOrder().get(i);
            Sensitivity.Index total = s.total().get(i);
            assertThat(first.estimate()).as("S%d", i + 1).isCloseTo(expected[i], within(0.02));
            assertThat(total.estimate()).as("ST%d", i + 1).isCloseTo(expected[3 + i], within(0.02));
            assertThat(expected[i]).as("S%d in its interval", i + 1).isBetween(first.lower(), first.upper());
            assertThat(expected[3 + i]).as("ST%d in its interval", i + 1).isBetween(total.lower(), total.upper());
        }
        assertThat(s.dropped()).isZero();
        assertThat(s.base()).isEqualTo(base);
    }

    @Test
    void missingResponsesDropTheirBaseRowAndAreCounted() {
        double[][] u = DesignPoints.saltelliUnit(1024, 2);
        double[] y = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            y[i] = u[i][0] + 2 * u[i][1];
        }
        y[5] = Double.NaN;
        Sensitivity.Sobol s = Sensitivity.sobol(y, List.of("a", "b"), 0, 1);
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(s.base()).isEqualTo(1023);
        // Additive: first-order and total agree, and Var = 1/12 + 4/12 splits 1:4.
        assertThat(s.firstOrder().get(0).estimate()).isCloseTo(0.2, within(0.05));
        assertThat(s.total().get(1).estimate()).isCloseTo(0.8, within(0.05));
    }

    @Test
    void standardizedRegressionCoefficientsOfALinearModel() {
        // y = 3 x1 + x2 with x uniform and independent: SRC_j = β_j sd(x_j) / sd(y) = 3/√10 and 1/√10.
        int n = 400;
        double[][] x = new double[n][3];
        double[] y = new double[n];
        java.util.random.RandomGenerator g =
                java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(3);
        for (int i = 0; i < n; i++) {
            x[i][0] = g.nextDouble();
            x[i][1] = g.nextDouble();
            x[i][2] = 5; // held: left out
            y[i] = 3 * x[i][0] + x[i][1];
        }
        Sensitivity.Src s = Sensitivity.src(x, y, List.of("x1", "x2", "held"), 100, 9);
        assertThat(s.coefficients()).extracting(Sensitivity.Index::parameter).containsExactly("x1", "x2");
        assertThat(s.r2()).isCloseTo(1.0, within(1e-12));
        // Sample correlation between x1 and x2 makes the sample SRC differ slightly from the population's.
        assertThat(s.coefficients().get(0).estimate()).isCloseTo(3 / Math.sqrt(10), within(0.03));
        assertThat(s.coefficients().get(1).estimate()).isCloseTo(1 / Math.sqrt(10), within(0.03));
        assertThat(s.coefficients().get(0).lower())
                .isLessThanOrEqualTo(s.coefficients().get(0).estimate());
    }
}
