package org.normlab.sim;

import java.util.List;
import java.util.OptionalInt;
import org.normlab.lifecycle.LifeCycle;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.lifecycle.YearlySeries;

/**
 * What an {@link Ensemble} run produced: for every replicate and simulated year the number of
 * parties, withdrawn states, new parties and withdrawals; for every state and year the number of
 * replicates in which it is party or withdrawn; and, if kept, every replicate's adoption and
 * withdrawal year of every state. Counts of parties and withdrawn states are of states in the
 * system that year, at the end of the year.
 *
 * <p>Immutable and thread-safe once returned.
 */
public final class EnsembleResult {
    private final Simulation simulation;
    private final RunFrame frame;
    private final long seed;
    private final int replicates;
    private final LifeCycleRules rules;
    private final int[] parties;
    private final int[] withdrawn;
    private final int[] newParties;
    private final int[] withdrawals;
    private final int[] partyCount;
    private final int[] withdrawnCount;
    private final int[] adoptionYear;
    private final int[] withdrawalYear;
    private final long atRiskStateYears;

    EnsembleResult(Simulation simulation, RunFrame frame, long seed, int replicates, LifeCycleRules rules,
                   int[] parties, int[] withdrawn, int[] newParties, int[] withdrawals, int[] adoptedIn,
                   int[] withdrewIn, int[] adoptionYear, int[] withdrawalYear, long atRiskStateYears) {
        this.simulation = simulation;
        this.frame = frame;
        this.seed = seed;
        this.replicates = replicates;
        this.rules = rules;
        this.parties = parties;
        this.withdrawn = withdrawn;
        this.newParties = newParties;
        this.withdrawals = withdrawals;
        this.adoptionYear = adoptionYear;
        this.withdrawalYear = withdrawalYear;
        this.atRiskStateYears = atRiskStateYears;
        int years = frame.years;
        this.partyCount = new int[adoptedIn.length];
        this.withdrawnCount = new int[adoptedIn.length];
        for (int s = 0; s < frame.states; s++) {
            int party = frame.initialStatus[s] == Status.PARTY ? replicates : 0;
            int gone = frame.initialStatus[s] == Status.WITHDRAWN ? replicates : 0;
            for (int k = 0; k < years; k++) {
                int i = s * years + k;
                party += adoptedIn[i] - withdrewIn[i];
                gone += withdrewIn[i];
                partyCount[i] = party;
                withdrawnCount[i] = gone;
            }
        }
    }

    /** The simulation that was run. */
    public Simulation simulation() {
        return simulation;
    }

    /** The run frame (world bound to the simulated years). */
    public RunFrame frame() {
        return frame;
    }

    /** Seed of the run. */
    public long seed() {
        return seed;
    }

    /** Number of replicates R. */
    public int replicates() {
        return replicates;
    }

    /** State-years simulated: states in the system, summed over years and replicates. */
    public long stateYears() {
        return frame.stateYears() * replicates;
    }

    /**
     * State-years at risk of a modelled transition (adoption, or withdrawal when modelled), summed
     * over years and replicates: the state-years whose hazard was evaluated.
     */
    public long atRiskStateYears() {
        return atRiskStateYears;
    }

    /** The life-cycle rules used for {@link #lifecycle}. */
    public LifeCycleRules lifecycleRules() {
        return rules;
    }

    /** Number of simulated years K. */
    public int yearCount() {
        return frame.years;
    }

    /** Calendar year of simulated year k. */
    public int year(int k) {
        return frame.start + k;
    }

    /** Number of states S. */
    public int stateCount() {
        return frame.states;
    }

    /** ISO3 codes in state order. */
    public List<String> iso3() {
        return frame.world.iso3();
    }

    /** States in the system in simulated year k (the same in every replicate). */
    public int inSystem(int k) {
        return frame.inCount[k + 1];
    }

    /** Parties in the system at the end of simulated year k of replicate r. */
    public int parties(int r, int k) {
        return parties[r * frame.years + k];
    }

    /** Withdrawn states in the system at the end of simulated year k of replicate r. */
    public int withdrawn(int r, int k) {
        return withdrawn[r * frame.years + k];
    }

    /** States that became party in simulated year k of replicate r. */
    public int newParties(int r, int k) {
        return newParties[r * frame.years + k];
    }

    /** States whose withdrawal took effect in simulated year k of replicate r. */
    public int withdrawals(int r, int k) {
        return withdrawals[r * frame.years + k];
    }

    /** Share of replicates in which state s is party at the end of simulated year k. */
    public double partyProbability(int s, int k) {
        return (double) partyCount[s * frame.years + k] / replicates;
    }

    /** Share of replicates in which state s has withdrawn by the end of simulated year k. */
    public double withdrawnProbability(int s, int k) {
        return (double) withdrawnCount[s * frame.years + k] / replicates;
    }

    /** Whether every replicate's path was kept ({@link Ensemble.Builder#keepPaths}). */
    public boolean hasPaths() {
        return adoptionYear != null;
    }

    /**
     * The simulated year in which state s became party in replicate r, empty if it did not (or was
     * party from the start).
     *
     * @throws IllegalStateException if paths were not kept
     */
    public OptionalInt adoptionYear(int r, int s) {
        return year(adoptionYear, r, s);
    }

    /** The simulated year in which state s withdrew in replicate r, empty if it did not. */
    public OptionalInt withdrawalYear(int r, int s) {
        return year(withdrawalYear, r, s);
    }

    private OptionalInt year(int[] years, int r, int s) {
        if (years == null) {
            throw new IllegalStateException("paths were not kept; build the ensemble with keepPaths(true)");
        }
        int y = years[r * frame.states + s];
        return y == 0 ? OptionalInt.empty() : OptionalInt.of(y);
    }

    /** Replicate r's yearly series, preceded by the observed years before the start when the world holds them. */
    public YearlySeries series(int r) {
        int years = frame.years;
        int[] in = new int[years];
        for (int k = 0; k < years; k++) {
            in[k] = frame.inCount[k + 1];
        }
        int o = r * years;
        YearlySeries simulated = YearlySeries.of(frame.start, in,
                java.util.Arrays.copyOfRange(parties, o, o + years),
                java.util.Arrays.copyOfRange(newParties, o, o + years),
                java.util.Arrays.copyOfRange(withdrawals, o, o + years));
        return frame.history == null ? simulated : frame.history.followedBy(simulated);
    }

    /** The life cycle of replicate r, dated on {@link #series}. */
    public LifeCycle lifecycle(int r) {
        return LifeCycle.of(series(r), rules);
    }
}
