package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Bass fits against R's nls (normlab-core/src/test/R/fit_fixtures.R) and published figures. */
class BassFitTest {

    private static final double[] SALES = {840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890};

    private final Fixtures.Expected expected = Fixtures.expected("bass_expected.csv");

    @Test
    void periodFormMatchesNls() {
        BassEstimate e = BassFit.of().fit(SALES);
        assertMatchesR(e, "period");
        // Published figures to their printed digits.
        assertThat(Math.round(e.m())).isEqualTo(67_660L);
        assertThat(e.p()).isCloseTo(0.008789, within(5e-7));
        assertThat(e.q()).isCloseTo(0.6422, within(5e-5));
    }

    @Test
    void densityFormMatchesNls() {
        BassEstimate e = BassFit.of().withForm(BassForm.DENSITY).fit(SALES);
        assertMatchesR(e, "density");
        assertThat(Math.round(e.m())).isEqualTo(67_981L);
        assertThat(e.p()).isCloseTo(0.006594, within(5e-7));
        assertThat(e.q()).isCloseTo(0.6381, within(5e-5));
    }

    @Test
    void cumulativeSeriesGivesTheSameFit() {
        double[] cum = new double[SALES.length];
        double c = 0;
        for (int i = 0; i < SALES.length; i++) {
            c += SALES[i];
            cum[i] = c;
        }
        BassEstimate a = BassFit.of().fit(SALES);
        BassEstimate b = BassFit.of().fitCumulative(cum);
        assertThat(b.m()).isEqualTo(a.m());
        assertThat(b.q()).isEqualTo(a.q());
        assertThat(b.cumulative(10)).isCloseTo(a.m() * a.cumulativeShare(10), within(1e-9));
        assertThat(a.fitted()[5]).isCloseTo(a.adoptions(6), within(1e-9));
        assertThat(a.peakTime()).isCloseTo(Math.log(a.q() / a.p()) / (a.p() + a.q()), within(1e-12));
    }

    @Test
    void classicOlsStartIsAdmissibleForTheExample() {
        double[] start = BassFit.olsStart(SALES);
        assertThat(start).isNotNull();
        assertThat(start[0]).isBetween(40_000.0, 100_000.0);
        assertThat(start[1]).isBetween(0.0, 0.1);
        assertThat(start[2]).isBetween(0.2, 1.5);
    }

    @Test
    void recoversParametersOfANoiselessSeriesFromAutomaticStart() {
        double m = 190;
        double p = 0.02;
        double q = 0.35;
        double[] s = new double[25];
        for (int t = 1; t <= s.length; t++) {
            s[t - 1] = m * (BassFit.share(t, p, q) - BassFit.share(t - 1, p, q));
        }
        BassEstimate e = BassFit.of().fit(s);
        assertThat(e.m()).isCloseTo(m, within(1e-6 * m));
        assertThat(e.p()).isCloseTo(p, within(1e-8));
        assertThat(e.q()).isCloseTo(q, within(1e-8));
        assertThat(e.diagnostics()).isEmpty();
    }

    @Test
    void earlySeriesWarnsThatMarketPotentialIsWeaklyIdentified() {
        BassEstimate e = BassFit.of().fit(new double[] {840, 1470, 2110, 4000, 7590, 10950});
        assertThat(e.diagnostics()).anyMatch(d -> d.contains("not peaked"));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BassFit.of().fit(new double[] {1, 2, 3}))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("at least 4 periods");
        assertThatThrownBy(() -> BassFit.of().fitCumulative(new double[] {1, 5, 4, 9, 12}))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("decreases at period 3");
        assertThatThrownBy(() -> BassFit.of().fit(new double[] {1, -2, 3, 4}))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("non-negative");
    }

    private void assertMatchesR(BassEstimate e, String form) {
        double rel = 1e-4;
        assertRel(e.m(), expected.value(form, "estimate", "m"), rel);
        assertRel(e.p(), expected.value(form, "estimate", "p"), rel);
        assertRel(e.q(), expected.value(form, "estimate", "q"), rel);
        assertRel(e.seM(), expected.value(form, "se", "m"), rel);
        assertRel(e.seP(), expected.value(form, "se", "p"), rel);
        assertRel(e.seQ(), expected.value(form, "se", "q"), rel);
        assertRel(e.rss(), expected.scalar(form, "rss"), rel);
        assertRel(e.sigma(), expected.scalar(form, "sigma"), rel);
        // nls stops at tol 1e-8; the optimum itself agrees far more closely.
        assertRel(e.m(), expected.value(form, "estimate", "m"), 1e-7);
        assertRel(e.q(), expected.value(form, "estimate", "q"), 1e-7);
    }

    private static void assertRel(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.abs(expected)));
    }
}
