package org.normlab.analysis;

import org.normlab.data.Status;
import org.normlab.panel.Transition;

/**
 * The paper's typology of a state towards a norm, a 2x2 of perception and domestic pressure,
 * plus the labels of states outside the consent risk set. The rules, applied in this order, so that
 * a state gets exactly one label:
 * <ol>
 * <li>a state whose withdrawal has taken effect, or that is explained by the withdrawal model after
 * notifying one, is {@link #REGRESSED} (it keeps that label whatever its covariates);</li>
 * <li>a party explained by the withdrawal model is {@link #AT_RISK_OF_WITHDRAWAL}; any other party is
 * {@link #ADHERENT};</li>
 * <li>otherwise perception: the state <em>shares the norm in deeds</em> in the year explained when a
 * measure concerning the instrument of any scope but {@code none} is in force or it is party to a
 * weaker related regime ({@link Adherence#inDeeds()});</li>
 * <li>and pressure: domestic pressure is <em>strong</em> when the domestic-pressure block's
 * contribution to the linear predictor, against the mean of the risk set that year, is below
 * {@code -}{@link Explanation#PRESSURE_THRESHOLD} logit units;</li>
 * <li>deeds and strong pressure: {@link #BLOCKED}; deeds and weak pressure: {@link #HESITANT}; no deeds
 * and strong pressure: {@link #OPPOSED}; no deeds and weak pressure: {@link #REJECTING}.</li>
 * </ol>
 */
public enum Typology {
    ADHERENT("adherent", "a party to the instrument"),
    REGRESSED("regressed", "a former party that withdrew or has notified its withdrawal"),
    AT_RISK_OF_WITHDRAWAL("party at risk", "a party whose withdrawal hazard is modelled"),
    BLOCKED(
            "blocked",
            "shares the norm in deeds, but strong domestic pressure holds it back (the type the paper describes)"),
    HESITANT(
            "hesitant",
            "shares the norm in deeds and domestic pressure is weak: international pressure or an "
                    + "incentive may tip it"),
    OPPOSED("opposed", "does not share the norm in deeds, and domestic pressure is strong"),
    REJECTING(
            "rejecting",
            "does not share the norm in deeds and domestic pressure is weak: the norm itself is " + "not accepted");

    private final String label;
    private final String meaning;

    Typology(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the label is a cell of the perception x pressure table. */
    public boolean isCell() {
        return this == BLOCKED || this == HESITANT || this == OPPOSED || this == REJECTING;
    }

    /**
     * @param notified whether the state has notified a withdrawal by the end of the year explained
     * @param pressured whether domestic pressure is strong (see the class rules)
     */
    static Typology classify(
            Transition transition, Status status, boolean notified, boolean inDeeds, boolean pressured) {
        if (status == Status.WITHDRAWN || (transition == Transition.WITHDRAWAL && notified)) {
            return REGRESSED;
        }
        if (transition == Transition.WITHDRAWAL) {
            return AT_RISK_OF_WITHDRAWAL;
        }
        if (status == Status.PARTY) {
            return ADHERENT;
        }
        if (inDeeds) {
            return pressured ? BLOCKED : HESITANT;
        }
        return pressured ? OPPOSED : REJECTING;
    }
}
