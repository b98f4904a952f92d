package org.normlab.estimate;

/**
 * How the Bass model maps to per-period adoptions s<sub>t</sub>, t = 1, 2, &hellip; counted from
 * the launch (the opening of a treaty for signature), with cumulative share
 * F(t) = (1&minus;e<sup>&minus;(p+q)t</sup>)/(1+(q/p)e<sup>&minus;(p+q)t</sup>).
 */
public enum BassForm {
    /** s<sub>t</sub> = m&middot;[F(t) &minus; F(t&minus;1)]: adoptions during period t (default). */
    PERIOD,
    /** s<sub>t</sub> = m&middot;f(t), f = F': the instantaneous adoption rate at time t. */
    DENSITY
}
