package org.normlab.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.normlab.analysis.PreparedWorld;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.Comparison;
import org.normlab.sim.Ensemble;
import org.normlab.sim.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulation jobs: a scenario (the scenario file's JSON form) run against its baseline as a paired
 * ensemble, as {@code normlab simulate} runs it. At most K jobs run at once on a bounded queue
 * (full → 429); progress comes from the ensemble's progress listener; a job is cancelled through
 * the same listener and by interrupting it. Jobs and results are kept in {@link JobStore}.
 * Thread-safe.
 */
final class JobsApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobsApi.class);
    private static final Set<String> FIELDS = Set.of("scenario", "baseline", "replicates", "seed");
    static final int DEFAULT_REPLICATES = 200;

    /** A job that is queued or running in this process. */
    private static final class Live {
        final AtomicInteger done = new AtomicInteger();
        volatile boolean cancelled;
        volatile Future<?> future;
    }

    private final DataSource source;
    private final ServerOptions options;
    private final Heavy heavy;
    private final JobStore store;
    private final ThreadPoolExecutor executor;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final String version;
    private volatile boolean stopping;

    JobsApi(DataSource source, ServerOptions options, Heavy heavy, String version) {
        this.source = source;
        this.options = options;
        this.heavy = heavy;
        this.version = version;
        java.nio.file.Path parent = source.db().toAbsolutePath().getParent();
        this.store = JobStore.open(parent.resolve(JobStore.FILE));
        this.executor = new ThreadPoolExecutor(
                options.runningJobs(),
                options.runningJobs(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, options.queuedJobs())),
                r -> {
                    Thread t = new Thread(r, "normlab-job");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** POST /api/jobs. */
    void submit(Context ctx) {
        Body body = Body.parse(Body.read(ctx, options.maxBodyBytes()), FIELDS);
        long replicates = body.integer("replicates", DEFAULT_REPLICATES);
        long seed = body.integer("seed", 1);
        if (replicates < 1) {
            throw ApiException.badRequest("replicates: must be 1 or more");
        }
        if (replicates > options.maxReplicates()) {
            throw ApiException.tooMuchWork("replicates: " + replicates + " exceeds the limit of "
                    + options.maxReplicates() + " replicates per job (max_replicates)");
        }
        Scenario scenario = scenario(body.node("scenario"), "scenario");
        if (scenario == null) {
            throw ApiException.badRequest("scenario: required (the scenario file's JSON form)");
        }
        Scenario baseline = scenario(body.node("baseline"), "baseline");
        DataSource.Snapshot snap = source.snapshot();
        CountryYearData data = snap.data;
        // start: last is the year after the data (resolved against the world when the job is prepared)
        int first = scenario.startAfterData() ? data.lastDataYear() + 1 : scenario.start();
        int years = scenario.horizon() - first + 1;
        int states =
                years < 1 ? 0 : data.statesBetween(first, scenario.horizon()).size();
        long work = replicates * years * (long) states;
        if (work > options.workLimit()) {
            throw ApiException.tooMuchWork(String.format(
                    java.util.Locale.ROOT,
                    "replicates x years x states = %d x %d x %d = %d exceeds the work limit of %d per job "
                            + "(work_limit); ask for fewer replicates or years",
                    replicates,
                    years,
                    states,
                    work,
                    options.workLimit()));
        }
        PreparedWorld prepared = heavy.run(() -> {
            try {
                // refused here, before it is queued, rather than when it runs
                PreparedWorld p = Simulations.prepare(data, scenario, baseline);
                scenario.validate(p.world());
                (baseline == null ? scenario.baseline() : baseline).validate(p.world());
                return p;
            } catch (ScenarioException e) {
                throw ApiException.badRequest(String.join("; ", e.problems()));
            }
        });
        String id = UUID.randomUUID().toString();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("scenario", scenario.source());
        request.put("baseline", baseline == null ? null : baseline.source());
        request.put("replicates", replicates);
        request.put("seed", seed);
        int runs = Simulations.isOwnBaseline(scenario, baseline) ? 1 : 2;
        int total = (int) (runs * replicates);
        Live job = new Live();
        live.put(id, job);
        store.insert(id, json(request), total);
        try {
            job.future = executor.submit(
                    () -> run(id, job, prepared, (int) replicates, seed, data, scenario, baseline, total));
        } catch (RejectedExecutionException e) {
            live.remove(id);
            store.delete(id);
            throw new ApiException(
                    429,
                    "queue_full",
                    options.runningJobs() + " job(s) are running and " + options.queuedJobs()
                            + " are queued, the most this server accepts; try again later");
        }
        ctx.status(202).header("Location", "/api/jobs/" + id).json(Body.obj("id", id, "state", "queued"));
    }

    private void run(
            String id,
            Live job,
            PreparedWorld prepared,
            int replicates,
            long seed,
            CountryYearData data,
            Scenario scenario,
            Scenario baseline,
            int total) {
        try {
            if (job.cancelled) {
                return;
            }
            store.state(id, "running", "");
            Ensemble ensemble = Ensemble.builder()
                    .replicates(replicates)
                    .seed(seed)
                    .threads(options.jobThreads())
                    .progress((done, all) -> {
                        job.done.set(done);
                        if (job.cancelled || Thread.currentThread().isInterrupted()) {
                            throw new CancellationException("cancelled");
                        }
                    })
                    .build();
            Comparison c = Simulations.run(prepared, scenario, baseline, ensemble);
            Manifest manifest = Manifest.of(version, data.digest()).withScenario(scenario.source());
            Map<String, Object> result = JobResult.of(c, manifest);
            if (job.cancelled) {
                return;
            }
            store.finish(id, total, json(result));
        } catch (CancellationException e) {
            cancelledOrCutOff(id);
        } catch (RuntimeException | java.io.IOException | Error e) {
            if (job.cancelled) {
                cancelledOrCutOff(id);
            } else if (stopping) {
                store.state(id, "failed", JobStore.CUT_OFF);
            } else {
                LOG.error("job {} failed", id, e);
                store.state(id, "failed", "the simulation failed: " + e.getMessage());
            }
        } finally {
            live.remove(id);
        }
    }

    private void cancelledOrCutOff(String id) {
        if (stopping) {
            store.state(id, "failed", JobStore.CUT_OFF);
        } else {
            store.state(id, "cancelled", "cancelled on request");
        }
    }

    /** GET /api/jobs/{id}. */
    void get(Context ctx) {
        JobStore.Row row = row(ctx);
        Live job = live.get(row.id());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.id());
        String state = job != null && job.cancelled ? "cancelled" : row.state();
        m.put("state", state);
        int done = job != null ? job.done.get() : row.done();
        m.put("done", done);
        m.put("total", row.total());
        m.put("progress", row.total() == 0 ? 0.0 : (double) done / row.total());
        m.put("detail", row.detail());
        m.put("request", parse(row.request()));
        ctx.json(m);
    }

    /** GET /api/jobs/{id}/result. */
    void result(Context ctx) {
        JobStore.Row row = row(ctx);
        if (!row.state().equals("done")) {
            throw new ApiException(
                    409,
                    "not_done",
                    "job " + row.id() + " is " + row.state() + (row.detail().isEmpty() ? "" : ": " + row.detail())
                            + "; its result exists once it is done");
        }
        ctx.contentType("application/json").result(row.result());
    }

    /** DELETE /api/jobs/{id}: cancels a queued or running job. */
    void cancel(Context ctx) {
        JobStore.Row row = row(ctx);
        Live job = live.get(row.id());
        if (job == null || !(row.state().equals("queued") || row.state().equals("running"))) {
            throw new ApiException(
                    409,
                    "not_cancellable",
                    "job " + row.id() + " is " + row.state() + " and can no longer be cancelled");
        }
        job.cancelled = true;
        Future<?> f = job.future;
        if (f != null) {
            f.cancel(true);
        }
        store.state(row.id(), "cancelled", "cancelled on request");
        if (row.state().equals("queued")) {
            // It never runs: free its place in the queue now, and no run will remove it from live.
            if (f instanceof Runnable r) {
                executor.remove(r);
            }
            live.remove(row.id());
        }
        ctx.json(Body.obj("id", row.id(), "state", "cancelled"));
    }

    private JobStore.Row row(Context ctx) {
        String id = ctx.pathParam("id");
        return store.get(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'"));
    }

    /**
     * The scenario in {@code node}, checked as a scenario file is. A saved fit names a file on the
     * server, so it is refused here.
     */
    private static Scenario scenario(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(field + ": must be an object (the scenario file's JSON form)");
        }
        JsonNode model = node.get("model");
        for (JsonNode m : model == null ? List.<JsonNode>of() : List.of(model, model.path("withdrawal"))) {
            if (m.has("fit")) {
                throw ApiException.badRequest(
                        field + ".model" + (m == model ? "" : ".withdrawal")
                                + ".fit: a saved fit is a file on the server and cannot be named here; use spec or coefficients");
            }
        }
        try {
            return ScenarioReader.parse(node.toString(), ScenarioReader.Format.JSON, field, null);
        } catch (ScenarioException e) {
            throw ApiException.badRequest(String.join("; ", e.problems()));
        }
    }

    private static String json(Object value) {
        try {
            return Body.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Body.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        live.values().forEach(j -> j.cancelled = true);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Jobs still queued never ran: they were cut off by the stop, as a crash would have.
        live.keySet().forEach(id -> store.state(id, "failed", JobStore.CUT_OFF));
        store.close();
    }
}
