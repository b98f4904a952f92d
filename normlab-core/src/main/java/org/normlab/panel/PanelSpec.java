package org.normlab.panel;

import java.util.List;
import java.util.Objects;
import org.normlab.data.InputException;

/**
 * What risk-set panel to build. Immutable.
 *
 * @param instrument instrument id
 * @param transition the event modelled
 * @param firstYear  first risk year, or 0 for the instrument's opening year
 * @param lastYear   last risk year, or 0 for the last data year
 * @param lag        years between a covariate and the risk year it explains (>= 0; exposures
 *                   always look at least one year back, so a state's own event never explains itself)
 * @param variables  variable names, in column order
 * @param missing    what to do with missing covariate values
 */
public record PanelSpec(
        String instrument,
        Transition transition,
        int firstYear,
        int lastYear,
        int lag,
        List<String> variables,
        MissingPolicy missing) {
    public PanelSpec {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(missing, "missing");
        variables = List.copyOf(variables);
        if (lag < 0 || lag > 10) {
            throw new InputException("--lag must be between 0 and 10 years, got " + lag);
        }
        if (firstYear != 0 && lastYear != 0 && lastYear < firstYear) {
            throw new InputException("the year range " + firstYear + "-" + lastYear + " is empty");
        }
        if (variables.stream().distinct().count() != variables.size()) {
            throw new InputException("a variable is named twice: " + variables);
        }
    }

    public static PanelSpec of(String instrument, Transition transition, List<String> variables) {
        return new PanelSpec(instrument, transition, 0, 0, 1, variables, MissingPolicy.DROP);
    }

    public PanelSpec withYears(int first, int last) {
        return new PanelSpec(instrument, transition, first, last, lag, variables, missing);
    }

    public PanelSpec withLag(int newLag) {
        return new PanelSpec(instrument, transition, firstYear, lastYear, newLag, variables, missing);
    }

    public PanelSpec withMissing(MissingPolicy policy) {
        return new PanelSpec(instrument, transition, firstYear, lastYear, lag, variables, policy);
    }

    public PanelSpec withVariables(List<String> vars) {
        return new PanelSpec(instrument, transition, firstYear, lastYear, lag, vars, missing);
    }
}
