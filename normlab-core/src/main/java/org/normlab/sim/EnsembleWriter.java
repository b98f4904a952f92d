package org.normlab.sim;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import org.normlab.lifecycle.StageName;

/**
 * Writes an ensemble's outputs: {@code curve.csv}, {@code states.csv}, {@code lifecycle.csv},
 * {@code diff.csv} (with a baseline) and {@code manifest.json}. Formatting is fixed (UTF-8, "\n"
 * line ends, fixed decimals, {@link Locale#ROOT}), and nothing depends on the clock or the thread
 * count, so the same seed gives byte-identical files. The columns are documented in
 * {@code docs/scenarios.md}. Stateless.
 */
public final class EnsembleWriter {
    /** Quantile levels of the curve, diff and life-cycle files. */
    static final double[] LEVELS =
            EnsembleSummary.LEVELS.stream().mapToDouble(Double::doubleValue).toArray();

    private static final CSVFormat CSV =
            CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private EnsembleWriter() {}

    /**
     * Writes all outputs of a scenario against its baseline into {@code dir} (created if needed): the
     * scenario's curve, states and life cycle, the paired differences and the manifest.
     *
     * @return the files written
     */
    public static List<Path> writeAll(Path dir, Manifest manifest, Comparison comparison) throws IOException {
        return writeAll(dir, manifest, comparison.scenario(), comparison, List.of());
    }

    /**
     * As {@link #writeAll(Path, Manifest, Comparison)}, with the manifest also listing {@code moreFiles},
     * written into the folder by the caller (e.g. the replicates kept as Parquet).
     */
    public static List<Path> writeAll(Path dir, Manifest manifest, Comparison comparison, List<String> moreFiles)
            throws IOException {
        return writeAll(dir, manifest, comparison.scenario(), comparison, moreFiles);
    }

    /**
     * Writes the outputs of a run without a baseline into {@code dir} (created if needed): no diff.csv.
     *
     * @return the files written
     */
    public static List<Path> writeAll(Path dir, Manifest manifest, EnsembleResult result) throws IOException {
        return writeAll(dir, manifest, result, null, List.of());
    }

    private static List<Path> writeAll(
            Path dir, Manifest manifest, EnsembleResult result, Comparison comparison, List<String> moreFiles)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        files.add(writeCurve(result, dir.resolve("curve.csv")));
        files.add(writeStates(result, dir.resolve("states.csv")));
        files.add(writeLifecycle(result, dir.resolve("lifecycle.csv")));
        if (comparison != null) {
            files.add(writeDiff(comparison, dir.resolve("diff.csv")));
        }
        List<String> listed = moreFiles;
        if (comparison != null && !result.focusStates().isEmpty()) {
            files.add(writeEffects(comparison, dir.resolve("effects.csv")));
            listed = new ArrayList<>(List.of("effects.csv"));
            listed.addAll(moreFiles);
        }
        files.add(writeManifest(manifest, result, comparison != null, listed, dir.resolve("manifest.json")));
        return files;
    }

    /**
     * curve.csv: per year the mean and 5/25/50/75/95 % quantiles of the number of parties and of
     * their share of the states in the system, the mean number of withdrawn states, and what actually
     * happened: the observed parties and withdrawn states (empty after the data).
     */
    public static Path writeCurve(EnsembleResult r, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("seed", "year", "in_system", "parties_mean"));
        for (double q : LEVELS) {
            header.add("parties_" + level(q));
        }
        header.add("share_mean");
        for (double q : LEVELS) {
            header.add("share_" + level(q));
        }
        header.add("withdrawn_mean");
        header.add("observed_parties");
        header.add("observed_withdrawn");
        EnsembleSummary parties = EnsembleSummary.of(r, EnsembleSummary.Count.PARTIES);
        EnsembleSummary withdrawn = EnsembleSummary.of(r, EnsembleSummary.Count.WITHDRAWN);
        try (CSVPrinter p = printer(file, header)) {
            for (int k = 0; k < r.yearCount(); k++) {
                int in = parties.inSystem()[k];
                double mean = parties.mean()[k];
                List<String> row = new ArrayList<>(List.of(
                        Long.toString(r.seed()), Integer.toString(r.year(k)), Integer.toString(in), fixed(mean, 4)));
                for (double q : LEVELS) {
                    row.add(fixed(parties.quantile(q, k), 4));
                }
                row.add(fixed(in == 0 ? 0 : mean / in, 6));
                for (double q : LEVELS) {
                    row.add(fixed(in == 0 ? 0 : parties.quantile(q, k) / in, 6));
                }
                row.add(fixed(withdrawn.mean()[k], 4));
                row.add(observed(r.observedParties(k)));
                row.add(observed(r.observedWithdrawn(k)));
                p.printRecord(row);
            }
        }
        return file;
    }

    /**
     * states.csv: per state and year, whether it is in the system and its probability of being party
     * and of having withdrawn.
     */
    public static Path writeStates(EnsembleResult r, Path file) throws IOException {
        try (CSVPrinter p = printer(file, List.of("seed", "iso3", "year", "in_system", "p_party", "p_withdrawn"))) {
            RunFrame f = r.frame();
            for (int s = 0; s < r.stateCount(); s++) {
                for (int k = 0; k < r.yearCount(); k++) {
                    p.printRecord(
                            r.seed(),
                            f.world.iso3(s),
                            r.year(k),
                            f.inSystem(k, s) ? 1 : 0,
                            fixed(r.partyProbability(s, k), 6),
                            fixed(r.withdrawnProbability(s, k), 6));
                }
            }
        }
        return file;
    }

    /**
     * lifecycle.csv: for the tipping point and each stage, how many replicates reach it, the 5/25/50/
     * 75/95 % quantiles (type 1, observed years) of its first start among those, the share of
     * replicates in that stage in the last simulated year, and the rule that dated it.
     */
    public static Path writeLifecycle(EnsembleResult r, Path file) throws IOException {
        int reps = r.replicates();
        List<String> header = new ArrayList<>(List.of("seed", "stage", "replicates", "reached", "share_reached"));
        for (double q : LEVELS) {
            header.add("start_" + level(q));
        }
        header.add("share_at_horizon");
        header.add("rule");
        try (CSVPrinter p = printer(file, header)) {
            p.printRecord(lifecycleRow(
                    r, "tipping_point", r.tippingYears(), "", r.lifecycleRules().tippingRule()));
            for (StageName n : StageName.values()) {
                p.printRecord(lifecycleRow(
                        r,
                        n.label(),
                        r.stageStarts(n),
                        fixed((double) r.inStageAtHorizon(n) / reps, 6),
                        r.lifecycleRules().rule(n)));
            }
        }
        return file;
    }

    private static List<String> lifecycleRow(
            EnsembleResult r, String name, CountHistogram reached, String atHorizon, String rule) {
        long n = reached.count();
        List<String> row = new ArrayList<>(List.of(
                Long.toString(r.seed()),
                name,
                Integer.toString(r.replicates()),
                Long.toString(n),
                fixed((double) n / r.replicates(), 6)));
        for (double q : LEVELS) {
            row.add(n == 0 ? "" : Integer.toString(reached.observed(q)));
        }
        row.add(atHorizon);
        row.add(rule);
        return row;
    }

    /**
     * diff.csv: per year the mean of the paired differences scenario − baseline in parties and in
     * withdrawn states, with their 5 % and 95 % quantiles (type 7), and the observed parties (empty
     * after the data).
     */
    public static Path writeDiff(Comparison c, Path file) throws IOException {
        EnsembleResult s = c.scenario();
        try (CSVPrinter p = printer(
                file,
                List.of(
                        "seed",
                        "year",
                        "parties_diff_mean",
                        "parties_diff_q05",
                        "parties_diff_q95",
                        "withdrawn_diff_mean",
                        "withdrawn_diff_q05",
                        "withdrawn_diff_q95",
                        "observed_parties"))) {
            EnsembleSummary dp = EnsembleSummary.difference(c, EnsembleSummary.Count.PARTIES);
            EnsembleSummary dw = EnsembleSummary.difference(c, EnsembleSummary.Count.WITHDRAWN);
            for (int k = 0; k < s.yearCount(); k++) {
                p.printRecord(
                        s.seed(),
                        s.year(k),
                        fixed(dp.mean()[k], 4),
                        fixed(dp.quantile(0.05, k), 4),
                        fixed(dp.quantile(0.95, k), 4),
                        fixed(dw.mean()[k], 4),
                        fixed(dw.quantile(0.05, k), 4),
                        fixed(dw.quantile(0.95, k), 4),
                        observed(c.observedParties(k)));
            }
        }
        return file;
    }

    /**
     * effects.csv, for a run with focus states: per focus state and year, the distribution over
     * replicates of its probability of having joined by the end of the year in the baseline and in the
     * scenario (mean, 5 % and 95 % quantiles), of their paired difference, and the difference in words
     * ({@link EffectWords}).
     */
    public static Path writeEffects(Comparison c, Path file) throws IOException {
        EnsembleResult s = c.scenario();
        List<String> header = new ArrayList<>(List.of("seed", "iso3", "year"));
        for (String what : List.of("baseline", "scenario", "diff")) {
            header.add(what + "_mean");
            header.add(what + "_q05");
            header.add(what + "_q95");
        }
        header.add("observed_status");
        header.add("verdict");
        try (CSVPrinter p = printer(file, header)) {
            for (String iso3 : s.focusStates()) {
                int state = s.frame().world.indexOf(iso3);
                for (int k = 0; k < s.yearCount(); k++) {
                    int year = s.year(k);
                    List<String> row = new ArrayList<>(List.of(Long.toString(s.seed()), iso3, Integer.toString(year)));
                    ProbabilitySummary d = c.partyProbabilityDifference(iso3, year);
                    for (ProbabilitySummary x :
                            List.of(c.baseline().joinProbability(iso3, year), s.joinProbability(iso3, year), d)) {
                        row.add(fixed(x.mean(), 4));
                        row.add(fixed(x.q05(), 4));
                        row.add(fixed(x.q95(), 4));
                    }
                    row.add(s.observedStatus(state, k).map(Status::name).orElse(""));
                    row.add(EffectWords.classify(d).words());
                    p.printRecord(row);
                }
            }
        }
        return file;
    }

    /** An observed count, or empty after the data. */
    private static String observed(java.util.OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "";
    }

    /**
     * manifest.json: the caller's manifest (version, data digest, scenario as given) with the run's
     * seed, replicates, random number algorithm and stream layout, years, models and life-cycle
     * rules. Neither the clock nor the thread count goes in, since they do not change the results.
     */
    public static Path writeManifest(Manifest m, EnsembleResult r, boolean paired, Path file) throws IOException {
        return writeManifest(m, r, paired, List.of(), file);
    }

    /** As {@link #writeManifest(Manifest, EnsembleResult, boolean, Path)}, listing {@code moreFiles} too. */
    public static Path writeManifest(Manifest m, EnsembleResult r, boolean paired, List<String> moreFiles, Path file)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode root = mapper.createObjectNode();
        root.put("normlab_version", m.normlabVersion());
        root.put("data_digest", m.dataDigest());
        root.put("instrument", r.frame().world.instrument().orElse(null));
        root.put("seed", r.seed());
        root.put("replicates", r.replicates());
        root.put("rng", Ensemble.ALGORITHM);
        root.put(
                "streams",
                "one generator per replicate split from the seeded generator in replicate order;"
                        + " from each, one stream per mechanism in the order adoption, withdrawal, thresholds, frailty;"
                        + " from the frailty stream, one substream each for the adoption and the withdrawal frailty");
        root.put(
                "uniforms",
                "per state-year: output number year*2^32+state of SplitMix64 seeded with the first"
                        + " draw of the hazard's stream, top 32 bits");
        root.put(
                "frailties",
                "per replicate, for a hazard with frailty_sd > 0: frailty_sd times nextGaussian() of"
                        + " the hazard's frailty substream for every state in index order, drawn before the first year");
        if (drawsMore(r)) {
            root.put(
                    "posterior_frailties",
                    "per replicate, for a hazard with frailty posterior: for every state in index order one uniform"
                            + " u = (nextLong()>>>11 + 0.5)/2^53 of the hazard's frailty substream, the frailty the"
                            + " inverse of the state's posterior distribution function at u (computed on 121 grid"
                            + " points from -6 to 6 frailty sds, density linear between them); a state without history"
                            + " draws frailty_sd*PhiInverse(u); a state that cannot make the transition in the run takes"
                            + " its u but is given no frailty (it never uses one)");
            root.put(
                    "parameters",
                    "per replicate, for a hazard with uncertainty coefficients: after the frailty stream, one parameter"
                            + " stream per replicate, split into one substream each for the adoption and the withdrawal"
                            + " hazard; theta = theta_hat + L z, z one nextGaussian() per sampled parameter in the order"
                            + " of sampled_parameters, L the lower Cholesky factor of their covariance; drawn before the"
                            + " frailties, which use the drawn frailty sd");
        }
        root.put("start", r.frame().start());
        root.put("horizon", r.frame().horizon());
        root.put("opening_year", r.frame().world.openingYear());
        root.set("adoption_model", mapper.valueToTree(r.simulation().adoption().describe()));
        root.set(
                "withdrawal_model",
                r.simulation()
                        .withdrawal()
                        .map(w -> (com.fasterxml.jackson.databind.JsonNode) mapper.valueToTree(w.describe()))
                        .orElse(mapper.nullNode()));
        ObjectNode rules = root.putObject("lifecycle_rules");
        rules.put("tipping_share", r.lifecycleRules().tippingShare());
        rules.put("cascade_rate", r.lifecycleRules().cascadeRate());
        root.put("paired_with_baseline", paired);
        root.set("scenario", m.scenario().orElse(mapper.nullNode()));
        ArrayNode files = root.putArray("files");
        files.add("curve.csv").add("states.csv").add("lifecycle.csv");
        if (paired) {
            files.add("diff.csv");
        }
        moreFiles.forEach(files::add);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(file, mapper.writer(pretty).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Whether a model of the run draws posterior frailties or parameters: the manifest then says how. */
    private static boolean drawsMore(EnsembleResult r) {
        List<TransitionModel> models = new ArrayList<>();
        models.add(r.simulation().adoption());
        r.simulation().withdrawal().ifPresent(models::add);
        for (TransitionModel m : models) {
            if (m instanceof LinearIndexHazard h
                    && (h.frailtyMode() == FrailtyMode.POSTERIOR || h.sampleParameters())) {
                return true;
            }
        }
        return false;
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSV);
        p.printRecord(header);
        return p;
    }

    private static String level(double q) {
        return String.format(Locale.ROOT, "q%02d", Math.round(q * 100));
    }

    /** Fixed decimals, without a negative zero. */
    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v + 0.0)
                .replace("-0." + "0".repeat(decimals), "0." + "0".repeat(decimals));
    }
}
