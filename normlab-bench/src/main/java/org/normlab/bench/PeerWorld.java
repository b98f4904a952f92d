package org.normlab.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.FitResolver;
import org.normlab.analysis.Simulations;
import org.normlab.data.CountryYearData;
import org.normlab.scenario.Scenario;
import org.normlab.scenario.ScenarioReader;
import org.normlab.sim.Exposure;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.RunFrame;
import org.normlab.sim.SimWorld;
import org.normlab.sim.Simulation;
import org.normlab.store.NormlabStore;

/**
 * Exports the world of a scenario with a linear-index adoption hazard for the NumPy peer of the
 * simulation benchmark ({@code normlab-bench/peer/numpy_peer.py}), so that both simulate the same
 * world: {@code model.csv} (term, coefficient; the link must be logit), {@code states.csv} (state
 * index, iso3, subregion id), {@code neighbours.csv} (pairs of land neighbours) and {@code frame.csv}
 * (per simulated year k and state: in the system last year and this year, and the value of every
 * term that is not an exposure, as the engine evaluates it).
 *
 * <p>Run: {@code java -cp normlab-bench/target/benchmarks.jar org.normlab.bench.PeerWorld DB SCENARIO OUTDIR}.
 */
public final class PeerWorld {

    private PeerWorld() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PeerWorld DB SCENARIO OUTDIR");
            System.exit(2);
        }
        Scenario scenario = ScenarioReader.read(Path.of(args[1]));
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        try (NormlabStore store = NormlabStore.open(Path.of(args[0]))) {
            CountryYearData data = CountryYearData.load(store);
            FitResolver resolver = new FitResolver(data, scenario.instrument());
            SimWorld world = Simulations.world(data, resolver, List.of(scenario));
            scenario.validate(world);
            Simulation sim = scenario.simulation(world, resolver);
            if (!(sim.adoption() instanceof LinearIndexHazard h)
                    || sim.withdrawal().isPresent()
                    || h.frailtySd() != 0
                    || !h.link().label().equals("logit")) {
                throw new IllegalArgumentException(
                        "the peer simulates a logit adoption hazard without frailty or " + "withdrawal");
            }
            export(sim.world(), sim.start(), sim.horizon(), h, out);
        }
    }

    static void export(SimWorld world, int start, int horizon, LinearIndexHazard h, Path out) throws IOException {
        RunFrame frame = RunFrame.of(world, start, horizon);
        List<String> fixed = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("model.csv"), StandardCharsets.UTF_8)) {
            w.write("term,coefficient\n");
            for (Map.Entry<String, Double> e : h.coefficients().entrySet()) {
                w.write(e.getKey() + "," + Double.toString(e.getValue()) + "\n");
                if (Exposure.ofTerm(e.getKey()).isEmpty()) {
                    fixed.add(e.getKey());
                }
            }
        }
        int n = world.stateCount();
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("states.csv"), StandardCharsets.UTF_8)) {
            w.write("state,iso3,subregion\n");
            for (int s = 0; s < n; s++) {
                w.write(s + "," + world.iso3(s) + "," + world.subregionId(s) + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("neighbours.csv"), StandardCharsets.UTF_8)) {
            w.write("state,neighbour\n");
            for (int s = 0; s < n; s++) {
                for (int m : world.neighbours(s)) {
                    w.write(s + "," + m + "\n");
                }
            }
        }
        List<double[]> values = new ArrayList<>();
        for (String t : fixed) {
            values.add(frame.term(t));
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("frame.csv"), StandardCharsets.UTF_8)) {
            w.write("k,year,state,in_last,in_now");
            for (String t : fixed) {
                w.write(",\"" + t + "\"");
            }
            w.write("\n");
            for (int k = 0; k < frame.yearCount(); k++) {
                int year = frame.year(k);
                int last = Math.max(year - 1, world.firstYear());
                for (int s = 0; s < n; s++) {
                    StringBuilder b = new StringBuilder();
                    b.append(k)
                            .append(',')
                            .append(year)
                            .append(',')
                            .append(s)
                            .append(',')
                            .append(world.inSystem(last, s) ? 1 : 0)
                            .append(',')
                            .append(frame.inSystem(k, s) ? 1 : 0);
                    for (double[] v : values) {
                        double x = v[k * n + s];
                        b.append(',').append(Double.isFinite(x) ? Double.toString(x) : "0");
                    }
                    w.write(b.append('\n').toString());
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "exported %d states, %d-%d, %d fixed terms to %s%n", n, start, horizon, fixed.size(), out);
    }
}
