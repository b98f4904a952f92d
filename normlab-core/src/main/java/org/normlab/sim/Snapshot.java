package org.normlab.sim;

/**
 * One replicate's world at the end of the previous year, as the models see it when they decide
 * simulated year k: every state's status and the exposures. The engine keeps the exposures' numerators
 * (parties among each state's neighbours, in each subregion, among allies, in the system) up to date
 * incrementally as states adopt, withdraw, enter or leave the system and join the alliance; the
 * shares it reports are exactly those of {@link Exposures#compute} on the same world.
 *
 * <p>It also keeps, for each transition, the list of the states at risk this year (in the system
 * this year, with the status the transition starts from), so that models visit only those. The
 * order of a list depends on the replicate's history, never on threads; decisions do not depend on it.
 *
 * <p>Owned by one worker thread and changed by the engine between years: not thread-safe, and valid
 * only during a {@link TransitionRule.Worker#decide} call.
 */
public final class Snapshot {
    final RunFrame frame;
    final byte[] status;
    final int[] borderParties;
    final int[] subregionParties;
    int allyParties;
    int parties;
    int withdrawn;
    int k;
    double shareGlobal;
    /** Per transition (ordinal): the states at risk this year, in {@code riskCount} leading entries. */
    final int[][] risk;

    final int[] riskCount;
    /** Per state: the transition (ordinal) whose list holds it, or −1; and its position there. */
    private final byte[] riskList;

    private final int[] riskPos;

    Snapshot(RunFrame frame) {
        this.frame = frame;
        this.status = new byte[frame.states];
        this.borderParties = new int[frame.states];
        this.subregionParties = new int[frame.subregionCount];
        this.risk = new int[Transition.values().length][frame.states];
        this.riskCount = new int[Transition.values().length];
        this.riskList = new byte[frame.states];
        this.riskPos = new int[frame.states];
    }

    /** Number of states at risk of {@code transition} this year. */
    public int atRiskCount(Transition transition) {
        return riskCount[transition.ordinal()];
    }

    /** The j-th state at risk of {@code transition} this year, j in 0..{@link #atRiskCount}−1. */
    public int atRiskState(Transition transition, int j) {
        if (j < 0 || j >= riskCount[transition.ordinal()]) {
            throw new IndexOutOfBoundsException(j);
        }
        return risk[transition.ordinal()][j];
    }

    /** Index k of the simulated year being decided. */
    public int yearIndex() {
        return k;
    }

    /** Calendar year being decided. */
    public int year() {
        return frame.start + k;
    }

    /** The run frame. */
    public RunFrame frame() {
        return frame;
    }

    /** Status of state s at the end of last year ({@link Status} codes). */
    public byte status(int s) {
        return status[s];
    }

    /** Whether state s is at risk of {@code transition} this year: in the system now, with the right status. */
    public boolean atRisk(int s, Transition transition) {
        return status[s] == transition.atRisk() && frame.in[k + 1][s];
    }

    /** share_global from last year's world. */
    public double shareGlobal() {
        return shareGlobal;
    }

    /** share_border of state s from last year's world. */
    public double shareBorder(int s) {
        return Exposures.share(borderParties[s], frame.borderDenominator[k * frame.states + s]);
    }

    /** share_subregion of state s from last year's world (s itself excluded). */
    public double shareSubregion(int s) {
        return Exposures.share(
                subregionParties[frame.subregion[s]] - selfCounted(s),
                frame.subregionDenominator[k * frame.states + s]);
    }

    /** share_allies of state s from last year's world (s itself excluded; 0 for non-members). */
    public double shareAllies(int s) {
        return frame.ally[k][s]
                ? Exposures.share(allyParties - selfCounted(s), frame.allyDenominator[k * frame.states + s])
                : 0.0;
    }

    /**
     * share_ties_K of state s from last year's world, by the network's definition
     * ({@link TieNetwork#share}): ties in force last year, partners in the system last year.
     */
    public double shareTies(TieNetwork network, int s) {
        return network.share(s, frame.start + k - 1, frame.in[k], status);
    }

    /** 1 when s itself is among last year's counted parties (party and in the system), else 0. */
    private int selfCounted(int s) {
        return status[s] == Status.PARTY && frame.in[k][s] ? 1 : 0;
    }

    /** The given exposure of state s from last year's world. */
    public double share(Exposure exposure, int s) {
        return switch (exposure) {
            case GLOBAL -> shareGlobal;
            case BORDER -> shareBorder(s);
            case SUBREGION -> shareSubregion(s);
            case ALLIES -> shareAllies(s);
        };
    }

    /** Resets to the frame's starting status and recounts everything for simulated year 0. */
    void reset() {
        System.arraycopy(frame.initialStatus, 0, status, 0, status.length);
        java.util.Arrays.fill(borderParties, 0);
        java.util.Arrays.fill(subregionParties, 0);
        allyParties = 0;
        parties = 0;
        withdrawn = 0;
        k = 0;
        riskCount[0] = 0;
        riskCount[1] = 0;
        java.util.Arrays.fill(riskList, (byte) -1);
        for (int s = 0; s < status.length; s++) {
            contribute(s, 0, 1);
            updateRisk(s);
        }
        updateGlobal();
    }

    /** Copies another snapshot of the same frame, e.g. a template reset once per thread. */
    void copyFrom(Snapshot o) {
        System.arraycopy(o.status, 0, status, 0, status.length);
        System.arraycopy(o.borderParties, 0, borderParties, 0, borderParties.length);
        System.arraycopy(o.subregionParties, 0, subregionParties, 0, subregionParties.length);
        for (int t = 0; t < risk.length; t++) {
            System.arraycopy(o.risk[t], 0, risk[t], 0, o.riskCount[t]);
            riskCount[t] = o.riskCount[t];
        }
        System.arraycopy(o.riskList, 0, riskList, 0, riskList.length);
        System.arraycopy(o.riskPos, 0, riskPos, 0, riskPos.length);
        allyParties = o.allyParties;
        parties = o.parties;
        withdrawn = o.withdrawn;
        k = o.k;
        shareGlobal = o.shareGlobal;
    }

    /** Recomputes share_global for the current year index. */
    void updateGlobal() {
        shareGlobal = Exposures.share(parties, frame.inCount[k]);
    }

    /** Applies a transition of state s decided for the current year, with last year's flags. */
    void apply(int s, Transition transition) {
        contribute(s, k, -1);
        status[s] = transition == Transition.ADOPTION ? Status.PARTY : Status.WITHDRAWN;
        contribute(s, k, 1);
        updateRisk(s);
    }

    /** Moves to the next year: the flags of the year just decided become "last year's". */
    void advance() {
        for (int s : frame.changed[k]) {
            contribute(s, k, -1);
            contribute(s, k + 1, 1);
        }
        k++;
        if (k < frame.years) {
            for (int s : frame.changed[k]) {
                updateRisk(s);
            }
            updateGlobal();
        }
    }

    /** Puts state s in the at-risk list its status and this year's system flag call for. */
    private void updateRisk(int s) {
        int want = -1;
        if (frame.in[k + 1][s]) {
            if (status[s] == Status.NOT_PARTY) {
                want = Transition.ADOPTION.ordinal();
            } else if (status[s] == Status.PARTY) {
                want = Transition.WITHDRAWAL.ordinal();
            }
        }
        int have = riskList[s];
        if (have == want) {
            return;
        }
        if (have >= 0) {
            int[] list = risk[have];
            int last = list[--riskCount[have]];
            list[riskPos[s]] = last;
            riskPos[last] = riskPos[s];
        }
        if (want >= 0) {
            riskPos[s] = riskCount[want];
            risk[want][riskCount[want]++] = s;
        }
        riskList[s] = (byte) want;
    }

    private void contribute(int s, int row, int sign) {
        if (!frame.in[row][s]) {
            return;
        }
        byte st = status[s];
        if (st == Status.PARTY) {
            parties += sign;
            for (int m : frame.neighbours[s]) {
                borderParties[m] += sign;
            }
            subregionParties[frame.subregion[s]] += sign;
            if (frame.ally[row][s]) {
                allyParties += sign;
            }
        } else if (st == Status.WITHDRAWN) {
            withdrawn += sign;
        }
    }
}
