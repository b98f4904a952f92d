package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimWorldTest {

    private static SimWorld.Builder three() {
        return SimWorld.builder()
                .states(new String[] {"AAA", "BBB", "CCC"}, new String[] {"R", "R", "Q"}, new String[] {"X", "Y", "Y"})
                .years(2000, 2004)
                .openingYear(2000);
    }

    @Test
    void covariatesAreCarriedForwardAfterTheLastObservedYear() {
        double[] v = new double[5 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        SimWorld w = three().covariate("x", v, 2002).build();
        assertThat(w.covariate("x", 2002, 1)).isEqualTo(7.0);
        assertThat(w.covariate("x", 2003, 1)).isEqualTo(7.0);
        assertThat(w.covariate("x", 2004, 2)).isEqualTo(8.0);
        assertThat(w.lastObservedYear("x")).isEqualTo(2002);
        assertThat(v[14]).as("the caller's array is not touched").isEqualTo(14.0);
    }

    /** The cache's binary form reads back into a world equal in every accessor. */
    @Test
    void aWorldWrittenInBinaryReadsBackEqual() throws Exception {
        SimWorld w = SimWorld.synthetic(40, 1995, 2030, 3);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        w.writeTo(new java.io.DataOutputStream(bytes));
        SimWorld r =
                SimWorld.readFrom(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.instrument()).isEqualTo(w.instrument());
        assertThat(r.iso3()).isEqualTo(w.iso3());
        assertThat(r.firstYear()).isEqualTo(w.firstYear());
        assertThat(r.lastYear()).isEqualTo(w.lastYear());
        assertThat(r.openingYear()).isEqualTo(w.openingYear());
        assertThat(r.covariateNames()).isEqualTo(w.covariateNames()).isNotEmpty();
        for (int s = 0; s < w.stateCount(); s++) {
            assertThat(r.region(s)).isEqualTo(w.region(s));
            assertThat(r.subregion(s)).isEqualTo(w.subregion(s));
            assertThat(r.subregionId(s)).isEqualTo(w.subregionId(s));
            assertThat(r.neighbours(s)).isEqualTo(w.neighbours(s));
            for (int y = w.firstYear(); y <= w.lastYear(); y++) {
                assertThat(r.inSystem(y, s)).isEqualTo(w.inSystem(y, s));
                assertThat(r.ally(y, s)).isEqualTo(w.ally(y, s));
            }
        }
        for (String c : w.covariateNames()) {
            assertThat(r.covariateValues(c)).isEqualTo(w.covariateValues(c));
            assertThat(r.lastObservedYear(c)).isEqualTo(w.lastObservedYear(c));
        }
        for (int y = w.firstYear(); y <= w.lastYear(); y++) {
            assertThat(r.observedStatus(y).map(java.util.Arrays::toString))
                    .isEqualTo(w.observedStatus(y).map(java.util.Arrays::toString));
        }
        byte[] damaged = bytes.toByteArray();
        damaged[5] ^= 0x55;
        assertThatThrownBy(() -> SimWorld.readFrom(new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(damaged, damaged.length / 2)))))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void subregionsGetIdsInOrderOfAppearance() {
        SimWorld w = three().build();
        assertThat(w.subregionId(0)).isZero();
        assertThat(w.subregionId(2)).isEqualTo(1);
        assertThat(w.subregionCount()).isEqualTo(2);
        assertThat(w.indexOf("CCC")).isEqualTo(2);
        assertThat(w.indexOf("ZZZ")).isEqualTo(-1);
    }

    @Test
    void refusesInconsistentInput() {
        assertThatThrownBy(() -> three().neighbours(new int[][] {{1}, {}, {}}).build())
                .hasMessageContaining("undirected: AAA lists BBB but not the reverse");
        assertThatThrownBy(() -> three().neighbours(new int[][] {{0}, {}, {}}).build())
                .hasMessageContaining("itself");
        assertThatThrownBy(() -> three().covariate("x", new double[4]).build())
                .hasMessageContaining("expected 5 years x 3 states = 15");
        assertThatThrownBy(
                        () -> three().covariate("share_border", new double[15]).build())
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> three().inSystem(new boolean[4][3]).build()).hasMessageContaining("one row per year");
        assertThatThrownBy(
                        () -> three().observedStatus(2001, new byte[] {0, 3, 0}).build())
                .hasMessageContaining("BBB in 2001 is 3");
        assertThatThrownBy(() -> SimWorld.builder()
                        .states(new String[] {"AAA", "AAA"}, new String[] {"R", "R"}, new String[] {"X", "X"})
                        .years(2000, 2001)
                        .openingYear(2000)
                        .build())
                .hasMessageContaining("AAA is used");
    }

    @Test
    void syntheticWorldIsDeterministicAndConsistent() {
        SimWorld a = SimWorld.synthetic(120, 1997, 2030, 42);
        SimWorld b = SimWorld.synthetic(120, 1997, 2030, 42);
        assertThat(a.iso3()).isEqualTo(b.iso3());
        assertThat(a.covariateValues("democracy")).isEqualTo(b.covariateValues("democracy"));
        assertThat(a.covariateNames()).containsExactly("conflict", "democracy", "gdp_log");
        int borders = 0;
        for (int s = 0; s < a.stateCount(); s++) {
            borders += a.neighbours(s).length;
            assertThat(a.neighbours(s)).isEqualTo(b.neighbours(s));
        }
        assertThat(borders).isGreaterThan(120);
        // Carried forward after 2024.
        assertThat(a.covariate("gdp_log", 2030, 7)).isEqualTo(a.covariate("gdp_log", 2024, 7));
    }

    @Test
    void scenarioCopiesLeaveTheBaselineAlone() {
        SimWorld w = three().covariate("x", new double[15]).build();
        double[] changed = new double[15];
        changed[4] = 1;
        SimWorld copy = w.withCovariates(java.util.Map.of("x", changed, "y", new double[15]));
        assertThat(copy.covariate("x", 2001, 1)).isEqualTo(1.0);
        assertThat(w.covariate("x", 2001, 1)).isZero();
        assertThat(w.hasCovariate("y")).isFalse();
        changed[4] = 2;
        assertThat(copy.covariate("x", 2001, 1)).isEqualTo(1.0);
    }
}
