package org.normlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.normlab.data.csv.CsvTable;
import org.normlab.testing.Fuzz;
import org.normlab.testing.SeedFiles;

/**
 * Random and mutated instrument, indicator and tie files: each is read or refused with a
 * {@link DataException} naming the file that repeats no long token of it; no other exception escapes.
 */
class CsvReaderFuzzTest {
    static final Set<String> KNOWN = Set.of("CAN", "NOR", "BRA", "RUS", "USA", "FIN", "EST");

    @Test
    void mutatedFilesAreReadOrRefused() {
        Fuzz.forAll(
                300,
                rng -> Fuzz.mutated(rng, List.of(SeedFiles.INSTRUMENT, SeedFiles.INDICATORS, SeedFiles.TIES)),
                text -> {
                    for (int kind = 0; kind < 3; kind++) {
                        check(text, kind);
                    }
                });
    }

    @Test
    void randomFilesAreRefused() {
        Fuzz.forAll(100, rng -> Fuzz.random(rng, 300), text -> {
            for (int kind = 0; kind < 3; kind++) {
                check(text, kind);
            }
        });
    }

    private static void check(String text, int kind) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            List<?> rows = switch (kind) {
                case 0 ->
                    ParticipationFile.parse(
                            read(bytes, ParticipationFile.COLUMNS, ParticipationFile.OPTIONAL), KNOWN, false);
                case 1 -> IndicatorFile.parse(read(bytes, IndicatorFile.COLUMNS, List.of()), KNOWN, true);
                default -> TieFile.parse(read(bytes, TieFile.COLUMNS, List.of()), KNOWN, false);
            };
            assertThat(rows).isNotEmpty();
        } catch (DataException e) {
            assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.toString()).startsWith("fuzz.csv"));
            assertThat(e.getMessage()).doesNotContain(Fuzz.MARKER);
        }
    }

    private static CsvTable read(byte[] bytes, List<String> required, List<String> optional) {
        return CsvTable.read("fuzz.csv", new ByteArrayInputStream(bytes), required, optional);
    }
}
