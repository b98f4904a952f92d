package org.normlab.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;

/**
 * The estimated sampling covariance of a hazard's parameters, V̂: the covariance of the fixed
 * effects of the fit the coefficients came from (a GLM's or the frailty model's), and, when the fit
 * estimated a frailty, of {@value #LOG_FRAILTY_SD}, the logarithm of its standard deviation σ (the
 * scale on which the frailty model estimates it). A hazard that samples its parameters draws, per
 * replicate, θ = θ̂ + L z with L the lower Cholesky factor of V̂ and z standard normals, one per
 * name in order. Immutable.
 *
 * @param names    the parameters, in the order of {@code matrix}; each a term of the hazard or
 *                 {@value #LOG_FRAILTY_SD}
 * @param matrix   V̂, symmetric and positive definite, one row per name
 * @param diverged the parameters whose maximum-likelihood estimates diverged (the risk set
 *                 separates the events on them): their estimate is where the iteration stopped and
 *                 their variance is not a sampling variance, so draws from V̂ mean nothing
 */
public record ParameterCovariance(List<String> names, double[][] matrix, List<String> diverged) {
    /** The name of log σ among the parameters. */
    public static final String LOG_FRAILTY_SD = "log(frailty_sd)";

    public ParameterCovariance {
        names = List.copyOf(names);
        diverged = List.copyOf(diverged);
        Objects.requireNonNull(matrix, "matrix");
        int m = names.size();
        if (m == 0) {
            throw new IllegalArgumentException("a covariance needs at least one parameter");
        }
        if (Set.copyOf(names).size() != m) {
            throw new IllegalArgumentException("the parameters of a covariance must be distinct: " + names);
        }
        if (matrix.length != m) {
            throw new IllegalArgumentException("a covariance of " + m + " parameters needs " + m + " rows");
        }
        double[][] copy = new double[m][];
        for (int i = 0; i < m; i++) {
            if (matrix[i] == null || matrix[i].length != m) {
                throw new IllegalArgumentException("row " + i + " of the covariance needs " + m + " entries");
            }
            copy[i] = matrix[i].clone();
            for (double v : copy[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the covariance has a value that is not finite: " + v);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(copy[i][j] - copy[j][i]) > 1e-9 * Math.max(1.0, Math.abs(copy[i][j]))) {
                    throw new IllegalArgumentException(
                            "the covariance is not symmetric at " + names.get(i) + ", " + names.get(j));
                }
            }
        }
        matrix = copy;
        cholesky(names, copy); // refuses a matrix that is not positive definite
    }

    /** A covariance of estimates none of which diverged. */
    public ParameterCovariance(List<String> names, double[][] matrix) {
        this(names, matrix, List.of());
    }

    /** This covariance, with the parameters among {@code terms} marked as diverged. */
    public ParameterCovariance withDiverged(List<String> terms) {
        return new ParameterCovariance(
                names, matrix, terms.stream().filter(names::contains).toList());
    }

    /** V̂ (a copy). */
    @Override
    public double[][] matrix() {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix[i].clone();
        }
        return out;
    }

    /** The lower Cholesky factor L of V̂ (V̂ = L Lᵀ), row-major, {@code size × size}. */
    public double[] cholesky() {
        return cholesky(names, matrix);
    }

    /** Number of parameters. */
    public int size() {
        return names.size();
    }

    /** Whether log σ is among the parameters. */
    public boolean hasFrailty() {
        return names.contains(LOG_FRAILTY_SD);
    }

    /**
     * The covariance of the parameters in {@code keep} (in this covariance's order), e.g. the terms
     * a fit did not alias; null when none is kept.
     */
    public ParameterCovariance restrictedTo(Set<String> keep) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (keep.contains(names.get(i))) {
                idx.add(i);
            }
        }
        if (idx.isEmpty()) {
            return null;
        }
        if (idx.size() == names.size()) {
            return this;
        }
        double[][] m = new double[idx.size()][idx.size()];
        List<String> kept = new ArrayList<>();
        for (int a = 0; a < idx.size(); a++) {
            kept.add(names.get(idx.get(a)));
            for (int b = 0; b < idx.size(); b++) {
                m[a][b] = matrix[idx.get(a)][idx.get(b)];
            }
        }
        return new ParameterCovariance(
                kept, m, diverged.stream().filter(kept::contains).toList());
    }

    private static double[] cholesky(List<String> names, double[][] m) {
        double[][] l;
        try {
            l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(m), 1e-12, 1e-14)
                    .getL()
                    .getData();
        } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the covariance of " + names + " is not positive definite (" + e.getMessage() + ")");
        }
        int n = m.length;
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(l[i], 0, out, i * n, n);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterCovariance p
                && names.equals(p.names)
                && Arrays.deepEquals(matrix, p.matrix)
                && diverged.equals(p.diverged);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * names.hashCode() + Arrays.deepHashCode(matrix)) + diverged.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterCovariance" + names + Arrays.deepToString(matrix) + (diverged.isEmpty() ? "" : diverged);
    }
}
