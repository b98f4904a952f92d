/**
 * The life cycle of a norm read from a yearly adoption series: emergence until a tipping point,
 * a cascade while adoption is fast, internalization once it plateaus, and regression in years in
 * which withdrawals outnumber new parties. {@link org.normlab.lifecycle.LifeCycle#of} is a pure
 * function used on observed data and on every simulated replicate alike.
 */
package org.normlab.lifecycle;
