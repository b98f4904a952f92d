package org.normlab.sim;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.normlab.lifecycle.LifeCycle;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.lifecycle.StageName;
import org.normlab.lifecycle.YearlySeries;

/**
 * What an {@link Ensemble} run produced: for every simulated year the distribution over replicates
 * of the number of parties, withdrawn states, new parties and withdrawals ({@link CountHistogram}s);
 * for every state and year the number of replicates in which it is party or withdrawn; the
 * distributions of the tipping year and of each life-cycle stage's first start; and, if kept
 * ({@link Ensemble.Builder#keepPaths}), every replicate's path. Counts of parties and withdrawn states
 * are of states in the system that year, at the end of the year. Without kept paths its size depends
 * on the years and states, not on the replicates.
 *
 * <p>Immutable and thread-safe once returned.
 */
public final class EnsembleResult {
    private final Simulation simulation;
    private final RunFrame frame;
    private final long seed;
    private final int replicates;
    private final LifeCycleRules rules;
    private final CountHistogram[] partiesByYear;
    private final CountHistogram[] withdrawnByYear;
    private final CountHistogram[] newPartiesByYear;
    private final CountHistogram[] withdrawalsByYear;
    private final CountHistogram tipping;
    private final CountHistogram[] stageStarts;
    private final long[] atLastYear;
    private final int[] partyCount;
    private final int[] withdrawnCount;
    private final int[] parties;
    private final int[] withdrawn;
    private final int[] newParties;
    private final int[] withdrawals;
    private final int[] adoptionYear;
    private final int[] withdrawalYear;
    private final long atRiskStateYears;
    private final List<String> focus;
    private final ProbabilityTally focusTally;
    /** Per simulated year: observed parties and withdrawn states in the system, −1 after the data. */
    private final int[] observedParties;

    private final int[] observedWithdrawn;

    EnsembleResult(
            Simulation simulation,
            RunFrame frame,
            long seed,
            int replicates,
            LifeCycleRules rules,
            Tallies t,
            int[] parties,
            int[] withdrawn,
            int[] newParties,
            int[] withdrawals,
            int[] adoptionYear,
            int[] withdrawalYear,
            List<String> focus,
            ProbabilityTally focusTally) {
        this.focus = List.copyOf(focus);
        this.focusTally = focusTally;
        this.observedParties = new int[frame.years];
        this.observedWithdrawn = new int[frame.years];
        for (int k = 0; k < frame.years; k++) {
            var status = frame.world.observedStatus(frame.start + k);
            observedParties[k] = -1;
            observedWithdrawn[k] = -1;
            if (status.isPresent()) {
                int party = 0;
                int gone = 0;
                for (int s = 0; s < frame.states; s++) {
                    if (frame.in[k + 1][s]) {
                        party += status.get()[s] == Status.PARTY ? 1 : 0;
                        gone += status.get()[s] == Status.WITHDRAWN ? 1 : 0;
                    }
                }
                observedParties[k] = party;
                observedWithdrawn[k] = gone;
            }
        }
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
        this.atRiskStateYears = t.atRiskStateYears;
        int years = frame.years;
        this.partiesByYear = new CountHistogram[years];
        this.withdrawnByYear = new CountHistogram[years];
        this.newPartiesByYear = new CountHistogram[years];
        this.withdrawalsByYear = new CountHistogram[years];
        for (int k = 0; k < years; k++) {
            partiesByYear[k] = new CountHistogram(0, t.parties, k * t.width, t.width);
            withdrawnByYear[k] = new CountHistogram(0, t.withdrawn, k * t.width, t.width);
            newPartiesByYear[k] = new CountHistogram(0, t.newParties, k * t.width, t.width);
            withdrawalsByYear[k] = new CountHistogram(0, t.withdrawals, k * t.width, t.width);
        }
        this.tipping = new CountHistogram(t.seriesFirst, t.lifecycleStarts, 0, t.seriesYears);
        this.stageStarts = new CountHistogram[Tallies.STAGES];
        for (int j = 0; j < Tallies.STAGES; j++) {
            stageStarts[j] =
                    new CountHistogram(t.seriesFirst, t.lifecycleStarts, (1 + j) * t.seriesYears, t.seriesYears);
        }
        this.atLastYear = t.atLastYear.clone();
        int[] adoptedIn = t.adoptedIn;
        int[] withdrewIn = t.withdrewIn;
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

    /** The distribution over replicates of the parties in the system at the end of simulated year k. */
    public CountHistogram parties(int k) {
        return partiesByYear[k];
    }

    /** The distribution over replicates of the withdrawn states in the system at the end of simulated year k. */
    public CountHistogram withdrawn(int k) {
        return withdrawnByYear[k];
    }

    /** The distribution over replicates of the states that became party in simulated year k. */
    public CountHistogram newParties(int k) {
        return newPartiesByYear[k];
    }

    /** The distribution over replicates of the states whose withdrawal took effect in simulated year k. */
    public CountHistogram withdrawals(int k) {
        return withdrawalsByYear[k];
    }

    /**
     * The distribution of the tipping year ({@link LifeCycleRules}) over the replicates that reach it;
     * its {@code count()} is the number that do. Life cycles are dated on {@link #series}, the observed
     * years before the start followed by the simulated ones.
     */
    public CountHistogram tippingYears() {
        return tipping;
    }

    /** The distribution of the first start year of {@code stage} over the replicates that reach it. */
    public CountHistogram stageStarts(StageName stage) {
        return stageStarts[stage.ordinal()];
    }

    /** Replicates in which {@code stage} is in progress in the last simulated year. */
    public long inStageAtHorizon(StageName stage) {
        return atLastYear[stage.ordinal()];
    }

    /**
     * Parties in the system at the end of simulated year k of replicate r.
     *
     * @throws IllegalStateException if paths were not kept
     */
    public int parties(int r, int k) {
        return kept(parties)[r * frame.years + k];
    }

    /** Withdrawn states in the system at the end of simulated year k of replicate r; needs kept paths. */
    public int withdrawn(int r, int k) {
        return kept(withdrawn)[r * frame.years + k];
    }

    /** States that became party in simulated year k of replicate r; needs kept paths. */
    public int newParties(int r, int k) {
        return kept(newParties)[r * frame.years + k];
    }

    /** States whose withdrawal took effect in simulated year k of replicate r; needs kept paths. */
    public int withdrawals(int r, int k) {
        return kept(withdrawals)[r * frame.years + k];
    }

    private static int[] kept(int[] values) {
        if (values == null) {
            throw new IllegalStateException("paths were not kept; build the ensemble with keepPaths(true)");
        }
        return values;
    }

    /**
     * What actually happened: the number of states in the system that were party at the end of
     * simulated year k, counted as the simulation counts its parties; empty for a year after the
     * world's observed status (a projection).
     */
    public OptionalInt observedParties(int k) {
        return observedParties[k] < 0 ? OptionalInt.empty() : OptionalInt.of(observedParties[k]);
    }

    /** As {@link #observedParties}, for the states in the system that had withdrawn. */
    public OptionalInt observedWithdrawn(int k) {
        return observedWithdrawn[k] < 0 ? OptionalInt.empty() : OptionalInt.of(observedWithdrawn[k]);
    }

    /** The observed {@link Status} of state s at the end of simulated year k, empty after the data. */
    public Optional<Byte> observedStatus(int s, int k) {
        return frame.world.observedStatus(frame.start + k).map(st -> st[s]);
    }

    /** Whether the run covers years with an observed status, which it then reports beside the simulation. */
    public boolean isHistorical() {
        return observedParties[0] >= 0;
    }

    /** The focus states of the run ({@link Ensemble.Builder#focus}). */
    public List<String> focusStates() {
        return focus;
    }

    /**
     * The distribution over replicates of a focus state's probability of having joined by the end of
     * {@code year}: per replicate 1 if party at the start, 0 if it had withdrawn, else 1 − Π (1 − p_t)
     * over the simulated years t up to {@code year}, p_t its adoption probability given the replicate's
     * world of the year before, its frailty and its parameter draw (evaluated as if it had not joined).
     * Its mean estimates the probability of joining; its 5–95 % range shows how much that probability
     * varies with the frailty and parameter draws and with the others' paths.
     *
     * @throws IllegalArgumentException if {@code iso3} is not a focus state or {@code year} not simulated
     */
    public ProbabilitySummary joinProbability(String iso3, int year) {
        return focusTally.summary(focusCell(focus, iso3, year, frame));
    }

    /** The cell of a focus state and year in a {@link ProbabilityTally}. */
    static int focusCell(List<String> focus, String iso3, int year, RunFrame frame) {
        int j = focus.indexOf(iso3);
        if (j < 0) {
            throw new IllegalArgumentException(iso3 + " is not a focus state of the run (focus: " + focus + ")");
        }
        if (year < frame.start || year > frame.horizon) {
            throw new IllegalArgumentException(
                    year + " is not a simulated year (" + frame.start + "-" + frame.horizon + ")");
        }
        return j * frame.years + year - frame.start;
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
        int y = kept(years)[r * frame.states + s];
        return y == 0 ? OptionalInt.empty() : OptionalInt.of(y);
    }

    /**
     * Replicate r's yearly series, preceded by the observed years before the start when the world
     * holds them; needs kept paths.
     */
    public YearlySeries series(int r) {
        int years = frame.years;
        int[] in = new int[years];
        for (int k = 0; k < years; k++) {
            in[k] = frame.inCount[k + 1];
        }
        int o = r * years;
        kept(parties);
        YearlySeries simulated = YearlySeries.of(
                frame.start,
                in,
                java.util.Arrays.copyOfRange(parties, o, o + years),
                java.util.Arrays.copyOfRange(newParties, o, o + years),
                java.util.Arrays.copyOfRange(withdrawals, o, o + years));
        return frame.history == null ? simulated : frame.history.followedBy(simulated);
    }

    /** The life cycle of replicate r, dated on {@link #series}; needs kept paths. */
    public LifeCycle lifecycle(int r) {
        return LifeCycle.of(series(r), rules);
    }
}
