package org.normlab.lifecycle;

/** The stages of a norm's life cycle, after Finnemore and Sikkink, plus regression. */
public enum StageName {
    /** Before the tipping point: norm entrepreneurs persuade a first group of states. */
    EMERGENCE,
    /** From the tipping point while adoption stays fast. */
    CASCADE,
    /** Once adoption has slowed: the norm is taken for granted by those who hold it. */
    INTERNALIZATION,
    /** Years in which withdrawals outnumber new parties; may overlap the stages above. */
    REGRESSION;

    /** Lower-case name used in files and reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
