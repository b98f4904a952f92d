import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of a running normlab server, run by hand (not in CI):
 * {@code java LoadTest.java [BASE_URL] [CLIENTS] [SECONDS]}, default http://127.0.0.1:7070, 50 clients, 30 s.
 * Each client loops over a fixed mix: 45 % status on a random year, 45 % a random state's explanation,
 * 10 % a small simulation job (20 replicates, five years, a model given by its coefficients) whose
 * state it then reads. Prints throughput, p50/p99 latency, answers by status, and errors (transport
 * failures, 5xx, and any 4xx other than 429, which is the job queue's designed refusal). Only loopback
 * addresses are accepted; the run is bounded by SECONDS.
 */
public class LoadTest {
    static final String JOB = "{\"scenario\": {\"instrument\": \"mine-ban\", \"model\": {\"coefficients\": "
            + "{\"(Intercept)\": -3.0, \"share_global\": 2.0, \"conflict_territorial\": -0.9}}, \"start\": 2026, "
            + "\"horizon\": 2030}, \"replicates\": 20, \"seed\": %d}";

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:7070";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String host = URI.create(base).getHost();
        if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException("the load test only targets loopback, not " + host);
        }
        if (seconds < 1 || seconds > 600 || clients < 1 || clients > 500) {
            throw new IllegalArgumentException("1-500 clients for 1-600 s");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/instruments/mine-ban/status?date=2025-12-31"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> states = new ArrayList<>();
        Matcher m = Pattern.compile("\"iso3\":\"([A-Z]{3})\"").matcher(status);
        while (m.find()) {
            states.add(m.group(1));
        }
        System.out.printf(Locale.ROOT, "%d clients for %d s against %s (%d states)%n", clients, seconds, base,
                states.size());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    double u = random.nextDouble();
                    HttpRequest req;
                    String kind;
                    if (u < 0.45) {
                        kind = "status";
                        req = HttpRequest.newBuilder(URI.create(base + "/api/instruments/mine-ban/status?date="
                                + (1997 + random.nextInt(29)) + "-12-31")).timeout(Duration.ofSeconds(60)).build();
                    } else if (u < 0.90) {
                        kind = "explanation";
                        req = HttpRequest.newBuilder(URI.create(base + "/api/instruments/mine-ban/states/"
                                + states.get(random.nextInt(states.size())))).timeout(Duration.ofSeconds(60)).build();
                    } else {
                        kind = "job";
                        req = HttpRequest.newBuilder(URI.create(base + "/api/jobs")).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(String.format(Locale.ROOT, JOB,
                                        random.nextInt(1000)))).build();
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - t0);
                        byStatus.computeIfAbsent(kind + " " + r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        int s = r.statusCode();
                        if (s >= 500 || (s >= 400 && s != 429)) {
                            errors.incrementAndGet();
                            if (errorSamples.size() < 5) {
                                errorSamples.add(kind + " " + s + " " + r.body());
                            }
                        } else if (kind.equals("job") && s == 202) {
                            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
                            if (id.find()) {
                                HttpResponse<String> j = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/"
                                        + id.group(1))).build(), HttpResponse.BodyHandlers.ofString());
                                byStatus.computeIfAbsent("job-state " + j.statusCode(), k -> new AtomicLong())
                                        .incrementAndGet();
                                if (j.statusCode() != 200) {
                                    errors.incrementAndGet();
                                }
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (errorSamples.size() < 5) {
                            errorSamples.add(kind + " " + e);
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf(Locale.ROOT, "requests %d in %d s: %.1f per second%n", n, seconds, (double) n / seconds);
        if (n > 0) {
            System.out.printf(Locale.ROOT, "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    sorted.get((int) Math.floor(0.50 * (n - 1))) / 1e6, sorted.get((int) Math.floor(0.99 * (n - 1))) / 1e6,
                    sorted.get(n - 1) / 1e6);
        }
        new java.util.TreeMap<>(byStatus).forEach((k, v) -> System.out.println("  " + k + ": " + v));
        System.out.println("errors " + errors.get());
        errorSamples.forEach(s -> System.out.println("  e.g. " + (s.length() > 300 ? s.substring(0, 300) : s)));
        System.exit(errors.get() == 0 ? 0 : 1);
    }
}
