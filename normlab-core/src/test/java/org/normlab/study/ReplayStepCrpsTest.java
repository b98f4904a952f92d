package org.normlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.normlab.sim.CountHistogram;

/**
 * The CRPS the study scores its replay by, against R's energy form of the score on the same
 * samples (script: {@code normlab-core/src/test/R/crps_fixtures.R}).
 */
class ReplayStepCrpsTest {
    @Test
    void crpsOfAnIntegerEnsembleMatchesR() throws Exception {
        int checked = 0;
        try (InputStream in = getClass().getResourceAsStream("/study/crps_expected.csv");
                CSVParser p = CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (CSVRecord r : p) {
                int[] values = Arrays.stream(r.get("values").split(" "))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                int y = Integer.parseInt(r.get("y"));
                double expected = Double.parseDouble(r.get("crps"));
                assertThat(ReplayStep.crps(CountHistogram.of(values), y))
                        .as(r.get("case"))
                        .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(7);
    }
}
