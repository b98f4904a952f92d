package org.normlab.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * One simulation setting: a world, the simulated years and the models of adoption and, optionally,
 * withdrawal. Immutable. Run it with an {@link Ensemble}.
 *
 * @param world      the world
 * @param start      first simulated year: the opening year replays history from the start, a later
 *                   year projects from the observed status at the start of that year
 * @param horizon    last simulated year
 * @param adoption   the adoption model
 * @param withdrawal the withdrawal model, if parties may withdraw
 */
public record Simulation(
        SimWorld world, int start, int horizon, TransitionModel adoption, Optional<TransitionModel> withdrawal) {

    public Simulation {
        Objects.requireNonNull(world, "world");
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(withdrawal, "withdrawal");
        RunFrame.check(world, start, horizon);
    }

    /** A simulation without withdrawal. */
    public static Simulation of(SimWorld world, int start, int horizon, TransitionModel adoption) {
        return new Simulation(world, start, horizon, adoption, Optional.empty());
    }

    /** This simulation with parties at risk of withdrawal under {@code model}. */
    public Simulation withWithdrawal(TransitionModel model) {
        return new Simulation(world, start, horizon, adoption, Optional.of(model));
    }

    /** This simulation in another world (e.g. with a scenario's covariates), same years and models. */
    public Simulation withWorld(SimWorld other) {
        return new Simulation(other, start, horizon, adoption, withdrawal);
    }
}
