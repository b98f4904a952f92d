/**
 * The agent-based simulation of a norm's life cycle. Each state is an agent; each simulated year
 * every state at risk adopts with the probability its {@link org.normlab.sim.TransitionModel} gives
 * and every party may withdraw, all decisions taken from the world at the end of the previous
 * year. The exposures that feed the cascade back ({@link org.normlab.sim.Exposures}) are kept up to
 * date incrementally. An {@link org.normlab.sim.Ensemble} runs replicates in parallel with
 * per-replicate, per-mechanism random streams split from one seeded generator, so results do not
 * depend on the number of threads and a scenario and its baseline are paired. Its summaries
 * ({@link org.normlab.sim.CountHistogram}s of the yearly counts, the dated life cycles and the paired
 * differences) are accumulated as replicates finish, so memory does not grow with the replicates;
 * a {@link org.normlab.sim.ReplicateListener} sees every replicate's path as it is simulated.
 *
 * <p>Typical use:
 * <pre>{@code
 * SimWorld world = SimWorld.builder().states(iso3, region, subregion).years(1997, 2040)
 *         .openingYear(1997).covariate("conflict", values, 2024).build();
 * Simulation sim = Simulation.of(world, 1997, 2040,
 *         LinearIndexHazard.of(Map.of("(Intercept)", -3.0, "share_global", 2.5), org.normlab.estimate.Link.LOGIT));
 * EnsembleResult result = Ensemble.builder().replicates(1000).seed(42).build().run(sim);
 * EnsembleWriter.writeAll(dir, Manifest.of(version, digest), result);
 * Comparison paired = Ensemble.builder().replicates(1000).seed(42).build().compare(scenarioSim, sim);
 * EnsembleWriter.writeAll(dir, Manifest.of(version, digest), paired);
 * }</pre>
 */
package org.normlab.sim;
