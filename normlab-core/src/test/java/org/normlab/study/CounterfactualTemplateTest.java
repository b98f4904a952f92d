package org.normlab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped counterfactual templates and the verdicts their answers carry. */
class CounterfactualTemplateTest {
    @Test
    void theShippedTemplatesAskThePapersThreeQuestionsWithoutNamingAStateOrYear() {
        List<CounterfactualTemplate> all = CounterfactualTemplate.shipped();
        assertThat(all)
                .extracting(CounterfactualTemplate::id)
                .containsExactly("pressure-lifted", "threat-removed", "incentive");
        EnumSet<CounterfactualTemplate.Target> targets = EnumSet.noneOf(CounterfactualTemplate.Target.class);
        all.forEach(t -> targets.add(t.target()));
        assertThat(targets).containsExactlyInAnyOrder(CounterfactualTemplate.Target.values());
        for (CounterfactualTemplate t : all) {
            assertThat(t.question())
                    .doesNotContainPattern("\\b(19|20)\\d\\d\\b")
                    .doesNotContain("Russia", "RUS");
        }
        CounterfactualTemplate incentive = all.get(2);
        assertThat(incentive.timing()).isEqualTo(CounterfactualTemplate.Timing.FORWARD);
        assertThat(incentive.question(Map.of("states", "A and B", "from", "2027")))
                .startsWith("What if A and B,")
                .contains("from 2027");
    }

    @Test
    void aBadTemplateIsRefusedNamingTheFileAndField() {
        assertThatThrownBy(() -> CounterfactualTemplate.parse("x.yaml", "id: a\ntarget: blocked\nlimt: 3\n"))
                .hasMessageContaining("x.yaml")
                .hasMessageContaining("limt: unknown field");
        assertThatThrownBy(() -> CounterfactualTemplate.parse(
                        "y.yaml",
                        "id: a\ntarget: nobody\ntiming: forward\nchange: incentive\nlike: x\ncounts: parties\n"
                                + "question: q\n"))
                .hasMessageContaining("y.yaml")
                .hasMessageContaining("nobody is not one of");
        assertThatThrownBy(() -> CounterfactualTemplate.parse(
                        "z.yaml",
                        "id: a\ntarget: blocked\ntiming: forward\nchange: remove\ncounts: parties\nquestion: q\n"))
                .hasMessageContaining("z.yaml")
                .hasMessageContaining("needs the block");
    }

    @Test
    void anIncentiveWhoseSizeSpansNoneAndLargeCannotBeTold() {
        // from a large harm to a small help, from none to a large help: the size is unknown
        assertThat(CounterfactualStep.sizeUnknown(-1.48, 0.46)).isTrue();
        assertThat(CounterfactualStep.sizeUnknown(-0.04, 2.61)).isTrue();
        // spans none, but small either way; or clearly positive: the size is known well enough
        assertThat(CounterfactualStep.sizeUnknown(-0.3, 0.5)).isFalse();
        assertThat(CounterfactualStep.sizeUnknown(0.2, 1.5)).isFalse();
    }
}
