package org.normlab.lifecycle;

import java.util.Objects;

/**
 * One stage (or, for regression, one episode) of a life cycle.
 *
 * @param name    the stage
 * @param start   first year of the stage
 * @param end     last year of the stage, inclusive (≥ start)
 * @param ongoing true when the stage lasts to the end of the series, so its end is not yet known
 * @param rule    the rule that dated the stage, in words, with its parameters
 */
public record Stage(StageName name, int start, int end, boolean ongoing, String rule) {

    public Stage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        if (end < start) {
            throw new IllegalArgumentException(name.label() + ": end " + end + " precedes start " + start);
        }
    }

    /** A printable line such as {@code cascade 1999-2003: <rule>} or {@code internalization 2004-: <rule>}. */
    public String describe() {
        return name.label() + " " + start + "-" + (ongoing ? "" : Integer.toString(end)) + ": " + rule;
    }
}
