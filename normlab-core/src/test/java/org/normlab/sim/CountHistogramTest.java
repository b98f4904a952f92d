package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A histogram's mean and quantiles are exactly those of the sorted values it counts. */
class CountHistogramTest {

    @Test
    void quantilesEqualThoseOfTheSortedValues() {
        SplittableRandom random = new SplittableRandom(7);
        double[] levels = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 1, 0.333, 0.999};
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(trial < 50 ? 5 : 300);
            int lo = random.nextInt(-200, 50);
            int spread = 1 + random.nextInt(60);
            int[] v = new int[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                v[i] = lo + random.nextInt(spread);
                sum += v[i];
            }
            CountHistogram h = CountHistogram.of(v);
            Arrays.sort(v);
            assertThat(h.count()).isEqualTo(n);
            assertThat(h.sum()).isEqualTo(sum);
            assertThat(h.mean()).isEqualTo((double) sum / n);
            for (int i = 0; i < n; i++) {
                assertThat(h.orderStatistic(i)).isEqualTo(v[i]);
            }
            for (double p : levels) {
                assertThat(h.interpolated(p)).as("type 7 at %s", p).isEqualTo(Quantiles.interpolated(v, p));
                assertThat(h.observed(p)).as("type 1 at %s", p).isEqualTo(Quantiles.observed(v, p));
            }
        }
    }

    @Test
    void quantilesOfAKnownSample() {
        // R: quantile(c(2, 2, 3, 7), c(0.05, 0.5, 0.95), type = 7) gives 2.00 2.50 6.40; type = 1 gives 2 2 7.
        CountHistogram h = CountHistogram.of(7, 2, 3, 2);
        assertThat(h.interpolated(0.05)).isEqualTo(2.0);
        assertThat(h.interpolated(0.5)).isEqualTo(2.5);
        assertThat(h.interpolated(0.95)).isCloseTo(6.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(h.observed(0.5)).isEqualTo(2);
        assertThat(h.observed(0.95)).isEqualTo(7);
        assertThat(h.frequency(2)).isEqualTo(2);
        assertThat(h.frequency(5)).isZero();
        assertThatThrownBy(() -> h.orderStatistic(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> CountHistogram.of().interpolated(0.5)).isInstanceOf(IllegalStateException.class);
    }
}
