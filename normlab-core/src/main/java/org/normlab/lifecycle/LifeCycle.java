package org.normlab.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The stages of a norm's life cycle dated on a yearly series by {@link LifeCycleRules}. Immutable.
 *
 * @param stages      the stages found, ordered by start year (regression episodes may overlap others)
 * @param tippingYear the tipping year, empty when the series never tips
 * @param rules       the rules used
 */
public record LifeCycle(List<Stage> stages, OptionalInt tippingYear, LifeCycleRules rules) {

    public LifeCycle {
        stages = List.copyOf(stages);
        Objects.requireNonNull(tippingYear, "tippingYear");
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * Dates the stages of {@code series}. A pure function: the same series and rules give the same
     * stages.
     */
    public static LifeCycle of(YearlySeries series, LifeCycleRules rules) {
        List<YearCounts> rows = series.rows();
        int first = series.firstYear();
        int last = series.lastYear();
        List<Stage> stages = new ArrayList<>();

        int n = rows.size();
        int[] inSystem = new int[n];
        int[] parties = new int[n];
        int[] newParties = new int[n];
        for (int i = 0; i < n; i++) {
            inSystem[i] = rows.get(i).inSystem();
            parties[i] = rows.get(i).parties();
            newParties[i] = rows.get(i).newParties();
        }
        int tipIndex = LifeCycleDater.tippingIndex(inSystem, parties, n, rules);
        if (tipIndex < 0) {
            stages.add(new Stage(StageName.EMERGENCE, first, last, true, rules.rule(StageName.EMERGENCE)));
        } else {
            int tip = rows.get(tipIndex).year();
            if (tip > first) {
                stages.add(new Stage(StageName.EMERGENCE, first, tip - 1, false, rules.rule(StageName.EMERGENCE)));
            }
            int slow = LifeCycleDater.slowIndex(inSystem, newParties, tipIndex, n, rules);
            if (slow < 0) {
                stages.add(new Stage(StageName.CASCADE, tip, last, true, rules.rule(StageName.CASCADE)));
            } else {
                int slowYear = rows.get(slow).year();
                stages.add(new Stage(StageName.CASCADE, tip, slowYear - 1, false, rules.rule(StageName.CASCADE)));
                stages.add(new Stage(
                        StageName.INTERNALIZATION, slowYear, last, true, rules.rule(StageName.INTERNALIZATION)));
            }
        }

        int runStart = -1;
        for (int i = 0; i <= rows.size(); i++) {
            boolean regressing = i < rows.size()
                    && LifeCycleDater.regressing(
                            rows.get(i).newParties(), rows.get(i).withdrawals());
            if (regressing && runStart < 0) {
                runStart = i;
            } else if (!regressing && runStart >= 0) {
                stages.add(new Stage(
                        StageName.REGRESSION,
                        rows.get(runStart).year(),
                        rows.get(i - 1).year(),
                        i == rows.size(),
                        rules.rule(StageName.REGRESSION)));
                runStart = -1;
            }
        }
        stages.sort(Comparator.comparingInt(Stage::start).thenComparing(Stage::name));
        return new LifeCycle(
                stages,
                tipIndex < 0
                        ? OptionalInt.empty()
                        : OptionalInt.of(rows.get(tipIndex).year()),
                rules);
    }

    /** Dates the stages of {@code series} with the default rules. */
    public static LifeCycle of(YearlySeries series) {
        return of(series, LifeCycleRules.defaults());
    }

    /** The first stage (or regression episode) of the given name, if the series reaches it. */
    public Optional<Stage> first(StageName name) {
        return stages.stream().filter(s -> s.name() == name).findFirst();
    }

    /** Start year of the first stage of the given name, if the series reaches it. */
    public OptionalInt start(StageName name) {
        return first(name).map(s -> OptionalInt.of(s.start())).orElse(OptionalInt.empty());
    }

    /** All stages of the given name (regression may have several episodes). */
    public List<Stage> all(StageName name) {
        return stages.stream().filter(s -> s.name() == name).toList();
    }

    /** One line per stage, with dates and rules, for printing. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(tippingYear.isPresent() ? "tipping year " + tippingYear.getAsInt() : "no tipping point")
                .append(" (")
                .append(rules.tippingRule())
                .append(")\n");
        for (Stage s : stages) {
            b.append(s.describe()).append('\n');
        }
        return b.toString();
    }
}
