package org.normlab.panel;

/**
 * What the panel does with a state-year whose covariate has no value. {@code DROP} leaves the row
 * out; {@code FILL} sets the value to 0 and adds a column {@code <variable>_missing} that is 1 on
 * such rows, so the model estimates a separate level for them. Indicators whose absence means "none
 * recorded" (memberships, declared policies) are 0, not missing.
 */
public enum MissingPolicy {
    DROP,
    FILL
}
