/**
 * Scenarios: what-if settings of a simulation read from YAML or JSON files, validated with messages
 * that name the bad field, and applied to a {@link org.normlab.sim.SimWorld} as a modified copy of
 * its covariates. The schema is documented in {@code docs/scenarios.md}.
 *
 * <pre>{@code
 * Scenario scenario = ScenarioReader.read(Path.of("russia.yaml"));   // syntax and structure
 * scenario.validate(world);                                           // states, variables, years
 * Simulation run = scenario.simulation(world, ModelResolver.coefficientsOnly());
 * Simulation base = scenario.baseline().simulation(world, ModelResolver.coefficientsOnly());
 * Comparison paired = ensemble.compare(run, base);
 * }</pre>
 */
package org.normlab.scenario;
