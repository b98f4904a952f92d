package org.normlab.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LifeCycleTest {

    /**
     * A hand-made series of 100 states: slow start, tipping in 2000 (34 parties), fast adoption to
     * 2003, slow from 2004 (1 new party < 2 % of 100), withdrawals outnumbering new parties in 2006
     * and 2007 and again in 2010, which is the last year.
     */
    private static YearlySeries series() {
        int[] in = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
        int[] newParties = {5, 10, 12, 7, 20, 15, 10, 1, 2, 0, 0, 3, 2, 0};
        int[] withdrawals = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 1};
        int[] parties = new int[in.length];
        int p = 0;
        for (int i = 0; i < in.length; i++) {
            p += newParties[i] - withdrawals[i];
            parties[i] = p;
        }
        return YearlySeries.of(1997, in, parties, newParties, withdrawals);
    }

    @Test
    void stagesOfAHandMadeSeries() {
        LifeCycle lc = LifeCycle.of(series());
        // Parties: 5, 15, 27, 34 (2000: 34 % ≥ 1/3), ...
        assertThat(lc.tippingYear()).hasValue(2000);
        assertThat(lc.stages())
                .extracting(Stage::name, Stage::start, Stage::end, Stage::ongoing)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StageName.EMERGENCE, 1997, 1999, false),
                        org.assertj.core.groups.Tuple.tuple(StageName.CASCADE, 2000, 2003, false),
                        org.assertj.core.groups.Tuple.tuple(StageName.INTERNALIZATION, 2004, 2010, true),
                        org.assertj.core.groups.Tuple.tuple(StageName.REGRESSION, 2006, 2007, false),
                        org.assertj.core.groups.Tuple.tuple(StageName.REGRESSION, 2010, 2010, true));
        assertThat(lc.start(StageName.REGRESSION)).hasValue(2006);
        assertThat(lc.all(StageName.REGRESSION)).hasSize(2);
        assertThat(lc.first(StageName.CASCADE).orElseThrow().rule()).contains("2.0 %");
        assertThat(lc.describe())
                .contains("tipping year 2000")
                .contains("internalization 2004-:")
                .contains("cascade 2000-2003:");
    }

    @Test
    void rulesAreConfigurable() {
        LifeCycle lc = LifeCycle.of(series(), LifeCycleRules.of(0.5, 0.10));
        // Parties reach 54 in 2001; new parties fall below 10 in 2004 (1).
        assertThat(lc.tippingYear()).hasValue(2001);
        assertThat(lc.first(StageName.CASCADE).orElseThrow())
                .extracting(Stage::start, Stage::end)
                .containsExactly(2001, 2003);
        assertThat(lc.first(StageName.EMERGENCE).orElseThrow().rule()).contains("50.0 %");
    }

    @Test
    void aSeriesThatNeverTipsStaysInEmergence() {
        YearlySeries s = YearlySeries.of(
                2000, new int[] {50, 50, 60}, new int[] {1, 2, 3}, new int[] {1, 1, 1}, new int[] {0, 0, 0});
        LifeCycle lc = LifeCycle.of(s);
        assertThat(lc.tippingYear()).isEmpty();
        assertThat(lc.stages()).singleElement().satisfies(st -> {
            assertThat(st.name()).isEqualTo(StageName.EMERGENCE);
            assertThat(st.ongoing()).isTrue();
            assertThat(st.end()).isEqualTo(2002);
        });
    }

    @Test
    void aSeriesStartingTippedHasNoEmergenceAndAnOngoingCascade() {
        YearlySeries s =
                YearlySeries.of(2020, new int[] {10, 10}, new int[] {5, 8}, new int[] {1, 3}, new int[] {0, 0});
        LifeCycle lc = LifeCycle.of(s);
        assertThat(lc.stages()).extracting(Stage::name).containsExactly(StageName.CASCADE);
        assertThat(lc.stages().get(0).ongoing()).isTrue();
    }

    /** Mine Ban Convention-like numbers: 1997 opening, 55 ratifications in 1998, a system of ~190. */
    @Test
    void mineBanLikeSeries() {
        int[] newParties = {3, 55, 30, 20, 12, 8, 11, 3, 3, 4, 3, 2, 1};
        int[] in = new int[newParties.length];
        java.util.Arrays.fill(in, 190);
        int[] parties = new int[in.length];
        int p = 0;
        for (int i = 0; i < in.length; i++) {
            p += newParties[i];
            parties[i] = p;
        }
        LifeCycle lc = LifeCycle.of(YearlySeries.of(1997, in, parties, newParties, new int[in.length]));
        // 88 parties at the end of 1999 ≥ 190/3 = 63.3; 2004: 3 new < 3.8 = 2 % of 190.
        assertThat(lc.tippingYear()).hasValue(1999);
        assertThat(lc.start(StageName.INTERNALIZATION)).hasValue(2004);
    }

    @Test
    void invalidInputIsRefused() {
        assertThatThrownBy(() ->
                        YearlySeries.of(List.of(new YearCounts(2000, 5, 1, 1, 0), new YearCounts(2002, 5, 1, 0, 0))))
                .hasMessageContaining("consecutive");
        assertThatThrownBy(() -> new YearCounts(2000, 5, 6, 0, 0)).hasMessageContaining("exceed");
        assertThatThrownBy(() -> YearlySeries.of(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> LifeCycleRules.of(0, 0.02)).hasMessageContaining("tipping share");
        assertThatThrownBy(() -> LifeCycleRules.of(0.3, 1.0)).hasMessageContaining("cascade rate");
    }
}
