package org.normlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normlab.server.TestServers.get;
import static org.normlab.server.TestServers.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs route reads the counterfactual fields of a scenario as simulate does, and reports what happened. */
class CounterfactualJobTest {
    @TempDir
    static Path tmp;

    static NormlabServer server;

    @BeforeAll
    static void start() throws Exception {
        server = NormlabServer.start(TestServers.options(TestServers.freshDb(tmp)), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String MODEL = "\"model\": {\"coefficients\": {\"(Intercept)\": -3.0, \"share_global\": 1.0},"
            + " \"frailty_sd\": 0.8, \"frailty\": \"posterior\", \"uncertainty\": \"coefficients\","
            + " \"covariance\": {\"names\": [\"(Intercept)\", \"share_global\"], \"matrix\": [[0.04, 0], [0, 0.09]]}}";

    @Test
    void aJobFromThePresentWithPosteriorFrailtiesAndParameterDraws() throws Exception {
        var a = post(
                server,
                "/api/jobs",
                "{\"scenario\": {\"instrument\": \"mine-ban\", " + MODEL + ", \"start\": \"last\", \"horizon\": 2030,"
                        + " \"incentives\": [{\"name\": \"offer\", \"coefficient\": {\"term\": \"share_global\"},"
                        + " \"states\": [\"RUS\"], \"years\": \"2026-2030\"}]}, \"replicates\": 20, \"seed\": 3}");
        assertThat(a.status()).as(a.json().toString()).isEqualTo(202);
        JsonNode job = TestServers.await(server, a.json().get("id").asText(), 120);
        assertThat(job.get("state").asText()).isEqualTo("done");
        JsonNode r = get(server, "/api/jobs/" + a.json().get("id").asText() + "/result")
                .json();
        JsonNode model = r.get("manifest").get("adoption_model");
        assertThat(model.get("frailty").asText()).isEqualTo("posterior");
        assertThat(model.get("uncertainty").asText()).isEqualTo("coefficients");
        assertThat(model.get("tied_terms").get("offer").asText()).isEqualTo("share_global");
        int last = r.get("manifest").get("start").asInt();
        assertThat(r.get("curve").get(0).get("year").asInt()).isEqualTo(last);
        // A projection: nothing observed in its years.
        assertThat(r.get("curve").get(0).get("observed_parties").isNull()).isTrue();
    }

    @Test
    void aHistoricalJobCarriesTheObservedPartiesAndRefusesWhatItCannotRun() throws Exception {
        var a = post(
                server,
                "/api/jobs",
                "{\"scenario\": {\"instrument\": \"mine-ban\", \"model\": {\"coefficients\": {\"(Intercept)\": -3.0}},"
                        + " \"start\": 2020, \"horizon\": 2022}, \"replicates\": 10, \"seed\": 3}");
        assertThat(a.status()).isEqualTo(202);
        TestServers.await(server, a.json().get("id").asText(), 120);
        JsonNode curve = get(server, "/api/jobs/" + a.json().get("id").asText() + "/result")
                .json()
                .get("curve");
        assertThat(curve.get(0).get("observed_parties").asInt()).isGreaterThan(150);
        var refused = post(
                server,
                "/api/jobs",
                "{\"scenario\": {\"instrument\": \"mine-ban\", \"model\": {\"coefficients\": {\"(Intercept)\": -3.0},"
                        + " \"uncertainty\": \"coefficients\"}, \"start\": 2020, \"horizon\": 2022}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText())
                .contains("model.uncertainty: coefficients given in the file need their covariance");
    }
}
