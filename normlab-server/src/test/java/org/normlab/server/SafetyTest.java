package org.normlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normlab.server.TestServers.get;
import static org.normlab.server.TestServers.post;
import static org.normlab.server.TestServers.send;
import static org.normlab.server.TestServers.uri;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token, CORS, the job queue's bound, cancellation and restarts, each on a server of its own. */
class SafetyTest {
    @TempDir
    Path tmp;

    @Test
    void mutatingRequestsNeedTheTokenOnAnyAddress() throws Exception {
        Path db = TestServers.freshDb(tmp);
        // 0.0.0.0 is not loopback, so the token is required; the test reaches it through loopback.
        try (NormlabServer s = NormlabServer.start(TestServers.options(db).withHost("0.0.0.0", "s3cret"), "test")) {
            String body = "{\"vars\": [\"share_global\"]}";
            var none = post(s, "/api/fits", body);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            var wrong = send(HttpRequest.newBuilder(uri(s, "/api/fits"))
                    .header("Authorization", "Bearer guess")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            assertThat(wrong.status()).isEqualTo(401);
            var del =
                    send(HttpRequest.newBuilder(uri(s, "/api/jobs/x")).DELETE().build());
            assertThat(del.status()).isEqualTo(401);
            var right = send(HttpRequest.newBuilder(uri(s, "/api/fits"))
                    .header("Authorization", "Bearer s3cret")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
            assertThat(right.status()).isEqualTo(200);
            assertThat(get(s, "/api/instruments").status())
                    .as("reading needs no token")
                    .isEqualTo(200);
        }
    }

    @Test
    void corsOnlyForTheConfiguredOrigin() throws Exception {
        Path db = TestServers.freshDb(tmp);
        try (NormlabServer s =
                NormlabServer.start(TestServers.options(db).withCorsOrigin("https://campaign.example"), "test")) {
            var ok = send(HttpRequest.newBuilder(uri(s, "/api/instruments"))
                    .header("Origin", "https://campaign.example")
                    .GET()
                    .build());
            assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://campaign.example");
            var other = send(HttpRequest.newBuilder(uri(s, "/api/instruments"))
                    .header("Origin", "https://evil.example")
                    .GET()
                    .build());
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void theQueueIsBoundedAndJobsCanBeCancelled() throws Exception {
        Path db = TestServers.freshDb(tmp);
        // One job runs, one waits; the third is refused.
        ServerOptions o = TestServers.options(db);
        // Jobs large enough (a million replicates over 75 years) that the first cannot finish before the
        // third arrives: the test stops them by cancelling.
        ServerOptions options = new ServerOptions(
                o.host(),
                o.port(),
                o.token(),
                o.db(),
                o.corsOrigin(),
                64 * 1024,
                Long.MAX_VALUE,
                1_000_000,
                o.maxFolds(),
                1,
                1,
                1);
        try (NormlabServer s = NormlabServer.start(options, "test")) {
            List<String> ids = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 3; i++) {
                var a = post(s, "/api/jobs", TestServers.smallJob(1_000_000, 2100));
                if (a.status() == 202) {
                    ids.add(a.json().get("id").asText());
                } else {
                    assertThat(a.status()).isEqualTo(429);
                    assertThat(a.json().get("error").asText()).isEqualTo("queue_full");
                    refused++;
                }
            }
            assertThat(ids).hasSize(2);
            assertThat(refused).isEqualTo(1);
            assertThat(get(s, "/api/jobs/" + ids.get(1)).json().get("state").asText())
                    .isEqualTo("queued");
            assertThat(get(s, "/api/jobs/" + ids.get(0) + "/result").status()).isEqualTo(409);
            for (String id : ids) {
                var c = TestServers.delete(s, "/api/jobs/" + id);
                assertThat(c.status()).isEqualTo(200);
            }
            for (String id : ids) {
                assertThat(TestServers.await(s, id, 60).get("state").asText()).isEqualTo("cancelled");
            }
            // The slots are free again once the cancelled job's thread has stopped.
            var again = post(s, "/api/jobs", TestServers.smallJob(10, 2027));
            for (int i = 0; i < 100 && again.status() == 429; i++) {
                Thread.sleep(100);
                again = post(s, "/api/jobs", TestServers.smallJob(10, 2027));
            }
            assertThat(again.status()).isEqualTo(202);
            assertThat(TestServers.await(s, again.json().get("id").asText(), 120)
                            .get("state")
                            .asText())
                    .isEqualTo("done");
        }
    }

    @Test
    void aRestartKeepsResultsAndMarksCutOffJobsFailed() throws Exception {
        Path db = TestServers.freshDb(tmp);
        String done;
        String cutOff;
        try (NormlabServer s = NormlabServer.start(TestServers.options(db).withLimits(64 * 1024, 50_000_000), "test")) {
            done = post(s, "/api/jobs", TestServers.smallJob(10, 2027))
                    .json()
                    .get("id")
                    .asText();
            assertThat(TestServers.await(s, done, 120).get("state").asText()).isEqualTo("done");
            cutOff = post(s, "/api/jobs", TestServers.smallJob(9_000, 2040).replace("9000", "3000"))
                    .json()
                    .get("id")
                    .asText();
        }
        // A crash leaves a job as running: write such a row as a killed server would have left it.
        try (Connection c = DriverManager.getConnection(
                        "jdbc:duckdb:" + db.getParent().resolve(JobStore.FILE));
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO job VALUES ('crashed', 99, 'running', '{}', 5, 10, '', NULL)");
        }
        try (NormlabServer s = NormlabServer.start(TestServers.options(db), "test")) {
            JsonNode kept = get(s, "/api/jobs/" + done + "/result").json();
            assertThat(kept.get("curve")).hasSize(2);
            for (String id : List.of(cutOff, "crashed")) {
                JsonNode j = get(s, "/api/jobs/" + id).json();
                assertThat(j.get("state").asText()).as(id).isEqualTo("failed");
                assertThat(j.get("detail").asText()).as(id).contains("cut off");
            }
        }
    }
}
