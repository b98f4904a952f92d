package org.normlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.normlab.server.TestServers.delete;
import static org.normlab.server.TestServers.get;
import static org.normlab.server.TestServers.post;
import static org.normlab.server.TestServers.send;
import static org.normlab.server.TestServers.uri;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.data.Status;
import org.normlab.data.StatusTable;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.report.JsonViews;
import org.normlab.store.NormlabStore;

/** The API against a real server on a free loopback port: every endpoint and every error code. */
class ApiTest {
    @TempDir
    static Path tmp;

    static NormlabServer server;
    static Path db;

    @BeforeAll
    static void start() throws Exception {
        db = TestServers.freshDb(tmp);
        server = NormlabServer.start(TestServers.options(db), "test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CountryYearData data() {
        try (NormlabStore store = NormlabStore.openReadOnly(db)) {
            return CountryYearData.load(store);
        }
    }

    @Test
    void instrumentsCountPartiesOnTheDate() throws Exception {
        var a = get(server, "/api/instruments?date=2010-06-30");
        assertThat(a.status()).isEqualTo(200);
        JsonNode mineBan = null;
        for (JsonNode i : a.json().get("instruments")) {
            if (i.get("id").asText().equals("mine-ban")) {
                mineBan = i;
            }
        }
        assertThat(mineBan).isNotNull();
        long expected = data().participation("mine-ban").values().stream()
                .filter(p -> p.statusOn(LocalDate.of(2010, 6, 30)) == Status.PARTY)
                .count();
        assertThat(mineBan.get("parties").asLong()).isEqualTo(expected).isGreaterThan(100);
        assertThat(get(server, "/api/instruments?date=2010-02-30").status()).isEqualTo(400);
    }

    @Test
    void statusListsEveryStateWithItsNumericCode() throws Exception {
        var a = get(server, "/api/instruments/mine-ban/status?date=2025-12-31");
        assertThat(a.status()).isEqualTo(200);
        CountryYearData d = data();
        StatusTable t = StatusTable.on(
                LocalDate.of(2025, 12, 31),
                List.copyOf(d.participation("mine-ban").values()),
                d.spells(),
                List.copyOf(d.countries().values()),
                d.systemListEnd());
        assertThat(a.json().get("states")).hasSize(t.rows().size());
        assertThat(a.json().get("counts").get("withdrawn").asInt())
                .isEqualTo(t.counts().get(Status.WITHDRAWN))
                .isPositive();
        JsonNode rus = null;
        int withCode = 0;
        for (JsonNode s : a.json().get("states")) {
            assertThat(s.get("status").asText()).isIn("none", "signatory", "party", "withdrawn");
            if (s.get("iso_numeric").isTextual()) {
                withCode++;
            }
            if (s.get("iso3").asText().equals("RUS")) {
                rus = s;
            }
        }
        assertThat(rus.get("iso_numeric").asText()).isEqualTo("643");
        assertThat(rus.get("status").asText()).isEqualTo("none");
        assertThat(withCode).isGreaterThan(t.rows().size() - 3);
        var bad = get(server, "/api/instruments/mine-ban/status?date=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(bad.json().get("detail").asText()).contains("yesterday");
        assertThat(get(server, "/api/instruments/no-such-treaty/status?date=2000-01-01")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void lifecycleHasStagesAndTheBassCurve() throws Exception {
        var a = get(server, "/api/instruments/mine-ban/lifecycle");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("stages").size()).isGreaterThanOrEqualTo(3);
        assertThat(a.json().get("bass_fitted")).hasSize(a.json().get("series").size());
        assertThat(a.json().get("tipping_year").asInt()).isBetween(1997, 2005);
        assertThat(get(server, "/api/instruments/nope/lifecycle")
                        .json()
                        .get("error")
                        .asText())
                .isEqualTo("not_found");
    }

    @Test
    void statePageExplainsRussia() throws Exception {
        var a = get(server, "/api/instruments/mine-ban/states/rus");
        assertThat(a.status()).isEqualTo(200);
        JsonNode x = a.json().get("explanation");
        assertThat(x.get("type").asText()).isEqualTo("blocked");
        assertThat(x.get("contributions").size()).isGreaterThan(5);
        assertThat(a.json().get("measures").size()).isPositive();
        assertThat(a.json().get("history").get(0).get("year").asInt()).isEqualTo(1997);
        for (JsonNode m : a.json().get("measures")) {
            assertThat(m.get("from").asInt()).isLessThanOrEqualTo(m.get("to").asInt());
        }
        assertThat(get(server, "/api/instruments/mine-ban/states/XYZ").status()).isEqualTo(404);
        assertThat(get(server, "/api/instruments/mine-ban/states/RUS?year=soon").status())
                .isEqualTo(400);
    }

    @Test
    void fitsAnswerWhatTheCommandLineAnswers() throws Exception {
        var a = post(server, "/api/fits", "{\"vars\": [\"share_global\", \"conflict_territorial\"]}");
        assertThat(a.status()).isEqualTo(200);
        // The same fit as normlab fit --vars share_global,conflict_territorial with its default options.
        CountryYearData d = data();
        var panel = new PanelBuilder(d)
                .build(new PanelSpec(
                        "mine-ban",
                        Transition.CONSENT,
                        0,
                        0,
                        1,
                        List.of("share_global", "conflict_territorial"),
                        MissingPolicy.DROP));
        var expected = JsonViews.fit(
                Models.fit("custom", panel, panel.names(), Link.LOGIT, Models.estimator(SeType.CLUSTER, false, 0)));
        assertThat(a.json()).isEqualTo(TestServers.JSON.valueToTree(expected));
        var two = post(server, "/api/fits", "{\"spec\": [\"international\", \"two-level\"]}");
        assertThat(two.json().get("models")).hasSize(2);
        assertThat(post(server, "/api/fits", "{\"vars\": [\"share_global\"], \"link\": \"probit\"}")
                        .json()
                        .get("detail")
                        .asText())
                .contains("link");
        assertThat(post(server, "/api/fits", "{\"spec\": \"two-level\", \"vars\": [\"x\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(post(server, "/api/fits", "{\"spec\": \"nonsense\"}").status())
                .isEqualTo(400);
        assertThat(post(server, "/api/fits", "{\"vars\": [\"no_such_variable\"]}")
                        .status())
                .isEqualTo(400);
        var unknown = post(server, "/api/fits", "{\"spce\": \"two-level\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("spce");
        var malformed = post(server, "/api/fits", "{\"spec\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("malformed JSON");
        assertThat(malformed.response().body()).doesNotContain("at org.", "Exception");
    }

    @Test
    void comparisonsGiveTheVerdictAndRespectTheFoldLimit() throws Exception {
        var a = post(server, "/api/comparisons", "{\"cv\": \"states:3\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("models")).hasSize(2);
        assertThat(a.json().get("lr_tests").get(0).get("df").asInt()).isPositive();
        assertThat(a.json().get("findings").get(0).asText()).contains("two-level");
        var tooMany = post(server, "/api/comparisons", "{\"cv\": \"states:500\"}");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("detail").asText()).contains("max_folds");
        assertThat(post(server, "/api/comparisons", "{\"specs\": [\"two-level\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(a.json().get("paired")).isEmpty();
        var repeated = post(server, "/api/comparisons", "{\"repeats\": 2, \"folds\": 3, \"rolling\": false}");
        assertThat(repeated.status()).isEqualTo(200);
        var pair = repeated.json().get("paired").get(0);
        assertThat(pair.get("a").asText()).isEqualTo("international");
        assertThat(pair.get("repeats").asInt()).isEqualTo(2);
        assertThat(pair.get("se").asDouble()).isPositive();
        assertThat(pair.get("top_states")).hasSize(5);
        assertThat(post(server, "/api/comparisons", "{\"repeats\": 51}").status())
                .isEqualTo(422);
        assertThat(post(server, "/api/comparisons", "{\"folds\": 3}").status()).isEqualTo(400);
    }

    @Test
    void aJobRunsToItsPairedResult() throws Exception {
        var a = post(server, "/api/jobs", TestServers.smallJob(30, 2028));
        assertThat(a.status()).isEqualTo(202);
        String id = a.json().get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/jobs/" + id);
        JsonNode job = TestServers.await(server, id, 120);
        assertThat(job.get("state").asText()).isEqualTo("done");
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
        var r = get(server, "/api/jobs/" + id + "/result");
        assertThat(r.status()).isEqualTo(200);
        JsonNode curve = r.json().get("curve");
        JsonNode base = r.json().get("baseline_curve");
        JsonNode diff = r.json().get("diff");
        assertThat(curve).hasSize(3);
        assertThat(diff.get(2).get("year").asInt()).isEqualTo(2028);
        // Paired differences: the mean difference is the difference of the means.
        for (int k = 0; k < 3; k++) {
            assertThat(diff.get(k).get("parties_diff_mean").asDouble())
                    .isCloseTo(
                            curve.get(k).get("parties_mean").asDouble()
                                    - base.get(k).get("parties_mean").asDouble(),
                            org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(r.json().get("manifest").get("replicates").asInt()).isEqualTo(30);
        assertThat(delete(server, "/api/jobs/" + id).status()).isEqualTo(409);
        assertThat(get(server, "/api/jobs/not-a-job").status()).isEqualTo(404);
        assertThat(get(server, "/api/jobs/not-a-job/result").status()).isEqualTo(404);
        assertThat(delete(server, "/api/jobs/not-a-job").status()).isEqualTo(404);
    }

    @Test
    void jobsRefuseBadScenariosAndTooMuchWork() throws Exception {
        var work = post(server, "/api/jobs", TestServers.smallJob(9_000, 2040));
        assertThat(work.status()).isEqualTo(422);
        assertThat(work.json().get("error").asText()).isEqualTo("work_limit");
        assertThat(work.json().get("detail").asText()).contains("work_limit", "replicates x years x states");
        var reps = post(server, "/api/jobs", TestServers.smallJob(20_000, 2026));
        assertThat(reps.status()).isEqualTo(422);
        assertThat(reps.json().get("detail").asText()).contains("max_replicates");
        var state = post(server, "/api/jobs", TestServers.smallJob(10, 2027).replace("RUS", "XYZ"));
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json().get("detail").asText()).contains("XYZ");
        var fit = post(
                server,
                "/api/jobs",
                "{\"scenario\": {\"instrument\": \"mine-ban\", \"model\": {\"fit\":"
                        + " \"../../etc/passwd\"}, \"start\": 2026, \"horizon\": 2027}}");
        assertThat(fit.status()).isEqualTo(400);
        assertThat(fit.json().get("detail").asText()).contains("scenario.model.fit");
        assertThat(post(server, "/api/jobs", "{\"replicates\": 5}").status()).isEqualTo(400);
        assertThat(post(server, "/api/jobs", "[1, 2]").status()).isEqualTo(400);
    }

    @Test
    void oversizedBodiesGet413() throws Exception {
        String big = "{\"vars\": [\"" + "x".repeat(100_000) + "\"]}";
        var a = post(server, "/api/fits", big);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.json().get("detail").asText()).contains("max_body_bytes");
        // Without a Content-Length (chunked), the limit holds as the body is read.
        var chunked = send(HttpRequest.newBuilder(uri(server, "/api/fits"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().get("error").asText()).isEqualTo("body_too_large");
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() throws Exception {
        var a = get(server, "/api/nothing");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).isEqualTo("not_found");
        var m = send(HttpRequest.newBuilder(uri(server, "/api/instruments"))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.json().get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(get(server, "/no-such-file.js").json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void staticFilesCannotBeLeftThroughDotDot() throws Exception {
        for (String path : List.of(
                "/../pom.xml",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/vendor/..%2f..%2fopenapi.json",
                "/vendor/../../../../etc/passwd",
                "/..%5c..%5cetc/passwd")) {
            String[] answer = raw(server.port(), path);
            assertThat(answer[0]).as(path).contains(" 404 ");
            assertThat(answer[1]).as(path).contains("\"error\":\"not_found\"").doesNotContain("root:");
        }
        assertThat(get(server, "/index.html").status()).isEqualTo(200);
    }

    /** Sends a request line as given (no client-side normalisation); returns status line and body. */
    static String[] raw(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            StringBuilder rest = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rest.append(line).append('\n');
            }
            return new String[] {status, rest.toString()};
        }
    }

    @Test
    void securityHeadersOnPagesAndAnswers() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/instruments", "/api/nothing")) {
            var a = get(server, path);
            assertThat(a.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(a.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            String csp = a.header("Content-Security-Policy");
            assertThat(csp)
                    .as(path)
                    .contains("frame-ancestors 'none'", "script-src 'self'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(a.header("Access-Control-Allow-Origin"))
                    .as("CORS is off by default")
                    .isNull();
        }
        String page = get(server, "/").response().body();
        // No inline script and no inline event handlers: the CSP would block them.
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(page).doesNotContain("http://", "https://");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutes() throws Exception {
        var a = get(server, "/openapi.json");
        assertThat(a.status()).isEqualTo(200);
        Set<String> documented = new HashSet<>();
        a.json()
                .get("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> documented.add(method + " " + p.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(server.routeKeys());
        // Every documented route answers (with its parameters filled in), none with 404 for a missing route or 405.
        List<String> failures = new ArrayList<>();
        for (String key : documented) {
            String[] mk = key.split(" ", 2);
            String path = mk[1].replace("{id}/status", "mine-ban/status")
                    .replace("{id}/lifecycle", "mine-ban/lifecycle")
                    .replace("{id}/states/{iso3}", "mine-ban/states/FRA")
                    .replace("{id}", "unknown-job");
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path));
            var r = send(
                    switch (mk[0]) {
                        case "get" -> b.GET().build();
                        case "delete" -> b.DELETE().build();
                        default ->
                            b.POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                    });
            boolean routeMissing = r.status() == 405 || (r.status() == 404 && !path.contains("unknown-job"));
            if (routeMissing || r.status() >= 500 || r.json() == null) {
                failures.add(key + " -> " + r.status());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theStoreStaysWritableForOtherCommandsWhileServing() {
        // The server holds no lock on the store: a command's normal (writing) open succeeds.
        NormlabStore.open(db).close();
    }

    @Test
    void offLoopbackATokenIsRequired() {
        assertThatThrownBy(() -> TestServers.options(db).withHost("0.0.0.0", null))
                .isInstanceOf(NormlabException.class)
                .hasMessageContaining("--token");
        assertThat(TestServers.options(db).withHost("localhost", null).token()).isNull();
    }
}
