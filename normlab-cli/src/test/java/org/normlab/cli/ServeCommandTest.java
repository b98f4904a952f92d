package org.normlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code normlab serve} refuses unsafe or impossible settings before it listens. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void anAddressOffLoopbackNeedsAToken() {
        Cli c = Cli.run(tmp.resolve("n.duckdb"), "serve", "--host", "0.0.0.0", "--port", "0");
        assertThat(c.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(c.err()).contains("--token is required", "0.0.0.0");
    }

    @Test
    void aPortOutOfRangeIsBadInput() {
        Cli c = Cli.run(tmp.resolve("n.duckdb"), "serve", "--port", "70000");
        assertThat(c.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(c.err()).contains("--port");
    }

    @Test
    void helpNamesTheSafetyRules() {
        Cli c = Cli.run(null, "serve", "--help");
        assertThat(c.code()).isZero();
        assertThat(c.out()).contains("--token", "--cors-origin", "/openapi.json", "read");
    }
}
