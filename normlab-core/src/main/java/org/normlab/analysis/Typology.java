package org.normlab.analysis;

import org.normlab.data.Status;
import org.normlab.panel.Transition;

/**
 * The perception-vs-pressure typology of a state towards a norm: whether it shares the norm in
 * deeds (partial measures) and whether domestic factors hold it back (its domestic contribution
 * to the adoption index is below {@code -}{@link Explanation#PRESSURE_THRESHOLD}).
 */
public enum Typology {
    ADHERENT("adherent", "a party to the instrument"),
    REGRESSED("regressed", "a former party that withdrew"),
    AT_RISK_OF_WITHDRAWAL("party at risk", "a party whose withdrawal hazard is modelled"),
    BLOCKED("blocked", "shares the norm in deeds, but domestic pressure outweighs it (the paper's Russia)"),
    HESITANT("hesitant", "shares the norm in deeds and domestic factors do not hold it back: "
            + "international pressure or an incentive may tip it"),
    OPPOSED("opposed", "no partial measures, and domestic pressure against the norm"),
    REJECTING("rejecting", "no partial measures and no strong domestic pressure: the norm itself is not accepted");

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

    static Typology classify(Transition transition, Status status, Adherence adherence, double domestic) {
        if (status == Status.WITHDRAWN) {
            return REGRESSED;
        }
        if (transition == Transition.WITHDRAWAL) {
            return AT_RISK_OF_WITHDRAWAL;
        }
        if (status == Status.PARTY) {
            return ADHERENT;
        }
        boolean perceives = adherence.level() >= 1;
        boolean pressured = domestic < -Explanation.PRESSURE_THRESHOLD;
        if (perceives) {
            return pressured ? BLOCKED : HESITANT;
        }
        return pressured ? OPPOSED : REJECTING;
    }
}
