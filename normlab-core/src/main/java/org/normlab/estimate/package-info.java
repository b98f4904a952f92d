/**
 * Estimation of discrete-time hazard models of treaty adoption and their comparison.
 *
 * <p>The package follows a Problem &rarr; Estimator &rarr; Estimate pattern: a {@link
 * org.normlab.estimate.HazardProblem} holds the data (event indicator, covariates, cluster ids,
 * link), a {@link org.normlab.estimate.HazardEstimator} holds the method (maximum likelihood,
 * Firth/mean-bias reduction, ridge, standard-error type, tolerances) and {@link
 * org.normlab.estimate.HazardEstimator#fit(HazardProblem)} returns an immutable {@link
 * org.normlab.estimate.HazardEstimate} that reports coefficients, standard errors, fit statistics,
 * iterations, convergence and plain-language diagnostics.
 *
 * <p>Alongside: {@link org.normlab.estimate.LikelihoodRatioTest} for nested models, {@link
 * org.normlab.estimate.ForecastScores} for out-of-sample probability forecasts, {@link
 * org.normlab.estimate.Folds} for cross-validation splits by state or by year, and {@link
 * org.normlab.estimate.BassFit} for the Bass diffusion model of cumulative adoption.
 *
 * <p>Results are checked against R ({@code glm}, {@code sandwich::vcovCL}, {@code brglm2},
 * {@code nls}); the R scripts live under {@code normlab-core/src/test/R/}.
 */
package org.normlab.estimate;
