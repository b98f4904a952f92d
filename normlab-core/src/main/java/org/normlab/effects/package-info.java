/**
 * The effects researchers report from a fitted hazard model: odds ratios, Wald and
 * profile-likelihood confidence intervals ({@link org.normlab.effects.Intervals}), average
 * marginal effects with delta-method standard errors ({@link org.normlab.effects.MarginalEffects})
 * and predicted probabilities for covariate profiles ({@link org.normlab.effects.Prediction}).
 * Every result is checked against R (glm, confint, a base-R computation of marginal effects) in
 * the tests.
 */
package org.normlab.effects;
