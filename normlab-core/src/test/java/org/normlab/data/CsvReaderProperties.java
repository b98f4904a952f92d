package org.normlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.normlab.data.csv.CsvTable;
import org.normlab.testing.Fuzz;

/**
 * Random and mutated instrument, indicator and tie files: each is read or refused with a
 * {@link DataException} naming the file; no other exception escapes.
 */
class CsvReaderProperties {
    static final Set<String> KNOWN = Set.of("CAN", "NOR", "BRA", "RUS", "USA", "FIN", "EST");
    static final String INSTRUMENT = """
            iso3,state,signature_date,consent_date,consent_type,entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,notes
            CAN,Canada,1997-12-03,1997-12-03,ratification,1999-03-01,,,
            NOR,Norway,1997-12-03,1998-07-09,ratification,1999-03-01,,,
            FIN,Finland,,2012-01-09,accession,2012-07-01,2025-07-10,2026-01-10,"withdrew, 2025"
            BRA,Brazil,1997-12-03,,,,,,signed only
            """;
    static final String INDICATORS = """
            iso3,year,name,value,source
            RUS,2000,war_weariness,0.5,survey
            RUS,2001,war_weariness,0.75,survey
            USA,2000,war_weariness,-1.25,"a, b"
            """;
    static final String TIES = """
            iso3_a,iso3_b,kind,from_year,to_year
            FIN,RUS,rivalry,1992,
            EST,RUS,rivalry,1992,2020
            """;

    @Test
    void mutatedFilesAreReadOrRefused() {
        Fuzz.forAll(300, rng -> Fuzz.mutated(rng, List.of(INSTRUMENT, INDICATORS, TIES)), text -> {
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
                case 0 -> ParticipationFile.parse(read(bytes, ParticipationFile.COLUMNS, ParticipationFile.OPTIONAL),
                        KNOWN, false);
                case 1 -> IndicatorFile.parse(read(bytes, IndicatorFile.COLUMNS, List.of()), KNOWN, true);
                default -> TieFile.parse(read(bytes, TieFile.COLUMNS, List.of()), KNOWN, false);
            };
            assertThat(rows).isNotEmpty();
        } catch (DataException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).startsWith("fuzz.csv"));
        }
    }

    private static CsvTable read(byte[] bytes, List<String> required, List<String> optional) {
        return CsvTable.read("fuzz.csv", new ByteArrayInputStream(bytes), required, optional);
    }
}
