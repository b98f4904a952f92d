package org.normlab.panel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.normlab.data.Country;
import org.normlab.data.CountryYearData;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.data.Tie;
import org.normlab.sim.Exposures;
import org.normlab.sim.TieNetwork;

/**
 * The observed world, year by year, as the exposures need it: which states are in the system and
 * can deposit an instrument (see {@link CountryYearData#canDeposit}),
 * which are party at the end of each year, who borders whom, subregions and alliance membership.
 * Shared by the panel builder and the simulation's world builder so that observed and simulated
 * exposures are computed by the same code ({@link Exposures}). Immutable.
 */
public final class WorldHistory {
    private final List<String> states;
    private final int firstYear;
    private final int lastYear;
    private final boolean[][] inSystem;
    private final boolean[][] party;
    /** Per year and state: {@link org.normlab.sim.Status} code of {@code party} (party or not). */
    private final byte[][] status;

    private final boolean[][] ally;
    private final int[][] neighbours;
    private final int[] subregion;
    private final List<String> subregionNames;

    private WorldHistory(CountryYearData data, String instrument, int firstYear, int lastYear) {
        this.firstYear = firstYear;
        this.lastYear = lastYear;
        this.states = data.depositorsBetween(firstYear, lastYear);
        int n = states.size();
        int years = lastYear - firstYear + 1;
        Map<String, Integer> index = new HashMap<>();
        for (int s = 0; s < n; s++) {
            index.put(states.get(s), s);
        }
        inSystem = new boolean[years][n];
        party = new boolean[years][n];
        ally = new boolean[years][n];
        status = new byte[years][n];
        Map<String, Participation> part = data.participation(instrument);
        for (int y = 0; y < years; y++) {
            int year = firstYear + y;
            LocalDate end = LocalDate.of(year, 12, 31);
            for (int s = 0; s < n; s++) {
                String iso3 = states.get(s);
                inSystem[y][s] = data.canDeposit(iso3, year);
                Participation p = part.get(iso3);
                party[y][s] = p != null && p.statusOn(end) == Status.PARTY;
                status[y][s] = party[y][s] ? org.normlab.sim.Status.PARTY : org.normlab.sim.Status.NOT_PARTY;
                ally[y][s] = data.value("nato_member", iso3, Math.min(year, data.lastDataYear())) > 0;
            }
        }
        List<List<Integer>> adj = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            adj.add(new ArrayList<>());
        }
        for (Tie t : data.ties("border")) {
            Integer a = index.get(t.iso3A());
            Integer b = index.get(t.iso3B());
            if (a != null && b != null) {
                adj.get(a).add(b);
                adj.get(b).add(a);
            }
        }
        neighbours = new int[n][];
        for (int s = 0; s < n; s++) {
            neighbours[s] =
                    adj.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        subregion = new int[n];
        subregionNames = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            Country c = data.countries().get(states.get(s));
            String name = c == null || c.subregion().isEmpty() ? "(none) " + states.get(s) : c.subregion();
            int id = subregionNames.indexOf(name);
            if (id < 0) {
                id = subregionNames.size();
                subregionNames.add(name);
            }
            subregion[s] = id;
        }
    }

    /** The observed world of an instrument from {@code firstYear} to {@code lastYear} inclusive. */
    public static WorldHistory of(CountryYearData data, String instrument, int firstYear, int lastYear) {
        return new WorldHistory(data, instrument, firstYear, lastYear);
    }

    /** States, sorted by ISO3; index s in every array. */
    public List<String> states() {
        return states;
    }

    public int firstYear() {
        return firstYear;
    }

    public int lastYear() {
        return lastYear;
    }

    public boolean inSystem(int s, int year) {
        return inSystem[year - firstYear][s];
    }

    /** Party at the end of the year. */
    public boolean party(int s, int year) {
        return party[year - firstYear][s];
    }

    public boolean ally(int s, int year) {
        return ally[year - firstYear][s];
    }

    public int[][] neighbours() {
        return neighbours;
    }

    public int[] subregion() {
        return subregion;
    }

    public List<String> subregionNames() {
        return subregionNames;
    }

    /**
     * A stored network over these states ({@link TieNetwork}); ties with a state outside them are
     * left out, as they can never count.
     */
    public TieNetwork network(List<Tie> ties) {
        List<Tie> kept = new ArrayList<>();
        for (Tie t : ties) {
            if (java.util.Collections.binarySearch(states, t.iso3A()) >= 0
                    && java.util.Collections.binarySearch(states, t.iso3B()) >= 0) {
                kept.add(t);
            }
        }
        int m = kept.size();
        int[] a = new int[m];
        int[] b = new int[m];
        int[] from = new int[m];
        int[] to = new int[m];
        double[] w = new double[m];
        for (int e = 0; e < m; e++) {
            Tie t = kept.get(e);
            a[e] = java.util.Collections.binarySearch(states, t.iso3A());
            b[e] = java.util.Collections.binarySearch(states, t.iso3B());
            from[e] = t.fromYear();
            to[e] = t.toYear() == null ? Integer.MAX_VALUE : t.toYear();
            w[e] = t.weight();
        }
        return TieNetwork.of(states.size(), a, b, from, to, w);
    }

    /**
     * {@code share_ties_K} of state s from the world at the end of {@code year} (see
     * {@link TieNetwork#share}); 0 for a year outside the history.
     */
    public double tieShare(TieNetwork network, int s, int year) {
        if (year < firstYear || year > lastYear) {
            return 0.0;
        }
        int y = year - firstYear;
        return network.share(s, year, inSystem[y], status[y]);
    }

    /**
     * The four exposures ({@link Variables#EXPOSURES} order) from the world at the end of {@code year}.
     * Years before the history hold no parties.
     */
    public double[][] exposures(int year) {
        int n = states.size();
        double[][] out = new double[4][n];
        int y = Math.max(firstYear, Math.min(year, lastYear)) - firstYear;
        boolean[] noParty = new boolean[n];
        boolean[] p = year < firstYear ? noParty : party[y];
        Exposures.compute(p, inSystem[y], neighbours, subregion, ally[y], out[0], out[1], out[2], out[3]);
        return out;
    }
}
