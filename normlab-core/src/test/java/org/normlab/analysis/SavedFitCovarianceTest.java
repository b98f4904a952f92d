package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;

/** A saved fit's covariance and frailty sd, read for scenarios that draw parameters or frailties. */
class SavedFitCovarianceTest {

    private static final String FIT = """
            {"link": "logit",
             "coefficients": [{"name": "(Intercept)", "estimate": -3.0}, {"name": "x", "estimate": 0.5},
                              {"name": "z", "estimate": null}],
             "frailty_sd": 0.9,
             "covariance": {"names": ["(Intercept)", "x", "log(frailty_sd)"],
                            "matrix": [[0.04, 0.01, 0], [0.01, 0.09, 0], [0, 0, 0.02]]}}
            """;

    private static LinearIndexHazard read(Path dir, String text, boolean frailty)
            throws IOException, ScenarioException {
        Files.writeString(dir.resolve("fit.json"), text, StandardCharsets.UTF_8);
        return SavedFitReader.read(new ModelSource.Fit(dir, Path.of("fit.json"), frailty), "model");
    }

    @Test
    void readsTheCovarianceAndTheFrailtyOnlyWhenAsked(@TempDir Path dir) throws Exception {
        LinearIndexHazard plain = read(dir, FIT, false);
        assertThat(plain.frailtySd()).isZero();
        assertThat(plain.covariance().orElseThrow().names())
                .containsExactly("(Intercept)", "x", ParameterCovariance.LOG_FRAILTY_SD);
        assertThat(plain.covariance().orElseThrow().matrix()[1][1]).isEqualTo(0.09);
        assertThat(read(dir, FIT, true).frailtySd()).isEqualTo(0.9);
    }

    @Test
    void aFitWithoutFrailtyOrWithASingularCovariance(@TempDir Path dir) throws Exception {
        String none = FIT.replace("\"frailty_sd\": 0.9,", "");
        assertThatThrownBy(() -> read(dir, none, true))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("model.fit (fit.json).frailty_sd: the fit holds no frailty sd");
        String singular = FIT.replace("[[0.04, 0.01, 0], [0.01, 0.09, 0]", "[[1, 1, 0], [1, 1, 0]");
        assertThat(read(dir, singular, false).covariance()).isEmpty();
        String broken = FIT.replace("\"matrix\": [[0.04, 0.01, 0], ", "\"matrix\": [");
        assertThatThrownBy(() -> read(dir, broken, false))
                .hasMessageContaining("model.fit (fit.json).covariance: expected an object with names");
    }

    @Test
    void theTermsASeparatedFitMarksAsDivergedAreCarried(@TempDir Path dir) throws Exception {
        String separated = FIT.replace(
                "\"frailty_sd\": 0.9,",
                "\"frailty_sd\": 0.9, \"separation\": {\"detected\": true, \"kind\": \"quasi-complete\", "
                        + "\"terms\": [{\"name\": \"x\", \"direction\": 1, \"diverged\": true}]},");
        assertThat(read(dir, separated, false).covariance().orElseThrow().diverged())
                .containsExactly("x");
        assertThat(read(dir, FIT, false).covariance().orElseThrow().diverged()).isEmpty();
    }
}
