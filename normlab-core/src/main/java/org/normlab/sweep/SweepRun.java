package org.normlab.sweep;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.normlab.scenario.ScenarioException;
import org.normlab.sim.Ensemble;
import org.normlab.sweep.SweepDesign.DesignType;
import org.normlab.sweep.SweepDesign.Parameter;

/**
 * Runs a sweep with an engine and writes its folder: {@code results/} (Parquet partitioned by
 * point, from the engine), {@code points.csv} (each point's seed and parameter values),
 * {@code sensitivity.csv} (with a {@code sensitivity} section: Sobol indices for a Saltelli design,
 * standardized regression coefficients for any design but a one-point one) and
 * {@code manifest.json}, all at once ({@link OutputFolder}). Nothing depends on the clock,
 * the thread count or the engine. Stateless.
 */
public final class SweepRun {
    private static final CSVFormat CSV =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private SweepRun() {}

    /**
     * What a sweep produced, for the caller to report.
     *
     * @param points      number of points
     * @param runs        ensembles run (points × scenarios, baselines not counted)
     * @param histories   replicate histories simulated (runs × replicates, baselines included)
     * @param sobol       Sobol indices, for a Saltelli design with a sensitivity section
     * @param src         standardized regression coefficients, with a sensitivity section
     */
    public record Outcome(
            int points,
            long runs,
            long histories,
            java.util.Optional<Sensitivity.Sobol> sobol,
            java.util.Optional<Sensitivity.Src> src) {}

    /**
     * Runs the sweep and writes {@code out}.
     *
     * @param version    normlab's version, for the manifest
     * @param dataDigest digest of the data, for the manifest
     * @throws ScenarioException if a point's scenario does not validate on the data
     */
    public static Outcome run(
            SweepJob job, SweepEngine engine, SweepEngine.Environment env, Path out, String version, String dataDigest)
            throws ScenarioException {
        return OutputFolder.replace(out, tmp -> {
            SweepEngine.Environment at = new SweepEngine.Environment(
                    env.runner(), env.database(), env.master(), env.threads(), env.progress(), tmp.resolve("results"));
            List<SweepRow> response = engine.run(job, at);
            Outcome outcome = outcome(job, response);
            writePoints(job, tmp.resolve("points.csv"));
            if (outcome.sobol().isPresent() || outcome.src().isPresent()) {
                writeSensitivity(outcome, tmp.resolve("sensitivity.csv"));
            }
            writeManifest(job, engine, version, dataDigest, outcome, tmp.resolve("manifest.json"));
            return outcome;
        });
    }

    /** Sensitivity of the response, as the design asks. */
    static Outcome outcome(SweepJob job, List<SweepRow> response) {
        SweepDesign d = job.design();
        java.util.Optional<Sensitivity.Sobol> sobol = java.util.Optional.empty();
        java.util.Optional<Sensitivity.Src> src = java.util.Optional.empty();
        if (d.sensitivity().isPresent() && job.size() > 1) {
            double[] y = job.response(response);
            int boot = d.sensitivity().get().bootstrap();
            long seed = DesignPoints.seed(d.seed(), -2);
            List<String> names = d.parameters().stream().map(Parameter::path).toList();
            if (d.type() == DesignType.SALTELLI) {
                int[] cols = DesignPoints.rangeColumns(d.parameters());
                sobol = java.util.Optional.of(Sensitivity.sobol(
                        y, java.util.Arrays.stream(cols).mapToObj(names::get).toList(), boot, seed));
            }
            double[][] x = new double[job.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = job.values(i);
            }
            try {
                src = java.util.Optional.of(Sensitivity.src(x, y, names, boot, seed));
            } catch (IllegalArgumentException e) {
                // Too few points for a regression: the Sobol indices (if any) still stand.
            }
        }
        long runs = (long) job.size() * d.scenarios().size();
        long histories = runs * d.replicates() * (d.outputs().contains(SweepDesign.Output.PAIRED_DIFFERENCE) ? 2 : 1);
        return new Outcome(job.size(), runs, histories, sobol, src);
    }

    private static void writePoints(SweepJob job, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("point", "seed"));
        job.design().parameters().forEach(p -> header.add(p.path()));
        try (CSVPrinter p = new CSVPrinter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSV.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (int i = 0; i < job.size(); i++) {
                List<String> row = new ArrayList<>(List.of(Integer.toString(i), Long.toString(job.seed(i))));
                for (double v : job.values(i)) {
                    row.add(Double.toString(v));
                }
                p.printRecord(row);
            }
        }
    }

    private static void writeSensitivity(Outcome o, Path file) throws IOException {
        try (CSVPrinter p = new CSVPrinter(
                Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSV.builder()
                        .setHeader("method", "index", "parameter", "estimate", "lower", "upper")
                        .get())) {
            if (o.sobol().isPresent()) {
                for (Sensitivity.Index i : o.sobol().get().firstOrder()) {
                    p.printRecord(
                            "sobol",
                            "first_order",
                            i.parameter(),
                            fixed(i.estimate()),
                            fixed(i.lower()),
                            fixed(i.upper()));
                }
                for (Sensitivity.Index i : o.sobol().get().total()) {
                    p.printRecord(
                            "sobol", "total", i.parameter(), fixed(i.estimate()), fixed(i.lower()), fixed(i.upper()));
                }
            }
            if (o.src().isPresent()) {
                for (Sensitivity.Index i : o.src().get().coefficients()) {
                    p.printRecord("src", "src", i.parameter(), fixed(i.estimate()), fixed(i.lower()), fixed(i.upper()));
                }
                p.printRecord("src", "r2", "", fixed(o.src().get().r2()), "", "");
            }
        }
    }

    private static void writeManifest(
            SweepJob job, SweepEngine engine, String version, String digest, Outcome o, Path file) throws IOException {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        SweepDesign d = job.design();
        root.put("normlab_version", version);
        root.put("data_digest", digest);
        root.set("design", d.source());
        root.put("design_type", d.type().label());
        root.put("points", job.size());
        root.put("seed", d.seed());
        root.put("point_seeds", "SplitMix64 of the run seed and the point index (points.csv)");
        root.put("replicates", d.replicates());
        root.put("random_algorithm", Ensemble.ALGORITHM);
        ArrayNode scen = root.putArray("scenarios");
        d.scenarios().forEach(s -> scen.add(s.name()));
        ArrayNode outs = root.putArray("outputs");
        d.outputs().stream().sorted().forEach(x -> outs.add(x.label()));
        root.put("results", "results/point=N/*.parquet: point, scenario, statistic, year, value");
        root.put("histories", o.histories());
        if (o.sobol().isPresent()) {
            root.put("sobol_base_rows", o.sobol().get().base());
            root.put("sobol_dropped_rows", o.sobol().get().dropped());
        }
        if (o.src().isPresent()) {
            root.put("src_points", o.src().get().points());
            root.put("src_dropped_points", o.src().get().dropped());
        }
        // The engine is left out on purpose: the same design gives the same folder on every engine.
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(file, m.writer(pp).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
