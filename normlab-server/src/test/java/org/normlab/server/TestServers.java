package org.normlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.normlab.store.NormlabStore;

/** Servers on free loopback ports over copies of one store built from the bundled data, and an HTTP client. */
final class TestServers {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static Path template;

    private TestServers() {}

    /** A fresh folder holding a copy of the bundled store (built once per test run). */
    static synchronized Path freshDb(Path tmp) throws IOException {
        if (template == null) {
            Path dir = Files.createTempDirectory("normlab-server-test");
            template = dir.resolve("normlab.duckdb");
            NormlabStore.open(template).close();
        }
        Path dir = Files.createTempDirectory(tmp, "db");
        Path db = dir.resolve("normlab.duckdb");
        Files.copy(template, db);
        return db;
    }

    /** Loopback, any free port, no token, small limits that tests can reach. */
    static ServerOptions options(Path db) {
        return ServerOptions.defaults(db)
                .withPort(0)
                .withLimits(64 * 1024, 2_000_000)
                .withJobs(1, 2, 1);
    }

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    static Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            json = JSON.readTree(r.body());
        }
        return new Answer(r.statusCode(), json, r);
    }

    static Answer get(NormlabServer s, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(s, path)).GET().build());
    }

    static Answer post(NormlabServer s, String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(s, path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static Answer delete(NormlabServer s, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(s, path)).DELETE().build());
    }

    static URI uri(NormlabServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    /** Polls a job until it leaves queued and running, for at most {@code seconds}. */
    static JsonNode await(NormlabServer s, String id, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode j = get(s, "/api/jobs/" + id).json();
            String state = j.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish within " + seconds + " s");
    }

    /** A small scenario's job body: Russia's territorial conflict set to 0, two-level model, a few years. */
    static String smallJob(int replicates, int horizon) {
        return "{\"scenario\": {\"instrument\": \"mine-ban\", \"model\": {\"spec\": \"two-level\"}, \"start\": 2026,"
                + " \"horizon\": " + horizon + ", \"overrides\": [{\"states\": [\"RUS\"], \"variable\":"
                + " \"conflict_territorial\", \"years\": \"2026-" + horizon + "\", \"value\": 0}]},"
                + " \"replicates\": " + replicates + ", \"seed\": 7}";
    }
}
