package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioLimits;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.testing.Fuzz;

/**
 * Random and mutated saved fits: each is read into a hazard whose coefficients are named and in
 * range, or refused with a {@link ScenarioException} that quotes nothing of the file.
 */
class SavedFitReaderFuzzTest {
    private static final List<String> SEEDS =
            List.of(SavedFitReaderTest.FIT, SavedFitReaderTest.FIT.replace("two-level", "\"" + Fuzz.MARKER + "\""));

    @Test
    void mutatedFitsAreReadOrRefusedWithoutEcho() {
        Fuzz.forAll(500, rng -> Fuzz.mutated(rng, SEEDS), SavedFitReaderFuzzTest::check);
    }

    @Test
    void randomBytesAreRefusedWithoutEcho() {
        Fuzz.forAll(
                200,
                rng -> {
                    if (rng.nextBoolean()) {
                        return Fuzz.random(rng, 200);
                    }
                    byte[] b = new byte[rng.nextInt(200)];
                    rng.nextBytes(b);
                    return new String(b, StandardCharsets.ISO_8859_1);
                },
                SavedFitReaderFuzzTest::check);
    }

    private static void check(String text) {
        try {
            LinearIndexHazard h = SavedFitReader.parse(text.getBytes(StandardCharsets.UTF_8), "model.fit (f.json)");
            assertThat(h.coefficients()).isNotEmpty();
            h.coefficients().forEach((k, v) -> {
                assertThat(k).isNotBlank();
                assertThat(ScenarioLimits.isCoefficient(v)).as(k).isTrue();
            });
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).doesNotContain("ZQXJ");
            e.getMessage().lines().forEach(line -> assertThat(line).startsWith("model.fit (f.json)"));
        }
    }
}
