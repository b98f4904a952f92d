package org.normlab.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ensemble's dating on primitive arrays agrees with {@link LifeCycle#of} on every series. */
class LifeCycleDaterTest {

    @Test
    void agreesWithTheLifeCycleOnRandomSeries() {
        SplittableRandom random = new SplittableRandom(2026);
        LifeCycleRules[] rules = {LifeCycleRules.defaults(), LifeCycleRules.of(0.5, 0.05), LifeCycleRules.of(0.1, 0.0)};
        int[] out = new int[LifeCycleDater.SIZE + 3];
        int checked = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(40);
            int[] in = new int[n];
            int[] parties = new int[n];
            int[] newParties = new int[n];
            int[] withdrawals = new int[n];
            int p = 0;
            for (int i = 0; i < n; i++) {
                // Empty systems, bursts, lulls and withdrawals all occur.
                in[i] = random.nextInt(10) == 0 ? 0 : 20 + random.nextInt(5);
                newParties[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(6);
                withdrawals[i] = random.nextInt(4) == 0 ? random.nextInt(4) : 0;
                p = Math.max(0, Math.min(in[i], p + newParties[i] - withdrawals[i]));
                parties[i] = p;
            }
            int first = 1990 + random.nextInt(20);
            LifeCycleRules r = rules[trial % rules.length];
            LifeCycle lc = LifeCycle.of(YearlySeries.of(first, in, parties, newParties, withdrawals), r);
            LifeCycleDater.date(first, in, parties, newParties, withdrawals, n, r, out);
            assertThat(out[LifeCycleDater.TIPPING])
                    .as("tipping, trial %d", trial)
                    .isEqualTo(lc.tippingYear().orElse(0));
            int atLast = 0;
            for (StageName s : StageName.values()) {
                assertThat(out[1 + s.ordinal()])
                        .as("%s, trial %d", s, trial)
                        .isEqualTo(lc.start(s).orElse(0));
            }
            for (Stage s : lc.stages()) {
                if (s.end() == first + n - 1) {
                    atLast |= 1 << s.name().ordinal();
                }
            }
            assertThat(out[LifeCycleDater.AT_LAST_YEAR])
                    .as("stages in the last year, trial %d", trial)
                    .isEqualTo(atLast);
            checked += lc.tippingYear().isPresent()
                            && lc.start(StageName.INTERNALIZATION).isPresent()
                    ? 1
                    : 0;
        }
        assertThat(checked).as("series that reach internalization").isGreaterThan(100);
    }
}
