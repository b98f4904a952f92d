package org.normlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.normlab.analysis.PreparedWorld;
import org.normlab.analysis.Simulations;
import org.normlab.analysis.WorldCache;
import org.normlab.data.CountryYearData;
import org.normlab.output.AtomicOutput;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioException;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.Comparison;
import org.normlab.sim.EffectWords;
import org.normlab.sim.Ensemble;
import org.normlab.sim.EnsembleWriter;
import org.normlab.sim.Manifest;
import org.normlab.sim.ProbabilitySummary;
import org.normlab.store.NormlabStore;
import org.normlab.store.ReplicateParquet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab simulate}: a scenario ensemble against its baseline. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Run a scenario (YAML or JSON, see docs/scenarios.md) as an ensemble against a baseline with "
                    + "common random numbers, and write curve.csv, states.csv, lifecycle.csv, diff.csv and manifest.json.",
            "Without --baseline the baseline is the scenario without its overrides and incentives (a scenario "
                    + "with neither is simulated once, as its own baseline). The same seed gives byte-identical "
                    + "files for any --threads. Memory does not grow with --replicates."
        })
final class SimulateCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "scenario file")
    Path scenarioFile;

    @Option(names = "--baseline", paramLabel = "FILE", description = "baseline scenario file")
    Path baselineFile;

    @Option(
            names = "--replicates",
            defaultValue = "1000",
            paramLabel = "N",
            description = "replicates (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "threads (default: all cores)")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Mixin
    PlotOption plot;

    @Option(
            names = "--keep-replicates",
            description = "also write every replicate's yearly counts and events, "
                    + "streamed to replicates.parquet and events.parquet")
    boolean keepReplicates;

    @Option(
            names = "--focus",
            split = ",",
            paramLabel = "ISO3",
            description = "states whose probability of having joined by each year is reported with its 90 % interval,"
                    + " in the baseline and the scenario, and whose paired difference is put in words (effects.csv)")
    List<String> focus = List.of();

    @Spec
    CommandSpec spec;

    static final int MAX_REPLICATES = 1_000_000;

    @Override
    public void run() {
        if (replicates < 1 || replicates > MAX_REPLICATES) {
            throw new BadInputException("--replicates must be between 1 and " + MAX_REPLICATES + ", got " + replicates);
        }
        if (threads < 0) {
            throw new BadInputException("--threads must be 0 (all cores) or more, got " + threads);
        }
        plot.check();
        Scenario scenario = read(scenarioFile);
        Scenario baseline = baselineFile == null ? null : read(baselineFile);
        PrintWriter w = spec.commandLine().getOut();
        for (String f : focus) {
            if (!f.matches("[A-Z]{3}")) {
                throw new BadInputException("--focus: '" + f + "' is not an ISO 3166-1 alpha-3 code such as RUS");
            }
        }
        if (!focus.isEmpty() && scenario.threshold().isPresent()) {
            throw new BadInputException(
                    "--focus needs an adoption hazard: the threshold model decides by thresholds and"
                            + " gives no probabilities");
        }
        long work = Simulations.isOwnBaseline(scenario, baseline) ? replicates : 2L * replicates;
        try (AtomicOutput target = AtomicOutput.folder(out, "--out");
                Progress bar = Progress.of("simulate", work)) {
            PreparedWorld prepared = prepare(scenario, baseline);
            for (String f : focus) {
                if (prepared.world().indexOf(f) < 0) {
                    throw new BadInputException("--focus: " + f + " is not a state of the world");
                }
            }
            Ensemble.Builder ensemble = Ensemble.builder()
                    .replicates(replicates)
                    .seed(seed)
                    .progress(bar.listener())
                    .focus(focus);
            if (threads > 0) {
                ensemble.threads(threads);
            }
            Comparison[] result = new Comparison[1];
            List<String> kept = keepReplicates ? ReplicateParquet.FILES : List.of();
            List<Path> files = target.write(staging -> {
                Comparison c;
                if (keepReplicates) {
                    try (ReplicateParquet parquet = ReplicateParquet.open(staging)) {
                        c = Simulations.run(
                                prepared,
                                scenario,
                                baseline,
                                ensemble.replicateListener(parquet).build());
                        parquet.finish(seed);
                    }
                } else {
                    c = Simulations.run(prepared, scenario, baseline, ensemble.build());
                }
                result[0] = c;
                Manifest manifest =
                        Manifest.of(Main.version(), prepared.dataDigest()).withScenario(scenario.source());
                return EnsembleWriter.writeAll(staging, manifest, c, kept);
            });
            Comparison c = result[0];
            bar.close();
            w.println("wrote " + (files.size() + kept.size()) + " files to " + out + " (" + replicates
                    + " replicates, seed " + seed + ", " + c.scenario().year(0) + "-" + scenario.horizon() + ")");
            int last = c.scenario().yearCount() - 1;
            double s = c.scenario().parties(last).sum();
            double b = c.baseline().parties(last).sum();
            w.printf(
                    Locale.ROOT,
                    "mean parties in %d: scenario %.2f, baseline %.2f, paired difference %+.2f%n",
                    c.scenario().year(last),
                    s / replicates,
                    b / replicates,
                    (s - b) / replicates);
            int observed = -1;
            for (int k = 0; k <= last; k++) {
                if (c.observedParties(k).isPresent()) {
                    observed = k;
                }
            }
            if (observed >= 0) {
                w.printf(
                        Locale.ROOT,
                        "historical run: observed parties in %d: %d (baseline mean %.2f); observed column in curve.csv%n",
                        c.scenario().year(observed),
                        c.observedParties(observed).getAsInt(),
                        (double) c.baseline().parties(observed).sum() / replicates);
            }
            int horizon = c.scenario().year(last);
            for (String f : focus) {
                ProbabilitySummary pb = c.baseline().joinProbability(f, horizon);
                ProbabilitySummary ps = c.scenario().joinProbability(f, horizon);
                ProbabilitySummary d = c.partyProbabilityDifference(f, horizon);
                w.printf(
                        Locale.ROOT,
                        "P(%s joined by %d): baseline %.3f [%.3f, %.3f], scenario %.3f [%.3f, %.3f],"
                                + " effect %+.3f [%+.3f, %+.3f]: %s%n",
                        f,
                        horizon,
                        pb.mean(),
                        pb.q05(),
                        pb.q95(),
                        ps.mean(),
                        ps.q05(),
                        ps.q95(),
                        d.mean(),
                        d.q05(),
                        d.q95(),
                        EffectWords.classify(d).words());
            }
            plot.write(
                    org.normlab.report.plot.Figures.ensemble(
                            "Parties by year: " + scenarioFile.getFileName() + " against its baseline",
                            c.scenario(),
                            c.baseline()),
                    w);
        }
    }

    /**
     * The scenarios' prepared world: from the cache beside the database when the database, the build
     * and the scenarios are unchanged since it was stored, otherwise from the database (then stored).
     */
    private PreparedWorld prepare(Scenario scenario, Scenario baseline) throws ScenarioException {
        WorldCache cache = WorldCache.beside(db.db);
        String before = key(scenario, baseline);
        boolean existed = java.nio.file.Files.exists(db.db);
        if (before != null && existed) {
            Optional<PreparedWorld> hit = cache.read(before);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        PreparedWorld prepared;
        try (NormlabStore store = db.openReadOnly()) {
            prepared = Simulations.prepare(CountryYearData.load(store), scenario, baseline);
        }
        // Store under the database's state as this run found it; a database created by this run is
        // keyed as it was left. While the store was open no other process could change it.
        String after = key(scenario, baseline);
        if (after != null && (!existed || after.equals(before))) {
            cache.write(after, prepared);
        }
        return prepared;
    }

    private String key(Scenario scenario, Scenario baseline) {
        try {
            return WorldCache.key(db.db, scenario, baseline);
        } catch (IOException e) {
            return null;
        }
    }

    private static Scenario read(Path file) {
        return ScenarioReader.read(file);
    }
}
