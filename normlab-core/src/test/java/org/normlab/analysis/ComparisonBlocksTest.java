package org.normlab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Transition;
import org.normlab.store.NormlabStore;

/**
 * Each block test of the fullest model is judged by the same repeated, paired schemes as the models:
 * its paired differences equal those of a comparison that holds the fullest model and the model
 * without the block as two explicit models, and scoring the block tests beside the models leaves the
 * models' own scores as they are. On the bundled consent data, with 3 folds and 2 repeats.
 */
class ComparisonBlocksTest {
    @TempDir
    static Path dir;

    static NormlabStore store;
    static Panel panel;

    static final long SEED = 7L;
    static final CvDesign DESIGN = new CvDesign(3, 2, true, false);
    static final CvScheme SCHEME = new CvScheme("states", 3);
    static final HazardEstimator ML = HazardEstimator.of();

    // international: share_global; domestic: conflict_territorial; incentives: nato_member
    static final List<String> FULL = List.of("log_duration", "share_global", "conflict_territorial", "nato_member");
    static final List<String> SMALL = List.of("log_duration", "share_global");
    static final List<String> WITHOUT_DOMESTIC = List.of("log_duration", "share_global", "nato_member");

    @BeforeAll
    static void open() {
        store = NormlabStore.open(dir.resolve("blocks.duckdb"));
        panel = new PanelBuilder(CountryYearData.load(store)).build(PanelSpec.of("mine-ban", Transition.CONSENT, FULL));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static ModelFit fit(String name, List<String> vars) {
        return Models.fit(name, panel, vars, Link.LOGIT, ML);
    }

    @Test
    void blockTestsArePairedOverTheModelsRepeatedSplits() {
        List<int[]> ticks = new ArrayList<>();
        Comparison c = Comparison.of(
                List.of(fit("small", SMALL), fit("full", FULL)),
                SCHEME,
                SEED,
                Link.LOGIT,
                ML,
                DESIGN,
                (done, total) -> ticks.add(new int[] {done, total}));
        assertThat(c.blockTests())
                .extracting(Comparison.BlockTest::block)
                .containsExactly("international", "domestic", "incentives");
        Comparison.BlockTest domestic = c.blockTests().get(1);
        assertThat(domestic.without().variables()).isEqualTo(WITHOUT_DOMESTIC);

        // the same judgment made by hand: the fullest model and the model without the block, compared as models
        Comparison byHand = Comparison.of(
                List.of(fit("full", FULL), fit("full without domestic", WITHOUT_DOMESTIC)),
                SCHEME,
                SEED,
                Link.LOGIT,
                ML,
                DESIGN,
                org.normlab.sim.ProgressListener.NONE);
        assertThat(byHand.paired()).extracting(PairedDifference::scheme).containsExactly("states", "rolling");
        assertThat(domestic.paired()).isEqualTo(byHand.paired());
        assertThat(domestic.paired("states").a()).isEqualTo("full");
        assertThat(domestic.paired("states").b()).isEqualTo("full without domestic");
        assertThat(domestic.paired("states").repeats()).isEqualTo(2);
        assertThat(domestic.paired("rolling").repeats()).isEqualTo(1);
        for (Comparison.BlockTest b : c.blockTests()) {
            assertThat(b.paired()).hasSize(2);
            assertThat(b.paired("states").se()).isPositive();
        }

        // the block tests scored beside the models leave the models' scores as they are alone
        assertThat(c.heldOut()).allSatisfy(h -> assertThat(h.models()).containsExactly("small", "full"));
        assertThat(c.cvSummaries())
                .filteredOn(s -> s.model().equals("full"))
                .isEqualTo(byHand.cvSummaries().stream()
                        .filter(s -> s.model().equals("full"))
                        .toList());
        assertThat(c.paired()).hasSize(2).allSatisfy(p -> assertThat(p.a()).isEqualTo("small"));

        // the single split of the block test is the first repeat, which is the --cv split
        double single = Comparison.heldOut(domestic.without(), SCHEME, SEED, Link.LOGIT, ML)
                .meanLogScore();
        assertThat(domestic.outOfSample().meanLogScore()).isCloseTo(single, within(1e-12));

        // progress counts every fold fit, the block tests' included: 2 models and 3 blocks
        int origins = c.heldOut().get(1).splits().size();
        int expected = 5 * (DESIGN.repeats() * DESIGN.folds() + origins);
        assertThat(ticks).hasSize(expected);
        assertThat(ticks.get(ticks.size() - 1)).containsExactly(expected, expected);
    }

    @Test
    void withoutADesignTheBlockTestKeepsItsSingleSplit() {
        Comparison c = Comparison.of(List.of(fit("small", SMALL), fit("full", FULL)), SCHEME, SEED, Link.LOGIT, ML);
        assertThat(c.blockTests()).hasSize(3).allSatisfy(b -> {
            assertThat(b.paired()).isEmpty();
            assertThat(b.paired("states")).isNull();
            assertThat(b.outOfSample().meanLogScore()).isNegative();
        });
    }
}
