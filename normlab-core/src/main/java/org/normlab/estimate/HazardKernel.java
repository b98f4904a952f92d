package org.normlab.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The passes over the rows of a hazard problem: log-likelihood, score and Fisher information
 * (pass 1), the mean-bias adjustment of the score (pass 2, Firth fits only) and per-row score
 * contributions (cluster-robust errors).
 *
 * <p>Works in a standardised parameterisation: covariate j enters as (x<sub>j</sub> &minus;
 * c<sub>j</sub>)/s<sub>j</sub>, which keeps the normal equations well conditioned when columns
 * have large means (years, log GDP). Rows are cut into fixed blocks of {@value #TASK_ROWS}; each
 * block yields a partial sum and the partials are added in block order, so results are
 * bit-identical whatever the number of threads. Inside a block, rows are processed in sub-blocks
 * of {@value #SUB} held in primitive scratch arrays, so that the inner loops are simple
 * element-wise loops the JIT unrolls and vectorises.
 *
 * <p>Immutable after construction and safe to use from one fit at a time.
 */
final class HazardKernel {

    /** Rows per parallel task; fixed, so the summation order never depends on the threads. */
    static final int TASK_ROWS = 8192;
    /** Rows per scratch sub-block: small enough for the scratch arrays to stay in cache. */
    static final int SUB = 128;
    /** R's glm.fit threshold for "fitted probabilities numerically 0 or 1". */
    private static final double BOUNDARY = 10 * Link.EPS;

    private static final double[] ONES = ones();

    private final double[] y;
    private final double[][] data;
    private final double[] center;
    private final double[] invScale;
    private final boolean intercept;
    private final boolean logit;
    private final int k;
    private final int n;
    private final ForkJoinPool pool;

    /**
     * @param data active covariate columns (not copied, not modified)
     * @param center subtracted from each column
     * @param invScale multiplies each centred column
     * @param pool pool for the blocks, or null to run in the calling thread
     */
    HazardKernel(
            double[] y,
            double[][] data,
            double[] center,
            double[] invScale,
            boolean intercept,
            Link link,
            ForkJoinPool pool) {
        this.y = y;
        this.data = data;
        this.center = center;
        this.invScale = invScale;
        this.intercept = intercept;
        this.logit = link == Link.LOGIT;
        this.k = data.length + (intercept ? 1 : 0);
        this.n = y.length;
        this.pool = pool;
    }

    private static double[] ones() {
        double[] o = new double[SUB];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    int k() {
        return k;
    }

    /** Result of pass 1 at one coefficient vector (standardised parameterisation). */
    static final class Evaluation {
        final double[] beta;
        final double logLik;
        /** Score vector, length k. */
        final double[] score;
        /** Fisher information, k x k row-major, symmetric. */
        final double[] info;
        /** Rows whose fitted probability is numerically 0 or 1. */
        final long boundaryRows;

        Evaluation(double[] beta, double logLik, double[] score, double[] info, long boundaryRows) {
            this.beta = beta;
            this.logLik = logLik;
            this.score = score;
            this.info = info;
            this.boundaryRows = boundaryRows;
        }

        boolean finite() {
            if (!Double.isFinite(logLik)) {
                return false;
            }
            for (double v : score) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            for (double v : info) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Pass 1: log-likelihood, score and expected information at {@code beta}. */
    Evaluation evaluate(double[] beta) {
        final int kk = k;
        List<double[]> partials = runBlocks(block -> evaluateBlock(beta, block));
        double[] total = new double[kk * kk + kk + 2];
        for (double[] p : partials) {
            for (int t = 0; t < total.length; t++) {
                total[t] += p[t];
            }
        }
        double[] info = new double[kk * kk];
        double[] score = new double[kk];
        for (int j = 0; j < kk; j++) {
            for (int l = 0; l <= j; l++) {
                info[j * kk + l] = total[j * kk + l];
                info[l * kk + j] = total[j * kk + l];
            }
            score[j] = total[kk * kk + j];
        }
        return new Evaluation(beta.clone(), total[kk * kk + kk], score, info, (long) total[kk * kk + kk + 1]);
    }

    private double[] evaluateBlock(double[] beta, int block) {
        final int kk = k;
        int pairs = kk * (kk + 1) / 2;
        // Element-wise accumulators, one row of SUB per entry of X'WX (lower triangle) and of the
        // score: the updates are plain a[r] += t[r] * x[r] loops, which the JIT vectorises, unlike
        // scalar reductions. They are folded to scalars once per block, in a fixed order.
        double[][] accInfo = new double[pairs][SUB];
        double[][] accScore = new double[kk][SUB];
        double[][] xs = new double[kk][];
        double[][] wx = new double[kk][SUB];
        double[] eta = new double[SUB];
        double[] w = new double[SUB];
        double[] sf = new double[SUB];
        allocateDesign(xs);
        int start = block * TASK_ROWS;
        int end = Math.min(n, start + TASK_ROWS);
        double logLik = 0.0;
        long boundary = 0;
        for (int i0 = start; i0 < end; i0 += SUB) {
            int len = Math.min(SUB, end - i0);
            fillDesign(beta, xs, eta, i0, len);
            for (int r = 0; r < len; r++) {
                double e = eta[r];
                double yi = y[i0 + r];
                double mu;
                double d1;
                double ll;
                if (logit) {
                    if (e < -Link.LOGIT_THRESHOLD || e > Link.LOGIT_THRESHOLD) {
                        mu = e < 0 ? Link.EPS / (1.0 + Link.EPS) : 1.0 / (1.0 + Link.EPS);
                        d1 = Link.EPS;
                        ll = yi == 1.0 ? Math.log(mu) : Math.log(1.0 - mu);
                    } else {
                        double ex = Math.exp(e);
                        double opex = 1.0 + ex;
                        double inv = 1.0 / opex;
                        mu = ex * inv;
                        // Canonical link: dmu/deta = var(mu), so the weight is mu(1-mu), the score factor
                        // y - mu. log(mu) = eta - log(1+e^eta), log(1-mu) = -log(1+e^eta): one log per row.
                        w[r] = mu * inv;
                        sf[r] = yi - mu;
                        logLik += yi * e - Math.log(opex);
                        // |eta| <= 30 keeps mu at least 9e-14 from 0 and 1: never a boundary row.
                        continue;
                    }
                } else {
                    double ee = Math.exp(e);
                    double raw = -Math.expm1(-ee);
                    mu = Math.max(Math.min(raw, 1.0 - Link.EPS), Link.EPS);
                    d1 = ee * Math.exp(-ee);
                    if (!(d1 > Link.EPS)) {
                        d1 = Link.EPS;
                    }
                    if (yi == 1.0) {
                        ll = Math.log(mu);
                    } else {
                        ll = mu == raw ? -ee : Math.log(1.0 - mu);
                    }
                }
                double var = mu * (1.0 - mu);
                double ratio = d1 / var;
                w[r] = d1 * ratio;
                sf[r] = (yi - mu) * ratio;
                logLik += ll;
                if (mu < BOUNDARY || mu > 1.0 - BOUNDARY) {
                    boundary++;
                }
            }
            if (len < SUB) {
                // Rows past the end contribute nothing: zero weight and score factor.
                for (int r = len; r < SUB; r++) {
                    w[r] = 0.0;
                    sf[r] = 0.0;
                }
                for (int j = intercept ? 1 : 0; j < kk; j++) {
                    java.util.Arrays.fill(xs[j], len, SUB, 0.0);
                }
            }
            for (int j = 0; j < kk; j++) {
                double[] x = xs[j];
                double[] t = wx[j];
                for (int r = 0; r < SUB; r++) {
                    t[r] = w[r] * x[r];
                }
            }
            int pair = 0;
            for (int j = 0; j < kk; j++) {
                double[] t = wx[j];
                for (int l = 0; l <= j; l++) {
                    double[] a = accInfo[pair++];
                    double[] x = xs[l];
                    for (int r = 0; r < SUB; r++) {
                        a[r] += t[r] * x[r];
                    }
                }
                double[] a = accScore[j];
                double[] x = xs[j];
                for (int r = 0; r < SUB; r++) {
                    a[r] += sf[r] * x[r];
                }
            }
        }
        double[] acc = new double[kk * kk + kk + 2];
        int pair = 0;
        for (int j = 0; j < kk; j++) {
            for (int l = 0; l <= j; l++) {
                acc[j * kk + l] = sum(accInfo[pair++]);
            }
            acc[kk * kk + j] = sum(accScore[j]);
        }
        acc[kk * kk + kk] = logLik;
        acc[kk * kk + kk + 1] = boundary;
        return acc;
    }

    /** Sum with four interleaved partial sums (fixed order: deterministic). */
    private static double sum(double[] a) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int r = 0;
        for (; r + 3 < a.length; r += 4) {
            s0 += a[r];
            s1 += a[r + 1];
            s2 += a[r + 2];
            s3 += a[r + 3];
        }
        for (; r < a.length; r++) {
            s0 += a[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Pass 2: the adjustment A<sub>r</sub> = &frac12;&Sigma;<sub>i</sub> h<sub>i</sub>
     * (d<sub>2i</sub>/d<sub>1i</sub>) x<sub>ir</sub> of Kosmidis &amp; Firth (2009), where h are the
     * leverages of the working-weighted design, d<sub>1</sub> = d&mu;/d&eta; and d<sub>2</sub> =
     * d&sup2;&mu;/d&eta;&sup2;. Adding it to the score gives the mean-bias-reducing adjusted score
     * (brglm2's AS_mean); for the logit link it is the gradient of Firth's Jeffreys-prior penalty.
     *
     * @param chol lower Cholesky factor of the Fisher information at {@code beta}, k x k row-major
     */
    double[] biasAdjustment(double[] beta, double[] chol) {
        List<double[]> partials = runBlocks(block -> adjustmentBlock(beta, chol, block));
        double[] total = new double[k];
        for (double[] p : partials) {
            for (int j = 0; j < k; j++) {
                total[j] += p[j];
            }
        }
        return total;
    }

    private double[] adjustmentBlock(double[] beta, double[] chol, int block) {
        final int kk = k;
        double[] acc = new double[kk];
        double[][] xs = new double[kk][];
        double[][] v = new double[kk][SUB];
        double[] eta = new double[SUB];
        double[] w = new double[SUB];
        double[] c = new double[SUB];
        allocateDesign(xs);
        int start = block * TASK_ROWS;
        int end = Math.min(n, start + TASK_ROWS);
        for (int i0 = start; i0 < end; i0 += SUB) {
            int len = Math.min(SUB, end - i0);
            fillDesign(beta, xs, eta, i0, len);
            for (int r = 0; r < len; r++) {
                double e = eta[r];
                double mu;
                double d1;
                double d2OverD1;
                if (logit) {
                    mu = Link.LOGIT.probability(e);
                    if (e < -Link.LOGIT_THRESHOLD || e > Link.LOGIT_THRESHOLD) {
                        d1 = Link.EPS;
                    } else {
                        double ex = Math.exp(e);
                        d1 = ex / ((1.0 + ex) * (1.0 + ex));
                    }
                    d2OverD1 = 1.0 - 2.0 * mu;
                } else {
                    double ee = Math.exp(e);
                    mu = Math.max(Math.min(-Math.expm1(-ee), 1.0 - Link.EPS), Link.EPS);
                    d1 = ee * Math.exp(-ee);
                    if (!(d1 > Link.EPS)) {
                        d1 = Link.EPS;
                    }
                    d2OverD1 = 1.0 - ee;
                }
                w[r] = d1 * d1 / (mu * (1.0 - mu));
                c[r] = d2OverD1;
            }
            // Leverages h = w * ||L^{-1} x||^2, solved for all rows of the sub-block at once.
            for (int j = 0; j < kk; j++) {
                double[] vj = v[j];
                double[] xj = xs[j];
                for (int r = 0; r < len; r++) {
                    vj[r] = xj[r];
                }
                int row = j * kk;
                for (int l = 0; l < j; l++) {
                    double a = chol[row + l];
                    double[] vl = v[l];
                    for (int r = 0; r < len; r++) {
                        vj[r] -= a * vl[r];
                    }
                }
                double inv = 1.0 / chol[row + j];
                for (int r = 0; r < len; r++) {
                    vj[r] *= inv;
                }
            }
            for (int r = 0; r < len; r++) {
                double q = 0.0;
                for (int j = 0; j < kk; j++) {
                    double t = v[j][r];
                    q += t * t;
                }
                c[r] *= 0.5 * w[r] * q;
            }
            for (int j = 0; j < kk; j++) {
                acc[j] += dot(c, xs[j], len);
            }
        }
        return acc;
    }

    /**
     * Per-cluster sums of the score contributions at {@code beta}: G x k row-major. The row
     * contributions are computed in parallel; the cluster sums are added in row order.
     */
    double[] clusterScores(double[] beta, int[] clusterIndex, int clusters) {
        double[] rowFactor = new double[n];
        runBlocks(block -> {
            scoreFactorBlock(beta, rowFactor, block);
            return null;
        });
        final int kk = k;
        double[] u = new double[clusters * kk];
        int col = 0;
        if (intercept) {
            for (int i = 0; i < n; i++) {
                u[clusterIndex[i] * kk] += rowFactor[i];
            }
            col = 1;
        }
        for (int c = 0; c < data.length; c++, col++) {
            double[] a = data[c];
            double m = center[c];
            double s = invScale[c];
            for (int i = 0; i < n; i++) {
                u[clusterIndex[i] * kk + col] += rowFactor[i] * ((a[i] - m) * s);
            }
        }
        return u;
    }

    private void scoreFactorBlock(double[] beta, double[] out, int block) {
        double[][] xs = new double[k][];
        double[] eta = new double[SUB];
        allocateDesign(xs);
        int start = block * TASK_ROWS;
        int end = Math.min(n, start + TASK_ROWS);
        Link link = logit ? Link.LOGIT : Link.CLOGLOG;
        for (int i0 = start; i0 < end; i0 += SUB) {
            int len = Math.min(SUB, end - i0);
            fillDesign(beta, xs, eta, i0, len);
            for (int r = 0; r < len; r++) {
                double e = eta[r];
                double mu = link.probability(e);
                double d1;
                if (logit) {
                    if (e < -Link.LOGIT_THRESHOLD || e > Link.LOGIT_THRESHOLD) {
                        d1 = Link.EPS;
                    } else {
                        double ex = Math.exp(e);
                        d1 = ex / ((1.0 + ex) * (1.0 + ex));
                    }
                } else {
                    double ee = Math.exp(e);
                    d1 = ee * Math.exp(-ee);
                    if (!(d1 > Link.EPS)) {
                        d1 = Link.EPS;
                    }
                }
                out[i0 + r] = (y[i0 + r] - mu) * d1 / (mu * (1.0 - mu));
            }
        }
    }

    private void allocateDesign(double[][] xs) {
        int col = 0;
        if (intercept) {
            xs[col++] = ONES;
        }
        for (; col < k; col++) {
            xs[col] = new double[SUB];
        }
    }

    /**
     * Standardised design of rows i0..i0+len-1 into the scratch columns, and the linear predictor
     * of those rows in the same sweep over the data.
     */
    private void fillDesign(double[] beta, double[][] xs, double[] eta, int i0, int len) {
        double b0 = intercept ? beta[0] : 0.0;
        for (int r = 0; r < len; r++) {
            eta[r] = b0;
        }
        int col = intercept ? 1 : 0;
        for (int c = 0; c < data.length; c++, col++) {
            double[] a = data[c];
            double[] x = xs[col];
            double m = center[c];
            double s = invScale[c];
            double b = beta[col];
            for (int r = 0; r < len; r++) {
                double v = (a[i0 + r] - m) * s;
                x[r] = v;
                eta[r] += b * v;
            }
        }
    }

    /** Dot product with four independent accumulators (fixed order: deterministic). */
    private static double dot(double[] a, double[] b, int len) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int r = 0;
        for (; r + 3 < len; r += 4) {
            s0 += a[r] * b[r];
            s1 += a[r + 1] * b[r + 1];
            s2 += a[r + 2] * b[r + 2];
            s3 += a[r + 3] * b[r + 3];
        }
        for (; r < len; r++) {
            s0 += a[r] * b[r];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @FunctionalInterface
    private interface BlockTask {
        double[] run(int block);
    }

    /** Runs {@code task} for every block and returns the results in block order. */
    private List<double[]> runBlocks(BlockTask task) {
        int blocks = (n + TASK_ROWS - 1) / TASK_ROWS;
        List<double[]> out = new ArrayList<>(blocks);
        if (pool == null || blocks == 1) {
            for (int b = 0; b < blocks; b++) {
                out.add(task.run(b));
            }
            return out;
        }
        List<Callable<double[]>> calls = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            final int block = b;
            calls.add(() -> task.run(block));
        }
        try {
            for (Future<double[]> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EstimationException("estimation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new EstimationException("a worker thread failed: " + cause, cause);
        }
        return out;
    }
}
