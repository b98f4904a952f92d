package org.normlab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.normlab.estimate.Link;

/**
 * The adaptive posterior grid on the real histories of the mine-ban risk set (every state's rows of
 * estimate/two_level_panel.csv) under the two-level model with a shared frailty, logit and cloglog:
 * each state's posterior mean and 5 %, 50 % and 95 % quantiles agree with those of a fixed grid of
 * 2,001 points over ±6σ and with R's integrate() (src/test/R/posterior_fixtures.R).
 */
class FrailtyPosteriorGridTest {

    /** The stated tolerance of the adaptive grid, in units of σ. */
    private static final double TOLERANCE = 1e-4;

    private static final double[] LEVELS = {0.05, 0.5, 0.95};
    private static final String[] QUANTITIES = {"q05", "q50", "q95"};

    @ParameterizedTest
    @EnumSource(
            value = Link.class,
            names = {"LOGIT", "CLOGLOG"})
    void theAdaptiveGridAgreesWithAFineFixedGridAndWithR(Link link) {
        String label = link == Link.LOGIT ? "logit" : "cloglog";
        List<CSVRecord> panel = read("/estimate/two_level_panel.csv");
        List<String> header = panel.get(0).getParser().getHeaderNames();
        List<String> covariates = header.subList(3, header.size());
        Map<String, Double> coefficients = new LinkedHashMap<>();
        for (CSVRecord r : read("/sim/posterior_coefficients.csv")) {
            if (r.get("link").equals(label)) {
                coefficients.put(r.get("term"), Double.parseDouble(r.get("value")));
            }
        }
        double sigma = coefficients.remove("sd");
        assertThat(coefficients.keySet()).first().isEqualTo("(Intercept)");
        assertThat(new ArrayList<>(coefficients.keySet()).subList(1, coefficients.size()))
                .isEqualTo(covariates);
        double[] beta =
                coefficients.values().stream().mapToDouble(Double::doubleValue).toArray();
        int p = beta.length;

        // One history per state, its rows in file order.
        Map<String, List<CSVRecord>> byState = new LinkedHashMap<>();
        for (CSVRecord r : panel) {
            byState.computeIfAbsent(r.get("iso3"), k -> new ArrayList<>()).add(r);
        }
        List<String> states = new ArrayList<>(byState.keySet());
        int m = panel.size();
        double[] x = new double[m * p];
        boolean[] event = new boolean[m];
        int[] offset = new int[states.size() + 1];
        int i = 0;
        for (int s = 0; s < states.size(); s++) {
            for (CSVRecord r : byState.get(states.get(s))) {
                x[i * p] = 1;
                for (int j = 1; j < p; j++) {
                    x[i * p + j] = Double.parseDouble(r.get(covariates.get(j - 1)));
                }
                event[i] = r.get("event").equals("1");
                i++;
            }
            offset[s + 1] = i;
        }
        int n = states.size();

        FrailtyPosterior adaptive = FrailtyPosterior.of(offset, x, p, event);
        assertThat(adaptive.grid()).isEqualTo(FrailtyPosterior.Grid.ADAPTIVE);
        FrailtyPosterior fine = adaptive.on(FrailtyPosterior.Grid.fixed(2001));
        double[] a = new double[n * adaptive.grid().row()];
        double[] f = new double[n * fine.grid().row()];
        double[] scratch = new double[adaptive.longestHistory()];
        adaptive.distribution(beta, sigma, link, a, scratch);
        fine.distribution(beta, sigma, link, f, scratch);

        Map<String, Double> expected = new LinkedHashMap<>();
        for (CSVRecord r : read("/sim/posterior_expected.csv")) {
            if (r.get("link").equals(label)) {
                expected.put(r.get("iso3") + " " + r.get("quantity"), Double.parseDouble(r.get("value")));
            }
        }
        assertThat(expected).hasSize(4 * n);
        double worst = 0;
        double worstR = 0;
        int events = 0;
        for (int s = 0; s < n; s++) {
            events += adaptive.events(s);
            double mean = adaptive.mean(a, s, sigma);
            worst = Math.max(worst, Math.abs(mean - fine.mean(f, s, sigma)));
            worstR = Math.max(worstR, Math.abs(mean - expected.get(states.get(s) + " mean")));
            for (int q = 0; q < LEVELS.length; q++) {
                double v = adaptive.draw(a, s, sigma, LEVELS[q]);
                worst = Math.max(worst, Math.abs(v - fine.draw(f, s, sigma, LEVELS[q])));
                worstR = Math.max(worstR, Math.abs(v - expected.get(states.get(s) + " " + QUANTITIES[q])));
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "%s: %d states, sigma %.4f, worst |adaptive - fine| %.3g sigma, |adaptive - R| %.3g sigma%n",
                label,
                n,
                sigma,
                worst / sigma,
                worstR / sigma);
        // Histories with and without an event, so both shapes of posterior are checked.
        assertThat(events).isGreaterThan(10).isLessThan(n - 10);
        assertThat(worst / sigma).isLessThan(TOLERANCE);
        assertThat(worstR / sigma).isLessThan(TOLERANCE);
    }

    private static List<CSVRecord> read(String path) {
        try (InputStream in = FrailtyPosteriorGridTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setCommentMarker('#')
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get();
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                return new ArrayList<>(parser.getRecords());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
