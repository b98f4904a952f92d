package org.normlab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example runs on the bundled data: the model converges and the ensemble answers. */
class FitAndSimulateTest {
    @TempDir
    Path dir;

    @Test
    void runs() throws Exception {
        FitAndSimulate.Result r = FitAndSimulate.run(dir.resolve("example.duckdb"), 50);
        assertThat(r.estimate().converged()).isTrue();
        assertThat(FitAndSimulate.terms(r)).contains("conflict_territorial:polyarchy");
        assertThat(r.year()).isEqualTo(2030);
        assertThat(r.scenarioParties()).isGreaterThan(100).isLessThan(200);
        assertThat(r.baselineParties()).isGreaterThan(100).isLessThan(200);
    }
}
