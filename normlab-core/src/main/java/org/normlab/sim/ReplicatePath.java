package org.normlab.sim;

/**
 * One replicate's history, as a {@link ReplicateListener} sees it: its yearly counts and the year in
 * which each state adopted or withdrew. A view of the engine's scratch arrays, valid only during the
 * listener's call and owned by the calling thread: copy what must outlive the call.
 */
public final class ReplicatePath {
    final RunFrame frame;
    int replicate;
    final int[] parties;
    final int[] withdrawn;
    final int[] newParties;
    final int[] withdrawals;
    /** Per state: the calendar year it adopted (withdrew) in, 0 if it did not. */
    final int[] adoptionYear;

    final int[] withdrawalYear;

    ReplicatePath(RunFrame frame) {
        this.frame = frame;
        this.parties = new int[frame.years];
        this.withdrawn = new int[frame.years];
        this.newParties = new int[frame.years];
        this.withdrawals = new int[frame.years];
        this.adoptionYear = new int[frame.states];
        this.withdrawalYear = new int[frame.states];
    }

    /** Replicate index, from 0. */
    public int replicate() {
        return replicate;
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

    /** ISO3 code of state s. */
    public String iso3(int s) {
        return frame.world.iso3(s);
    }

    /** States in the system in simulated year k. */
    public int inSystem(int k) {
        return frame.inCount[k + 1];
    }

    /** Parties in the system at the end of simulated year k. */
    public int parties(int k) {
        return parties[k];
    }

    /** Withdrawn states in the system at the end of simulated year k. */
    public int withdrawn(int k) {
        return withdrawn[k];
    }

    /** States that became party in simulated year k. */
    public int newParties(int k) {
        return newParties[k];
    }

    /** States whose withdrawal took effect in simulated year k. */
    public int withdrawals(int k) {
        return withdrawals[k];
    }

    /** Calendar year in which state s became party, 0 if it did not (or was party from the start). */
    public int adoptionYear(int s) {
        return adoptionYear[s];
    }

    /** Calendar year in which state s withdrew, 0 if it did not. */
    public int withdrawalYear(int s) {
        return withdrawalYear[s];
    }
}
