package org.normlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.normlab.sim.Ensemble;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.testing.Fuzz;

/**
 * Random and mutated scenarios thrown at the reader and, when they are read, at the world: each is
 * either read, validated, applied and simulated, or refused with a {@link ScenarioException}; no
 * other exception escapes, and no message repeats a long token of the file.
 */
class ScenarioReaderFuzzTest {
    private static final SimWorld WORLD = SimWorld.synthetic(12, 1997, 2040, 3);
    private static final Ensemble ENSEMBLE =
            Ensemble.builder().replicates(2).seed(5).threads(1).build();
    private static final List<String> SEEDS = List.of(
            resource("incentive.yaml"),
            resource("incentive.json"),
            resource("frailty.yaml"),
            resource("frailty.json"),
            resource("threshold.yaml"));

    @Test
    void mutatedScenariosAreReadOrRefused() {
        ScenarioReader.Format[] formats = ScenarioReader.Format.values();
        Fuzz.forAll(300, rng -> Fuzz.mutated(rng, SEEDS), text -> {
            for (ScenarioReader.Format format : formats) {
                check(text, format);
            }
        });
    }

    @Test
    void randomTextIsRefusedCleanly() {
        Fuzz.forAll(200, rng -> rng.nextInt(10) == 0 ? Fuzz.MARKER + ": 1" : Fuzz.random(rng, 300), text -> {
            check(text, ScenarioReader.Format.YAML);
            check(text, ScenarioReader.Format.JSON);
        });
    }

    private static void check(String text, ScenarioReader.Format format) {
        try {
            Scenario s = ScenarioReader.parse(text, format, "fuzz", Path.of("/scenarios"));
            Simulation run = s.simulation(WORLD, ModelResolver.coefficientsOnly());
            Simulation base = s.baseline().simulation(WORLD, ModelResolver.coefficientsOnly());
            assertThat(ENSEMBLE.compare(run, base).scenario().yearCount()).isEqualTo(s.horizon() - s.start() + 1);
        } catch (ScenarioException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.getMessage()).doesNotContain(Fuzz.MARKER);
            e.getMessage().lines().forEach(line -> assertThat(line).startsWith("fuzz: "));
        }
    }

    static String resource(String name) {
        try (InputStream in = Optional.ofNullable(ScenarioReaderFuzzTest.class.getResourceAsStream(name))
                .orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
