package org.normlab.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The data of a discrete-time hazard model: one row per unit (state) and period at risk, a 0/1
 * event indicator, covariate columns, optional cluster ids and the link.
 *
 * <p>Covariates are given column-major ({@code columns[j][i]} is covariate j in row i), the
 * layout the estimator streams over. The intercept is not a column: it is added by the estimator
 * under the name {@value #INTERCEPT} when {@link #intercept()} is true (the default).
 *
 * <p>Instances are immutable and thread-safe: {@link #of} copies the arrays and validates them
 * (equal lengths, finite values, response exactly 0 or 1, unique names); accessors return copies.
 * The {@code with...} methods share the validated data and only check what they add.
 */
public final class HazardProblem {

    /** Name of the intercept term in estimates, as in R. */
    public static final String INTERCEPT = "(Intercept)";

    private final double[] y;
    private final double[][] columns;
    private final List<String> names;
    private final boolean intercept;
    private final Link link;
    private final String responseName;
    private final int[] cluster;
    private final String clusterName;
    /** Cluster ids renumbered 0..G-1 in order of first appearance; null without clusters. */
    private final int[] clusterIndex;

    private final int clusterCount;
    private final int events;
    /** Per-column summaries computed once at validation: mean and sd. */
    private final double[] means;

    private final double[] sds;

    private HazardProblem(
            double[] y,
            double[][] columns,
            List<String> names,
            boolean intercept,
            Link link,
            String responseName,
            int[] cluster,
            String clusterName,
            int[] clusterIndex,
            int clusterCount,
            int events,
            double[] means,
            double[] sds) {
        this.y = y;
        this.columns = columns;
        this.names = names;
        this.intercept = intercept;
        this.link = link;
        this.responseName = responseName;
        this.cluster = cluster;
        this.clusterName = clusterName;
        this.clusterIndex = clusterIndex;
        this.clusterCount = clusterCount;
        this.events = events;
        this.means = means;
        this.sds = sds;
    }

    /**
     * A logit problem with an intercept and no clusters.
     *
     * @param y event indicator per row, each exactly 0 or 1
     * @param columns covariates, column-major: {@code columns[j]} has one value per row
     * @param names one distinct, non-blank name per column
     * @throws EstimationException if the data are inconsistent, with the offending row or column
     */
    public static HazardProblem of(double[] y, double[][] columns, String... names) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(names, "names");
        int n = y.length;
        if (n == 0) {
            throw new EstimationException("the response has no rows: nothing to estimate");
        }
        if (columns.length != names.length) {
            throw new EstimationException(columns.length + " covariate columns but " + names.length
                    + " names: give exactly one name per column");
        }
        List<String> nameList = checkNames(names, true);
        double[] yc = y.clone();
        int events = 0;
        for (int i = 0; i < n; i++) {
            double v = yc[i];
            if (v == 1.0) {
                events++;
            } else if (v != 0.0) {
                throw new EstimationException("response value " + v + " in row " + i
                        + ": the event indicator must be 0 (no event in the period) or 1 (event)");
            }
        }
        int p = columns.length;
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] c = Objects.requireNonNull(columns[j], "column " + names[j]);
            if (c.length != n) {
                throw new EstimationException("column '" + names[j] + "' has " + c.length
                        + " values but the response has " + n + ": every column needs one value per row");
            }
            double[] copy = c.clone();
            cols[j] = copy;
            for (int i = 0; i < n; i++) {
                double v = copy[i];
                if (!Double.isFinite(v)) {
                    throw new EstimationException("column '" + names[j] + "' is " + v + " in row " + i
                            + ": drop or impute rows with missing or infinite values before fitting");
                }
            }
        }
        double[] means = new double[p];
        double[] sds = new double[p];
        moments(cols, means, sds);
        return new HazardProblem(
                yc, cols, nameList, true, Link.LOGIT, "event", null, null, null, 0, events, means, sds);
    }

    private static List<String> checkNames(String[] names, boolean interceptReserved) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>(names.length);
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new EstimationException("a covariate name is blank: every column needs a name");
            }
            if (interceptReserved && name.equals(INTERCEPT)) {
                throw new EstimationException("the name " + INTERCEPT
                        + " is reserved for the intercept the estimator adds; rename the column");
            }
            if (!seen.add(name)) {
                throw new EstimationException("duplicate covariate name '" + name + "': names must be unique");
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    /** Column means and standard deviations (two passes, for accuracy with large offsets). */
    private static void moments(double[][] cols, double[] means, double[] sds) {
        for (int j = 0; j < cols.length; j++) {
            double[] c = cols[j];
            double s = 0.0;
            for (double v : c) {
                s += v;
            }
            double m = s / c.length;
            double ss = 0.0;
            for (double v : c) {
                double d = v - m;
                ss += d * d;
            }
            means[j] = m;
            sds[j] = Math.sqrt(ss / c.length);
        }
    }

    /** This problem with or without the estimator-added intercept. */
    public HazardProblem withIntercept(boolean withIntercept) {
        return new HazardProblem(
                y,
                columns,
                names,
                withIntercept,
                link,
                responseName,
                cluster,
                clusterName,
                clusterIndex,
                clusterCount,
                events,
                means,
                sds);
    }

    /** This problem with another link. */
    public HazardProblem withLink(Link newLink) {
        return new HazardProblem(
                y,
                columns,
                names,
                intercept,
                Objects.requireNonNull(newLink, "link"),
                responseName,
                cluster,
                clusterName,
                clusterIndex,
                clusterCount,
                events,
                means,
                sds);
    }

    /** This problem with the response called {@code name} in diagnostics (default "event"). */
    public HazardProblem withResponseName(String name) {
        if (name == null || name.isBlank()) {
            throw new EstimationException("the response name must not be blank");
        }
        return new HazardProblem(
                y,
                columns,
                names,
                intercept,
                link,
                name,
                cluster,
                clusterName,
                clusterIndex,
                clusterCount,
                events,
                means,
                sds);
    }

    /**
     * This problem with cluster ids, needed for cluster-robust standard errors.
     *
     * @param ids one id per row (for example a state code); any int values
     * @param name what a cluster is, used in the description of the errors (for example "state")
     */
    public HazardProblem withClusters(int[] ids, String name) {
        Objects.requireNonNull(ids, "ids");
        if (ids.length != y.length) {
            throw new EstimationException(ids.length + " cluster ids but " + y.length
                    + " rows: give one cluster id (e.g. state code) per row");
        }
        if (name == null || name.isBlank()) {
            throw new EstimationException("the cluster name must not be blank (e.g. \"state\")");
        }
        int[] copy = ids.clone();
        int[] index = new int[copy.length];
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < copy.length; i++) {
            Integer idx = seen.get(copy[i]);
            if (idx == null) {
                idx = seen.size();
                seen.put(copy[i], idx);
            }
            index[i] = idx;
        }
        return new HazardProblem(
                y, columns, names, intercept, link, responseName, copy, name, index, seen.size(), events, means, sds);
    }

    /**
     * The rows {@code rows} of this problem, in the given order (for example a cross-validation
     * fold). Options (intercept, link, clusters) are kept.
     */
    public HazardProblem select(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new EstimationException("the row selection is empty: nothing to estimate");
        }
        double[] ys = new double[rows.length];
        double[][] cols = new double[columns.length][rows.length];
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= y.length) {
                throw new EstimationException("row " + i + " is outside 0.." + (y.length - 1));
            }
            ys[r] = y[i];
            for (int j = 0; j < columns.length; j++) {
                cols[j][r] = columns[j][i];
            }
        }
        HazardProblem p = of(ys, cols, names.toArray(new String[0]))
                .withIntercept(intercept)
                .withLink(link)
                .withResponseName(responseName);
        if (cluster != null) {
            int[] ids = new int[rows.length];
            for (int r = 0; r < rows.length; r++) {
                ids[r] = cluster[rows[r]];
            }
            p = p.withClusters(ids, clusterName);
        }
        return p;
    }

    /**
     * This problem restricted to the named covariates (in the given order), for example the
     * restricted model of a likelihood-ratio test.
     */
    public HazardProblem keepColumns(String... keep) {
        double[][] cols = new double[keep.length][];
        double[] m = new double[keep.length];
        double[] s = new double[keep.length];
        List<String> kept = checkNames(keep, true);
        for (int j = 0; j < keep.length; j++) {
            int idx = names.indexOf(keep[j]);
            if (idx < 0) {
                throw new EstimationException("no covariate named '" + keep[j] + "'; available: " + names);
            }
            cols[j] = columns[idx];
            m[j] = means[idx];
            s[j] = sds[idx];
        }
        return new HazardProblem(
                y,
                cols,
                kept,
                intercept,
                link,
                responseName,
                cluster,
                clusterName,
                clusterIndex,
                clusterCount,
                events,
                m,
                s);
    }

    /** Number of rows (unit-periods at risk). */
    public int n() {
        return y.length;
    }

    /** Number of rows with an event. */
    public int events() {
        return events;
    }

    /** Covariate names, without the intercept. */
    public List<String> names() {
        return names;
    }

    /** Whether the estimator adds an intercept. */
    public boolean intercept() {
        return intercept;
    }

    /** The link. */
    public Link link() {
        return link;
    }

    /** Name of the response in diagnostics. */
    public String responseName() {
        return responseName;
    }

    /** A copy of the event indicator. */
    public double[] y() {
        return y.clone();
    }

    /** A copy of covariate {@code name}. */
    public double[] column(String name) {
        int idx = names.indexOf(name);
        if (idx < 0) {
            throw new EstimationException("no covariate named '" + name + "'; available: " + names);
        }
        return columns[idx].clone();
    }

    /** A copy of the cluster ids, or null if none were given. */
    public int[] cluster() {
        return cluster == null ? null : cluster.clone();
    }

    /** What a cluster is ("state"), or null without clusters. */
    public String clusterName() {
        return clusterName;
    }

    /** Number of distinct clusters, 0 without clusters. */
    public int clusterCount() {
        return clusterCount;
    }

    /** Whether cluster ids were given. */
    public boolean hasClusters() {
        return cluster != null;
    }

    // Package-private views for the estimator: no copies on the hot path.

    double[] yView() {
        return y;
    }

    double[][] columnsView() {
        return columns;
    }

    int[] clusterIndexView() {
        return clusterIndex;
    }

    double mean(int j) {
        return means[j];
    }

    double sd(int j) {
        return sds[j];
    }

    @Override
    public String toString() {
        return "HazardProblem[n=" + y.length + ", events=" + events + ", covariates=" + names
                + ", intercept=" + intercept + ", link=" + link.label()
                + (cluster == null ? "" : ", clusters=" + clusterCount + " " + clusterName) + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HazardProblem)) {
            return false;
        }
        HazardProblem p = (HazardProblem) o;
        return intercept == p.intercept
                && link == p.link
                && names.equals(p.names)
                && responseName.equals(p.responseName)
                && Objects.equals(clusterName, p.clusterName)
                && Arrays.equals(y, p.y)
                && Arrays.deepEquals(columns, p.columns)
                && Arrays.equals(cluster, p.cluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, intercept, link, y.length, events);
    }
}
