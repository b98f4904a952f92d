package org.normlab.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stored network of one kind (an alliance, a regional organisation, trade partners) over the
 * states of a world, and the one definition of the exposure {@code share_ties_K}, used by the
 * panels on observed data and by the simulation on simulated worlds.
 *
 * <p>Ties are undirected, dated (in force from one year to another, inclusive) and weighted
 * (weight &gt; 0, 1 for an unweighted network). The exposure of state s in the year after
 * {@code year} is the weighted share of its partners that are party at the end of {@code year}:
 * Σ w·party / Σ w over its ties in force in {@code year} whose partner is in the state system that
 * year; 0 for a state without such partners (as {@code share_border} for a state without land
 * neighbours). Unweighted, it is the share of its partners that are party. A pair tied twice in
 * the same year counts twice, with both weights.
 *
 * <p>Immutable and thread safe.
 */
public final class TieNetwork {
    private final int states;
    private final int[] a;
    private final int[] b;
    private final int[] from;
    private final int[] to;
    private final double[] weight;
    /** Per state: the indices of its ties. */
    private final int[][] incident;

    private TieNetwork(int states, int[] a, int[] b, int[] from, int[] to, double[] weight) {
        this.states = states;
        this.a = a;
        this.b = b;
        this.from = from;
        this.to = to;
        this.weight = weight;
        int[] degree = new int[states];
        for (int e = 0; e < a.length; e++) {
            degree[a[e]]++;
            degree[b[e]]++;
        }
        incident = new int[states][];
        for (int s = 0; s < states; s++) {
            incident[s] = new int[degree[s]];
        }
        int[] fill = new int[states];
        for (int e = 0; e < a.length; e++) {
            incident[a[e]][fill[a[e]]++] = e;
            incident[b[e]][fill[b[e]]++] = e;
        }
    }

    /** A network without ties over {@code states} states. */
    public static TieNetwork empty(int states) {
        return new TieNetwork(states, new int[0], new int[0], new int[0], new int[0], new double[0]);
    }

    /**
     * A network from its ties, one entry per tie in every array.
     *
     * @param states number of states of the world
     * @param a      one end (a state index)
     * @param b      the other end, not {@code a}
     * @param from   first year in force
     * @param to     last year in force, {@link Integer#MAX_VALUE} while still in force
     * @param weight weight, finite and &gt; 0
     * @throws IllegalArgumentException for arrays of different lengths, an index outside the
     *                                  states, a self-tie, a tie ending before it starts or a bad weight
     */
    public static TieNetwork of(int states, int[] a, int[] b, int[] from, int[] to, double[] weight) {
        int m = a.length;
        if (b.length != m || from.length != m || to.length != m || weight.length != m) {
            throw new IllegalArgumentException("a network needs one entry per tie in every array");
        }
        for (int e = 0; e < m; e++) {
            if (a[e] < 0 || a[e] >= states || b[e] < 0 || b[e] >= states || a[e] == b[e]) {
                throw new IllegalArgumentException(
                        "tie " + e + " joins states " + a[e] + " and " + b[e] + " (0.." + (states - 1) + ", distinct)");
            }
            if (to[e] < from[e]) {
                throw new IllegalArgumentException(
                        "tie " + e + " ends in " + to[e] + " before it starts in " + from[e]);
            }
            if (!(weight[e] > 0) || !Double.isFinite(weight[e])) {
                throw new IllegalArgumentException(
                        "tie " + e + " has weight " + weight[e] + "; it must be finite and > 0");
            }
        }
        return new TieNetwork(states, a.clone(), b.clone(), from.clone(), to.clone(), weight.clone());
    }

    /** Number of states the network is over. */
    public int stateCount() {
        return states;
    }

    /** Number of ties. */
    public int tieCount() {
        return a.length;
    }

    /**
     * This network with ties added (in force {@code fromYear..toYear}, weight 1) and, first, the ties
     * between given pairs cut over those years: a removed tie stays in force in the years outside
     * {@code fromYear..toYear}.
     *
     * @param add    pairs of state indices to tie
     * @param remove pairs of state indices whose ties end
     */
    public TieNetwork with(List<int[]> add, List<int[]> remove, int fromYear, int toYear) {
        List<int[]> rows = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int e = 0; e < a.length; e++) {
            boolean cut = false;
            for (int[] p : remove) {
                cut |= (p[0] == a[e] && p[1] == b[e]) || (p[0] == b[e] && p[1] == a[e]);
            }
            if (!cut || to[e] < fromYear || from[e] > toYear) {
                rows.add(new int[] {a[e], b[e], from[e], to[e]});
                weights.add(weight[e]);
                continue;
            }
            // keep the years before and after the cut
            if (from[e] < fromYear) {
                rows.add(new int[] {a[e], b[e], from[e], fromYear - 1});
                weights.add(weight[e]);
            }
            if (to[e] > toYear) {
                rows.add(new int[] {a[e], b[e], toYear + 1, to[e]});
                weights.add(weight[e]);
            }
        }
        for (int[] p : add) {
            rows.add(new int[] {p[0], p[1], fromYear, toYear});
            weights.add(1.0);
        }
        int m = rows.size();
        int[] na = new int[m];
        int[] nb = new int[m];
        int[] nf = new int[m];
        int[] nt = new int[m];
        double[] nw = new double[m];
        for (int e = 0; e < m; e++) {
            int[] r = rows.get(e);
            na[e] = r[0];
            nb[e] = r[1];
            nf[e] = r[2];
            nt[e] = r[3];
            nw[e] = weights.get(e);
        }
        return of(states, na, nb, nf, nt, nw);
    }

    /**
     * {@code share_ties_K} of state s for the year after {@code year}: the weighted share of its
     * partners in ties in force in {@code year}, in the system that year, that are party at its end.
     *
     * @param inSystem per state: in the system in {@code year}
     * @param status   per state: {@link Status} code at the end of {@code year}
     */
    public double share(int s, int year, boolean[] inSystem, byte[] status) {
        double all = 0;
        double parties = 0;
        for (int e : incident[s]) {
            if (year < from[e] || year > to[e]) {
                continue;
            }
            int other = a[e] == s ? b[e] : a[e];
            if (!inSystem[other]) {
                continue;
            }
            all += weight[e];
            if (status[other] == Status.PARTY) {
                parties += weight[e];
            }
        }
        return all == 0 ? 0.0 : parties / all;
    }

    /** Writes the network (for a world's binary form). */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(a.length);
        for (int e = 0; e < a.length; e++) {
            out.writeInt(a[e]);
            out.writeInt(b[e]);
            out.writeInt(from[e]);
            out.writeInt(to[e]);
            out.writeDouble(weight[e]);
        }
    }

    /** Reads a network written by {@link #writeTo}. */
    static TieNetwork readFrom(java.io.DataInputStream in, int states) throws java.io.IOException {
        int m = in.readInt();
        if (m < 0) {
            throw new java.io.IOException("not a network");
        }
        int[] na = new int[m];
        int[] nb = new int[m];
        int[] nf = new int[m];
        int[] nt = new int[m];
        double[] nw = new double[m];
        for (int e = 0; e < m; e++) {
            na[e] = in.readInt();
            nb[e] = in.readInt();
            nf[e] = in.readInt();
            nt[e] = in.readInt();
            nw[e] = in.readDouble();
        }
        try {
            return of(states, na, nb, nf, nt, nw);
        } catch (IllegalArgumentException e) {
            throw new java.io.IOException("not a valid network: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TieNetwork t
                && t.states == states
                && Arrays.equals(t.a, a)
                && Arrays.equals(t.b, b)
                && Arrays.equals(t.from, from)
                && Arrays.equals(t.to, to)
                && Arrays.equals(t.weight, weight);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(a) * 31 + Arrays.hashCode(b);
    }
}
