package org.normlab.estimate;

/**
 * Small dense symmetric linear algebra on k x k row-major arrays (k is the number of
 * coefficients, tens at most): Cholesky factorisation, solves, inverse and log-determinant.
 * Stateless and thread-safe.
 */
final class Dense {

    private Dense() {}

    /**
     * Lower Cholesky factor of the symmetric matrix {@code a}, or null if {@code a} is not
     * numerically positive definite (a pivot at or below {@code relTol} times its diagonal entry).
     */
    static double[] cholesky(double[] a, int k, double relTol) {
        double[] l = new double[k * k];
        for (int j = 0; j < k; j++) {
            double d = a[j * k + j];
            for (int p = 0; p < j; p++) {
                d -= l[j * k + p] * l[j * k + p];
            }
            if (!(d > relTol * Math.abs(a[j * k + j])) || !(d > 0.0)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j * k + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                double s = a[i * k + j];
                for (int p = 0; p < j; p++) {
                    s -= l[i * k + p] * l[j * k + p];
                }
                l[i * k + j] = s / ljj;
            }
        }
        return l;
    }

    /** Solves (L L') x = b. */
    static double[] solve(double[] l, int k, double[] b) {
        double[] x = b.clone();
        for (int i = 0; i < k; i++) {
            double s = x[i];
            for (int p = 0; p < i; p++) {
                s -= l[i * k + p] * x[p];
            }
            x[i] = s / l[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = x[i];
            for (int p = i + 1; p < k; p++) {
                s -= l[p * k + i] * x[p];
            }
            x[i] = s / l[i * k + i];
        }
        return x;
    }

    /** Inverse of L L', row-major. */
    static double[] inverse(double[] l, int k) {
        double[] inv = new double[k * k];
        double[] e = new double[k];
        for (int c = 0; c < k; c++) {
            java.util.Arrays.fill(e, 0.0);
            e[c] = 1.0;
            double[] col = solve(l, k, e);
            for (int r = 0; r < k; r++) {
                inv[r * k + c] = col[r];
            }
        }
        // Symmetrise: the two triangles differ by rounding only.
        for (int r = 0; r < k; r++) {
            for (int c = r + 1; c < k; c++) {
                double m = 0.5 * (inv[r * k + c] + inv[c * k + r]);
                inv[r * k + c] = m;
                inv[c * k + r] = m;
            }
        }
        return inv;
    }

    /** log det(L L'). */
    static double logDet(double[] l, int k) {
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            s += Math.log(l[j * k + j]);
        }
        return 2.0 * s;
    }

    /** A' B A for square k x k row-major matrices (covariance transformation). */
    static double[] congruence(double[] a, double[] b, int k) {
        double[] ba = multiply(b, a, k);
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += a[p * k + i] * ba[p * k + j];
                }
                out[i * k + j] = s;
            }
        }
        return out;
    }

    static double[] multiply(double[] a, double[] b, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int p = 0; p < k; p++) {
                double v = a[i * k + p];
                if (v == 0.0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    out[i * k + j] += v * b[p * k + j];
                }
            }
        }
        return out;
    }
}
