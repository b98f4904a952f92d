package org.normlab.calibrate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.normlab.data.NormlabException;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleResult;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.sim.Status;
import org.normlab.sweep.CalibrationDesign;
import org.normlab.sweep.OutputFolder;
import org.normlab.sweep.PointRunner;
import org.normlab.sweep.PointTask;
import org.normlab.sweep.ScenarioPaths;
import org.normlab.sweep.SweepDesign;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Parameter;

/**
 * Calibrates a scenario's parameters against the instrument's observed adoption curve by
 * approximate Bayesian computation ({@link Abc}), and writes {@code posterior.parquet} (every
 * generation's particles), {@code summary.csv} (the posterior's weighted mean, sd and 5/50/95 %
 * quantiles of each parameter), {@code fit.csv} (per year the observed share of parties and the
 * posterior-predictive mean and 5/95 % quantiles of the simulated share) and {@code manifest.json}.
 *
 * <p>The curve compared is the share of the states in the system that are party at the end of each
 * simulated year that the data observe (restricted to {@code calibrate.years} when given); a
 * simulated curve is the mean over the design's replicates. Stateless.
 */
public final class CalibrationRun {
    private static final CSVFormat CSV =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CalibrationRun() {}

    /**
     * A parameter's posterior.
     *
     * @param parameter its path
     * @param mean      weighted mean
     * @param sd        weighted standard deviation
     * @param q05       5 % weighted quantile
     * @param q50       median
     * @param q95       95 % weighted quantile
     */
    public record Summary(String parameter, double mean, double sd, double q05, double q50, double q95) {}

    /**
     * What a calibration produced.
     *
     * @param result   every generation
     * @param years    the years compared
     * @param observed the observed share of parties in those years
     * @param summary  the posterior of each range parameter
     */
    public record Outcome(Abc.Result result, int[] years, double[] observed, List<Summary> summary) {}

    /**
     * Runs the calibration and writes {@code out}.
     *
     * @throws ScenarioException if the scenario does not validate on the data, or no observed year is compared
     */
    public static Outcome run(
            CalibrationDesign d, PointRunner runner, int threads, Path out, String version, String digest)
            throws ScenarioException {
        List<Parameter> ranges =
                d.parameters().stream().filter(Parameter::isRange).toList();
        double[] lower = ranges.stream().mapToDouble(Parameter::from).toArray();
        Simulation first = runner.prepare(task(d, lower, 0)).get(0).scenario();
        SimWorld world = first.world();
        List<Integer> years = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (int y = first.start(); y <= first.horizon(); y++) {
            final int year = y;
            boolean wanted =
                    d.years().map(r -> r.from() <= year && year <= r.to()).orElse(true);
            var status = world.observedStatus(y);
            if (wanted && status.isPresent()) {
                int in = 0;
                int party = 0;
                for (int s = 0; s < world.stateCount(); s++) {
                    if (world.inSystem(y, s)) {
                        in++;
                        party += status.get()[s] == Status.PARTY ? 1 : 0;
                    }
                }
                years.add(y);
                observed.add(in == 0 ? 0 : (double) party / in);
            }
        }
        if (years.isEmpty()) {
            throw new ScenarioException(
                    d.origin().orElse(null),
                    List.of("calibrate.years: no year the data observe"
                            + " among the simulated years " + first.start() + "-" + first.horizon()
                            + d.years().map(r -> " and " + r).orElse("")));
        }
        int[] ys = years.stream().mapToInt(Integer::intValue).toArray();
        double[] obs = observed.stream().mapToDouble(Double::doubleValue).toArray();
        Abc.Model model = (theta, seed) -> {
            try {
                Simulation sim = runner.prepare(task(d, theta, 0)).get(0).scenario();
                EnsembleResult r = Ensemble.builder()
                        .replicates(d.replicates())
                        .seed(seed)
                        .threads(1)
                        .keepPaths(true)
                        .build()
                        .run(sim);
                double[] c = new double[ys.length];
                for (int i = 0; i < ys.length; i++) {
                    int k = ys[i] - first.start();
                    long sum = 0;
                    for (int rep = 0; rep < d.replicates(); rep++) {
                        sum += r.parties(rep, k);
                    }
                    int in = r.inSystem(k);
                    c[i] = in == 0 ? 0 : (double) sum / d.replicates() / in;
                }
                return c;
            } catch (ScenarioException e) {
                throw new NormlabException(e.getMessage(), e);
            }
        };
        Abc.Settings settings = new Abc.Settings(
                ranges.stream().map(Parameter::path).toList(),
                lower,
                ranges.stream().mapToDouble(Parameter::to).toArray(),
                d.particles(),
                d.generations(),
                d.draws(),
                d.quantile(),
                d.seed(),
                threads);
        Abc abc = Abc.of(settings, model, obs);
        Abc.Result result = d.method() == CalibrationDesign.Method.SMC ? abc.smc() : abc.rejection();
        List<Summary> summary = summary(result.posterior(), settings.names());
        Outcome o = new Outcome(result, ys, obs, summary);
        OutputFolder.replace(out, dir -> {
            writePosterior(result, settings.names(), dir.resolve("posterior.parquet"));
            writeSummary(summary, dir.resolve("summary.csv"));
            writeFit(o, dir.resolve("fit.csv"));
            writeManifest(d, o, version, digest, dir.resolve("manifest.json"));
            return null;
        });
        return o;
    }

    /** The scenario with range parameters set to theta and held ones to their value. */
    private static PointTask task(CalibrationDesign d, double[] theta, long seed) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(d.scenario().json());
            int j = 0;
            for (Parameter p : d.parameters()) {
                double v = p.isRange() ? theta[j++] : p.values().get(0);
                ScenarioPaths.set(tree, p.path(), v).ifPresent(why -> {
                    throw new IllegalStateException(p.path() + ": " + why);
                });
            }
            NamedScenario s = new NamedScenario(
                    d.scenario().name(),
                    JSON.writeValueAsString(tree),
                    d.scenario().folder());
            return new PointTask(0, seed, List.of(s), d.replicates(), java.util.Set.of(SweepDesign.Output.PARTIES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Summary> summary(Abc.Generation g, List<String> names) {
        List<Summary> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] v = new double[g.theta().length];
            double mean = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = g.theta()[i][j];
                mean += g.weight()[i] * v[i];
            }
            double sd = Math.sqrt(Abc.weightedVariance(g.theta(), g.weight(), j));
            out.add(new Summary(
                    names.get(j),
                    mean,
                    sd,
                    Abc.weightedQuantile(v, g.weight(), 0.05),
                    Abc.weightedQuantile(v, g.weight(), 0.50),
                    Abc.weightedQuantile(v, g.weight(), 0.95)));
        }
        return out;
    }

    private static void writePosterior(Abc.Result r, List<String> names, Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE posterior (generation INTEGER, particle INTEGER,"
                    + " tolerance DOUBLE, weight DOUBLE, distance DOUBLE");
            for (String n : names) {
                ddl.append(", \"").append(n.replace("\"", "\"\"")).append("\" DOUBLE");
            }
            st.execute(ddl.append(")").toString());
            try (DuckDBAppender app = c.unwrap(DuckDBConnection.class).createAppender("main", "posterior")) {
                for (int t = 0; t < r.generations().size(); t++) {
                    Abc.Generation g = r.generations().get(t);
                    for (int i = 0; i < g.theta().length; i++) {
                        app.beginRow()
                                .append(t)
                                .append(i)
                                .append(g.tolerance())
                                .append(g.weight()[i])
                                .append(g.distance()[i]);
                        for (double v : g.theta()[i]) {
                            app.append(v);
                        }
                        app.endRow();
                    }
                }
            }
            st.execute(
                    "COPY posterior TO '" + file.toAbsolutePath().toString().replace("'", "''") + "' (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new NormlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeSummary(List<Summary> summary, Path file) throws IOException {
        try (CSVPrinter p = new CSVPrinter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSV.builder()
                        .setHeader("parameter", "mean", "sd", "q05", "q50", "q95")
                        .get())) {
            for (Summary s : summary) {
                p.printRecord(
                        s.parameter(), fixed(s.mean()), fixed(s.sd()), fixed(s.q05()), fixed(s.q50()), fixed(s.q95()));
            }
        }
    }

    private static void writeFit(Outcome o, Path file) throws IOException {
        Abc.Generation g = o.result().posterior();
        try (CSVPrinter p = new CSVPrinter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSV.builder()
                        .setHeader("year", "observed_share", "predicted_mean", "predicted_q05", "predicted_q95")
                        .get())) {
            for (int k = 0; k < o.years().length; k++) {
                double[] v = new double[g.curves().length];
                double mean = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = g.curves()[i][k];
                    mean += g.weight()[i] * v[i];
                }
                p.printRecord(
                        o.years()[k],
                        fixed(o.observed()[k]),
                        fixed(mean),
                        fixed(Abc.weightedQuantile(v, g.weight(), 0.05)),
                        fixed(Abc.weightedQuantile(v, g.weight(), 0.95)));
            }
        }
    }

    private static void writeManifest(CalibrationDesign d, Outcome o, String version, String digest, Path file)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("normlab_version", version);
        root.put("data_digest", digest);
        root.set("design", d.source());
        root.put("method", d.method().label());
        root.put("seed", d.seed());
        root.put("random_algorithm", Ensemble.ALGORITHM);
        root.put("replicates_per_curve", d.replicates());
        root.put(
                "distance",
                "root mean square difference of the share of parties, years " + o.years()[0] + "-"
                        + o.years()[o.years().length - 1] + " observed");
        var gens = root.putArray("generations");
        for (Abc.Generation g : o.result().generations()) {
            ObjectNode n = gens.addObject();
            n.put("tolerance", Double.isInfinite(g.tolerance()) ? "none (prior)" : fixed(g.tolerance()));
            n.put("particles", g.theta().length);
            n.put("simulations", g.attempts());
        }
        root.put("stopped_early", o.result().stoppedEarly());
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(file, JSON.writer(pp).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
