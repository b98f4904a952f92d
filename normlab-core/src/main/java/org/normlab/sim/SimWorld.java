package org.normlab.sim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The world a simulation runs in: the states (agents) with their regions, subregions and land
 * borders; the years with who is in the state system and who is an alliance member; exogenous
 * covariates; and the observed status of every state towards the instrument.
 *
 * <p>States are indexed 0..S−1 and years 0..T−1 from {@link #firstYear()}. Covariates are laid out
 * {@code [t * S + s]} and are already lagged: the value at year t is the one a model uses for
 * risk-year t. Immutable and thread-safe; build one with {@link #builder()} or, for tests and
 * benchmarks, {@link #synthetic}.
 */
public final class SimWorld {
    private static final String CODEC = "normlab-world-2";
    private final String instrument;
    private final String[] iso3;
    private final String[] region;
    private final String[] subregion;
    private final int[] subregionId;
    private final List<String> subregionNames;
    private final int[][] neighbours;
    private final int firstYear;
    private final int lastYear;
    private final int openingYear;
    private final boolean[][] inSystem;
    private final boolean[][] ally;
    private final Map<String, double[]> covariates;
    private final Map<String, TieNetwork> ties;
    private final Map<String, Integer> lastObserved;
    private final TreeMap<Integer, byte[]> observedStatus;
    private final Map<String, Integer> index;

    private SimWorld(Builder b, Map<String, double[]> covariates, Map<String, Integer> lastObserved) {
        this.instrument = b.instrument;
        this.iso3 = b.iso3;
        this.region = b.region;
        this.subregion = b.subregion;
        this.neighbours = b.neighbours;
        this.firstYear = b.firstYear;
        this.lastYear = b.lastYear;
        this.openingYear = b.openingYear;
        this.inSystem = b.inSystem;
        this.ally = b.ally;
        this.covariates = Collections.unmodifiableMap(new TreeMap<>(covariates));
        this.ties = Collections.unmodifiableMap(new TreeMap<>(b.ties));
        this.lastObserved = Collections.unmodifiableMap(new TreeMap<>(lastObserved));
        this.observedStatus = new TreeMap<>(b.observedStatus);
        this.index = new HashMap<>();
        for (int s = 0; s < iso3.length; s++) {
            index.put(iso3[s], s);
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        this.subregionId = new int[iso3.length];
        for (int s = 0; s < iso3.length; s++) {
            subregionId[s] = ids.computeIfAbsent(subregion[s], k -> ids.size());
        }
        this.subregionNames = List.copyOf(ids.keySet());
    }

    private SimWorld(SimWorld w, Map<String, double[]> covariates, Map<String, TieNetwork> ties) {
        this.instrument = w.instrument;
        this.iso3 = w.iso3;
        this.region = w.region;
        this.subregion = w.subregion;
        this.subregionId = w.subregionId;
        this.subregionNames = w.subregionNames;
        this.neighbours = w.neighbours;
        this.firstYear = w.firstYear;
        this.lastYear = w.lastYear;
        this.openingYear = w.openingYear;
        this.inSystem = w.inSystem;
        this.ally = w.ally;
        this.covariates = Collections.unmodifiableMap(new TreeMap<>(covariates));
        this.ties = Collections.unmodifiableMap(new TreeMap<>(ties));
        this.lastObserved = w.lastObserved;
        this.observedStatus = w.observedStatus;
        this.index = w.index;
    }

    /** A builder for a world from arrays. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instrument this world describes, if it was named. */
    public Optional<String> instrument() {
        return Optional.ofNullable(instrument);
    }

    /** Number of states S. */
    public int stateCount() {
        return iso3.length;
    }

    /** ISO 3166-1 alpha-3 code of state {@code s}. */
    public String iso3(int s) {
        return iso3[s];
    }

    /** All ISO3 codes in state order. */
    public List<String> iso3() {
        return List.of(iso3);
    }

    /** Index of a state by ISO3 code, or −1 when the world does not hold it. */
    public int indexOf(String code) {
        Integer s = index.get(code);
        return s == null ? -1 : s;
    }

    /** Region name of state {@code s}. */
    public String region(int s) {
        return region[s];
    }

    /** Subregion name of state {@code s}. */
    public String subregion(int s) {
        return subregion[s];
    }

    /** Subregion id of state {@code s}, 0..{@link #subregionCount()}−1 in order of first appearance. */
    public int subregionId(int s) {
        return subregionId[s];
    }

    /** Number of distinct subregions. */
    public int subregionCount() {
        return subregionNames.size();
    }

    /** Land neighbours of state {@code s} (a copy). */
    public int[] neighbours(int s) {
        return neighbours[s].clone();
    }

    /** First year of the world. */
    public int firstYear() {
        return firstYear;
    }

    /** Last year of the world. */
    public int lastYear() {
        return lastYear;
    }

    /** Number of years T. */
    public int yearCount() {
        return lastYear - firstYear + 1;
    }

    /** Year the instrument opened for signature; no state can be party before it. */
    public int openingYear() {
        return openingYear;
    }

    /** Whether state {@code s} is in the state system in {@code year}. */
    public boolean inSystem(int year, int s) {
        return inSystem[yearIndex(year)][s];
    }

    /** Whether state {@code s} is an alliance member in {@code year}. */
    public boolean ally(int year, int s) {
        return ally[yearIndex(year)][s];
    }

    /** Names of the exogenous covariates, sorted. */
    public Set<String> covariateNames() {
        return covariates.keySet();
    }

    /** Whether the world holds a covariate of that name. */
    public boolean hasCovariate(String name) {
        return covariates.containsKey(name);
    }

    /** Value of covariate {@code name} for state {@code s} in risk-year {@code year}. */
    public double covariate(String name, int year, int s) {
        return covariateArray(name)[yearIndex(year) * iso3.length + s];
    }

    /** A copy of covariate {@code name}, laid out {@code [t * S + s]}. */
    public double[] covariateValues(String name) {
        return covariateArray(name).clone();
    }

    /** Last observed year of covariate {@code name}; later years carry that year's value forward. */
    public int lastObservedYear(String name) {
        covariateArray(name);
        return lastObserved.getOrDefault(name, lastYear);
    }

    /** The observed status of every state at the end of {@code year} (a copy), if the world holds it. */
    public Optional<byte[]> observedStatus(int year) {
        byte[] s = observedStatus.get(year);
        return s == null ? Optional.empty() : Optional.of(s.clone());
    }

    /** Last year with an observed status, if any. */
    public OptionalInt lastObservedStatusYear() {
        return observedStatus.isEmpty() ? OptionalInt.empty() : OptionalInt.of(observedStatus.lastKey());
    }

    /**
     * The status of every state at the start of {@code year}, i.e. after all events of year−1: all
     * not party up to the opening year, else the observed status at the end of year−1.
     *
     * @throws IllegalArgumentException when that observed status is not held
     */
    public byte[] statusAtStartOf(int year) {
        if (year <= openingYear) {
            return new byte[iso3.length];
        }
        byte[] s = observedStatus.get(year - 1);
        if (s == null) {
            throw new IllegalArgumentException("starting in " + year + " needs the observed status at the end of "
                    + (year - 1) + ", which the world does not hold"
                    + (observedStatus.isEmpty()
                            ? ""
                            : " (observed years " + observedStatus.firstKey() + "-" + observedStatus.lastKey() + ")"));
        }
        return s.clone();
    }

    /**
     * A copy of this world with covariates replaced or added; every other array is shared, which is
     * safe because worlds are immutable. Used to apply scenarios without touching the baseline.
     *
     * @param replaced covariates by name, each laid out {@code [t * S + s]} over this world's years
     * @throws IllegalArgumentException for a wrong length or a name reserved for a built-in term
     */
    public SimWorld withCovariates(Map<String, double[]> replaced) {
        Map<String, double[]> all = new TreeMap<>(covariates);
        for (var e : replaced.entrySet()) {
            checkCovariate(e.getKey(), e.getValue(), iso3.length, yearCount());
            all.put(e.getKey(), e.getValue().clone());
        }
        return new SimWorld(this, all, ties);
    }

    /** Kinds of the stored networks the world holds, sorted. */
    public Set<String> tieKinds() {
        return ties.keySet();
    }

    /** The stored network of kind K, for the term {@code share_ties_K}, if the world holds it. */
    public Optional<TieNetwork> ties(String kind) {
        return Optional.ofNullable(ties.get(kind));
    }

    /**
     * A copy of this world with networks replaced; every other array is shared.
     *
     * @throws IllegalArgumentException if a network is over another number of states
     */
    public SimWorld withTies(Map<String, TieNetwork> replaced) {
        Map<String, TieNetwork> all = new TreeMap<>(ties);
        for (var e : replaced.entrySet()) {
            if (e.getValue().stateCount() != iso3.length) {
                throw new IllegalArgumentException("network " + e.getKey() + " is over "
                        + e.getValue().stateCount() + " states; the world has " + iso3.length);
            }
            all.put(e.getKey(), e.getValue());
        }
        return new SimWorld(this, covariates, all);
    }

    /**
     * Writes this world in a compact binary form that {@link #readFrom} reads back into an equal world
     * (for a cache of prepared worlds). The layout is private to this class and may change between
     * versions of normlab, so a cache must be keyed by the version.
     */
    public void writeTo(DataOutputStream out) throws IOException {
        int n = iso3.length;
        out.writeUTF(CODEC);
        out.writeBoolean(instrument != null);
        if (instrument != null) {
            out.writeUTF(instrument);
        }
        out.writeInt(n);
        for (int s = 0; s < n; s++) {
            out.writeUTF(iso3[s]);
            out.writeUTF(region[s]);
            out.writeUTF(subregion[s]);
            out.writeInt(neighbours[s].length);
            for (int m : neighbours[s]) {
                out.writeInt(m);
            }
        }
        out.writeInt(firstYear);
        out.writeInt(lastYear);
        out.writeInt(openingYear);
        for (int t = 0; t < yearCount(); t++) {
            for (int s = 0; s < n; s++) {
                out.writeByte((inSystem[t][s] ? 1 : 0) | (ally[t][s] ? 2 : 0));
            }
        }
        out.writeInt(covariates.size());
        for (Map.Entry<String, double[]> e : covariates.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(lastObserved.getOrDefault(e.getKey(), lastYear));
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
        out.writeInt(ties.size());
        for (Map.Entry<String, TieNetwork> e : ties.entrySet()) {
            out.writeUTF(e.getKey());
            e.getValue().writeTo(out);
        }
        out.writeInt(observedStatus.size());
        for (Map.Entry<Integer, byte[]> e : observedStatus.entrySet()) {
            out.writeInt(e.getKey());
            out.write(e.getValue());
        }
    }

    /**
     * Reads a world written by {@link #writeTo}.
     *
     * @throws IOException if the input is not such a world (or is truncated)
     */
    public static SimWorld readFrom(DataInputStream in) throws IOException {
        if (!CODEC.equals(in.readUTF())) {
            throw new IOException("not a normlab world");
        }
        Builder b = builder();
        if (in.readBoolean()) {
            b.instrument(in.readUTF());
        }
        int n = in.readInt();
        String[] codes = new String[n];
        String[] regions = new String[n];
        String[] subregions = new String[n];
        int[][] borders = new int[n][];
        for (int s = 0; s < n; s++) {
            codes[s] = in.readUTF();
            regions[s] = in.readUTF();
            subregions[s] = in.readUTF();
            borders[s] = new int[in.readInt()];
            for (int j = 0; j < borders[s].length; j++) {
                borders[s][j] = in.readInt();
            }
        }
        b.states(codes, regions, subregions).neighbours(borders);
        int first = in.readInt();
        int last = in.readInt();
        b.years(first, last).openingYear(in.readInt());
        boolean[][] system = new boolean[last - first + 1][n];
        boolean[][] allies = new boolean[last - first + 1][n];
        for (int t = 0; t < system.length; t++) {
            for (int s = 0; s < n; s++) {
                int flags = in.readByte();
                system[t][s] = (flags & 1) != 0;
                allies[t][s] = (flags & 2) != 0;
            }
        }
        b.inSystem(system).allies(allies);
        int covariateCount = in.readInt();
        for (int c = 0; c < covariateCount; c++) {
            String name = in.readUTF();
            int observed = in.readInt();
            double[] v = new double[system.length * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            b.covariate(name, v, observed);
        }
        int kinds = in.readInt();
        for (int c = 0; c < kinds; c++) {
            String kind = in.readUTF();
            b.ties(kind, TieNetwork.readFrom(in, n));
        }
        int statusYears = in.readInt();
        for (int y = 0; y < statusYears; y++) {
            int year = in.readInt();
            byte[] st = new byte[n];
            in.readFully(st);
            b.observedStatus(year, st);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid normlab world: " + e.getMessage(), e);
        }
    }

    double[] covariateArray(String name) {
        double[] v = covariates.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the world has no covariate '" + name + "' (known: "
                    + String.join(", ", covariates.keySet()) + ")");
        }
        return v;
    }

    boolean[] inSystemRow(int t) {
        return inSystem[t];
    }

    boolean[] allyRow(int t) {
        return ally[t];
    }

    int[][] neighbourLists() {
        return neighbours;
    }

    int[] subregionIds() {
        return subregionId;
    }

    private int yearIndex(int year) {
        if (year < firstYear || year > lastYear) {
            throw new IllegalArgumentException(
                    "year " + year + " is outside the world's years " + firstYear + "-" + lastYear);
        }
        return year - firstYear;
    }

    private static void checkCovariate(String name, double[] values, int states, int years) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a covariate needs a name");
        }
        if (Terms.isBuiltIn(name)) {
            throw new IllegalArgumentException("covariate name '" + name + "' is reserved for a built-in term");
        }
        if (values.length != states * years) {
            throw new IllegalArgumentException("covariate '" + name + "' has " + values.length + " values; expected "
                    + years + " years x " + states + " states = " + states * years);
        }
    }

    /**
     * A random world for tests and benchmarks: states on a unit square with land borders to their
     * nearest neighbours (a few islands without any), subregions as cells of a grid over the square
     * grouped into five regions, a few states entering or leaving the system, an alliance that
     * enlarges, and three covariates observed up to 2024 (or the last year) and carried forward:
     * {@code conflict} (0/1, persistent), {@code democracy} (−10..10) and {@code gdp_log} (trending).
     * No state is party at the opening, which is the first year.
     *
     * @param states    number of states, at least 2
     * @param firstYear first (and opening) year
     * @param lastYear  last year, not before the first
     * @param seed      seed of the generator that draws the world
     */
    public static SimWorld synthetic(int states, int firstYear, int lastYear, long seed) {
        if (states < 2 || lastYear < firstYear) {
            throw new IllegalArgumentException("a synthetic world needs at least 2 states and 1 year");
        }
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int years = lastYear - firstYear + 1;
        String[] codes = new String[states];
        String[] regions = new String[states];
        String[] subregions = new String[states];
        double[] x = new double[states];
        double[] y = new double[states];
        int grid = Math.max(1, (int) Math.round(Math.sqrt(states / 9.0)));
        for (int s = 0; s < states; s++) {
            codes[s] = code(s);
            x[s] = rng.nextDouble();
            y[s] = rng.nextDouble();
            int cell = Math.min(grid - 1, (int) (x[s] * grid)) * grid + Math.min(grid - 1, (int) (y[s] * grid));
            subregions[s] = String.format(java.util.Locale.ROOT, "Subregion %02d", cell + 1);
            regions[s] = "Region " + (cell % 5 + 1);
        }
        List<List<Integer>> adj = new ArrayList<>();
        boolean[] island = new boolean[states];
        for (int s = 0; s < states; s++) {
            adj.add(new ArrayList<>());
            island[s] = rng.nextDouble() < 0.08;
        }
        for (int s = 0; s < states; s++) {
            if (island[s]) {
                continue;
            }
            Integer[] order = new Integer[states];
            for (int m = 0; m < states; m++) {
                order[m] = m;
            }
            final int from = s;
            Arrays.sort(order, (a, c) -> Double.compare(dist(x, y, from, a), dist(x, y, from, c)));
            int linked = 0;
            for (int i = 1; i < states && linked < 3; i++) {
                int m = order[i];
                if (island[m]) {
                    continue;
                }
                if (!adj.get(s).contains(m)) {
                    adj.get(s).add(m);
                    adj.get(m).add(s);
                }
                linked++;
            }
        }
        int[][] nb = new int[states][];
        for (int s = 0; s < states; s++) {
            nb[s] = adj.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        boolean[][] in = new boolean[years][states];
        boolean[][] member = new boolean[years][states];
        for (int s = 0; s < states; s++) {
            double u = rng.nextDouble();
            int enter = u < 0.03 ? 1 + rng.nextInt(years) : 0;
            int leave = u > 0.98 ? 1 + rng.nextInt(years) : years;
            double a = rng.nextDouble();
            int join = a < 0.12 ? 0 : a < 0.20 ? 1 + rng.nextInt(years) : years;
            for (int t = 0; t < years; t++) {
                in[t][s] = t >= enter && t < leave;
                member[t][s] = in[t][s] && t >= join;
            }
        }
        int observedTo = Math.min(lastYear, Math.max(firstYear, 2024));
        double[] conflict = new double[years * states];
        double[] democracy = new double[years * states];
        double[] gdp = new double[years * states];
        for (int s = 0; s < states; s++) {
            boolean war = rng.nextDouble() < 0.12;
            double dem = -10 + 20 * rng.nextDouble();
            double level = 7 + 4 * rng.nextDouble();
            for (int t = 0; t < years; t++) {
                war = war ? rng.nextDouble() >= 0.2 : rng.nextDouble() < 0.03;
                dem = Math.max(-10, Math.min(10, dem + rng.nextGaussian()));
                level += 0.02 + 0.03 * rng.nextGaussian();
                conflict[t * states + s] = war ? 1 : 0;
                democracy[t * states + s] = Math.rint(dem);
                gdp[t * states + s] = level;
            }
        }
        return builder()
                .instrument("synthetic")
                .states(codes, regions, subregions)
                .neighbours(nb)
                .years(firstYear, lastYear)
                .openingYear(firstYear)
                .inSystem(in)
                .allies(member)
                .covariate("conflict", conflict, observedTo)
                .covariate("democracy", democracy, observedTo)
                .covariate("gdp_log", gdp, observedTo)
                .build();
    }

    private static double dist(double[] x, double[] y, int a, int b) {
        double dx = x[a] - x[b];
        double dy = y[a] - y[b];
        return dx * dx + dy * dy;
    }

    private static String code(int s) {
        char[] c = new char[3];
        int v = s;
        for (int i = 2; i >= 0; i--) {
            c[i] = (char) ('A' + v % 26);
            v /= 26;
        }
        return new String(c);
    }

    /**
     * Builds a {@link SimWorld} from arrays. Required: {@link #states}, {@link #years},
     * {@link #openingYear}. Defaults: no borders, every state in the system every year, no alliance,
     * no covariates, no observed status. Arrays are copied. Not thread-safe.
     */
    public static final class Builder {
        private String instrument;
        private String[] iso3;
        private String[] region;
        private String[] subregion;
        private int[][] neighbours;
        private int firstYear = Integer.MIN_VALUE;
        private int lastYear = Integer.MIN_VALUE;
        private int openingYear = Integer.MIN_VALUE;
        private boolean[][] inSystem;
        private boolean[][] ally;
        private final Map<String, double[]> covariates = new LinkedHashMap<>();
        private final Map<String, Integer> lastObserved = new HashMap<>();
        private final TreeMap<Integer, byte[]> observedStatus = new TreeMap<>();
        private final Map<String, TieNetwork> ties = new TreeMap<>();

        private Builder() {}

        /** Names the instrument, so scenarios naming another one are refused. */
        public Builder instrument(String id) {
            this.instrument = id;
            return this;
        }

        /** The states: ISO3 codes (unique), and each state's region and subregion names. */
        public Builder states(String[] iso3, String[] region, String[] subregion) {
            this.iso3 = iso3.clone();
            this.region = region.clone();
            this.subregion = subregion.clone();
            return this;
        }

        /** Land borders as neighbour lists of state indices; must be symmetric, without self-loops. */
        public Builder neighbours(int[][] neighbours) {
            this.neighbours = new int[neighbours.length][];
            for (int s = 0; s < neighbours.length; s++) {
                this.neighbours[s] = neighbours[s].clone();
            }
            return this;
        }

        /** First and last year, inclusive. */
        public Builder years(int firstYear, int lastYear) {
            this.firstYear = firstYear;
            this.lastYear = lastYear;
            return this;
        }

        /** Year the instrument opened for signature. */
        public Builder openingYear(int year) {
            this.openingYear = year;
            return this;
        }

        /** Membership of the state system, {@code [t][s]}. */
        public Builder inSystem(boolean[][] inSystem) {
            this.inSystem = deepCopy(inSystem);
            return this;
        }

        /** Alliance membership, {@code [t][s]}. */
        public Builder allies(boolean[][] ally) {
            this.ally = deepCopy(ally);
            return this;
        }

        /** A covariate observed in every year of the world, laid out {@code [t * S + s]}. */
        public Builder covariate(String name, double[] values) {
            return covariate(name, values, Integer.MAX_VALUE);
        }

        /**
         * A covariate observed up to {@code lastObservedYear}, laid out {@code [t * S + s]}; each
         * state's later years are filled with its value in {@code lastObservedYear}, whatever the
         * array held there.
         */
        public Builder covariate(String name, double[] values, int lastObservedYear) {
            covariates.put(name, values.clone());
            lastObserved.put(name, lastObservedYear);
            return this;
        }

        /** Several covariates observed up to {@code lastObservedYear}, as {@link #covariate(String, double[], int)}. */
        public Builder covariates(Map<String, double[]> values, int lastObservedYear) {
            values.forEach((name, v) -> covariate(name, v, lastObservedYear));
            return this;
        }

        /** The stored network of kind K, over the world's states, for the term {@code share_ties_K}. */
        public Builder ties(String kind, TieNetwork network) {
            ties.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(network, "network"));
            return this;
        }

        /** The observed status of every state at the end of {@code year} ({@link Status} codes). */
        public Builder observedStatus(int year, byte[] status) {
            observedStatus.put(year, status.clone());
            return this;
        }

        /**
         * Validates and builds the world.
         *
         * @throws IllegalArgumentException naming the first inconsistency found
         */
        public SimWorld build() {
            if (iso3 == null) {
                throw new IllegalArgumentException("states are required");
            }
            if (firstYear == Integer.MIN_VALUE || lastYear < firstYear) {
                throw new IllegalArgumentException("years are required, the first not after the last");
            }
            if (openingYear == Integer.MIN_VALUE) {
                throw new IllegalArgumentException("the opening year is required");
            }
            int n = iso3.length;
            int years = lastYear - firstYear + 1;
            if (n == 0) {
                throw new IllegalArgumentException("a world needs at least one state");
            }
            if (region.length != n || subregion.length != n) {
                throw new IllegalArgumentException("region and subregion need one name per state (" + n + ")");
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int s = 0; s < n; s++) {
                if (iso3[s] == null || iso3[s].isBlank()) {
                    throw new IllegalArgumentException("state " + s + " has no ISO3 code");
                }
                Integer before = seen.put(iso3[s], s);
                if (before != null) {
                    throw new IllegalArgumentException(
                            "ISO3 code " + iso3[s] + " is used by states " + before + " and " + s);
                }
                if (region[s] == null || subregion[s] == null) {
                    throw new IllegalArgumentException(iso3[s] + " has no region or subregion");
                }
            }
            if (neighbours == null) {
                neighbours = new int[n][0];
            }
            checkNeighbours(neighbours, iso3);
            if (inSystem == null) {
                inSystem = new boolean[years][n];
                for (boolean[] row : inSystem) {
                    Arrays.fill(row, true);
                }
            }
            if (ally == null) {
                ally = new boolean[years][n];
            }
            checkShape("inSystem", inSystem, years, n);
            checkShape("allies", ally, years, n);
            Map<String, double[]> filled = new LinkedHashMap<>();
            Map<String, Integer> observedTo = new HashMap<>();
            for (var e : covariates.entrySet()) {
                String name = e.getKey();
                double[] v = e.getValue();
                checkCovariate(name, v, n, years);
                int last = lastObserved.get(name);
                if (last < firstYear) {
                    throw new IllegalArgumentException("covariate '" + name + "' is observed only up to " + last
                            + ", before the world's first year " + firstYear);
                }
                int lt = Math.min(last, lastYear) - firstYear;
                for (int t = lt + 1; t < years; t++) {
                    System.arraycopy(v, lt * n, v, t * n, n);
                }
                filled.put(name, v);
                observedTo.put(name, Math.min(last, lastYear));
            }
            for (var e : ties.entrySet()) {
                if (e.getValue().stateCount() != n) {
                    throw new IllegalArgumentException("network " + e.getKey() + " is over "
                            + e.getValue().stateCount() + " states; the world has " + n);
                }
            }
            for (var e : observedStatus.entrySet()) {
                byte[] st = e.getValue();
                if (st.length != n) {
                    throw new IllegalArgumentException(
                            "observed status of " + e.getKey() + " has " + st.length + " entries; expected " + n);
                }
                for (int s = 0; s < n; s++) {
                    if (st[s] < Status.NOT_PARTY || st[s] > Status.WITHDRAWN) {
                        throw new IllegalArgumentException("observed status of " + iso3[s] + " in " + e.getKey()
                                + " is " + st[s] + "; expected 0 (not party), 1 (party) or 2 (withdrawn)");
                    }
                    if (e.getKey() < openingYear && st[s] != Status.NOT_PARTY) {
                        throw new IllegalArgumentException(iso3[s] + " cannot have status '" + Status.name(st[s])
                                + "' in " + e.getKey() + ", before the opening year " + openingYear);
                    }
                }
            }
            return new SimWorld(this, filled, observedTo);
        }

        private static void checkNeighbours(int[][] nb, String[] iso3) {
            int n = iso3.length;
            if (nb.length != n) {
                throw new IllegalArgumentException("neighbours need one list per state (" + n + "), got " + nb.length);
            }
            boolean[][] seen = new boolean[n][];
            for (int s = 0; s < n; s++) {
                seen[s] = new boolean[n];
                for (int m : nb[s]) {
                    if (m < 0 || m >= n) {
                        throw new IllegalArgumentException(
                                iso3[s] + " lists neighbour index " + m + ", outside 0.." + (n - 1));
                    }
                    if (m == s) {
                        throw new IllegalArgumentException(iso3[s] + " lists itself as a neighbour");
                    }
                    if (seen[s][m]) {
                        throw new IllegalArgumentException(iso3[s] + " lists " + iso3[m] + " twice as a neighbour");
                    }
                    seen[s][m] = true;
                }
            }
            for (int s = 0; s < n; s++) {
                for (int m : nb[s]) {
                    if (!seen[m][s]) {
                        throw new IllegalArgumentException("land borders are undirected: " + iso3[s] + " lists "
                                + iso3[m] + " but not the reverse");
                    }
                }
            }
        }

        private static void checkShape(String what, boolean[][] a, int years, int n) {
            if (a.length != years) {
                throw new IllegalArgumentException(what + " needs one row per year (" + years + "), got " + a.length);
            }
            for (boolean[] row : a) {
                if (row.length != n) {
                    throw new IllegalArgumentException(what + " needs one entry per state (" + n + ") in every row");
                }
            }
        }

        private static boolean[][] deepCopy(boolean[][] a) {
            boolean[][] c = new boolean[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }
}
