package org.normlab.estimate;

/**
 * How {@link HazardEstimator} computes the covariance matrix of the coefficients.
 *
 * <p>With k estimated coefficients, n rows and G clusters, bread B = inverse (penalised) Fisher
 * information and meat M = &Sigma;<sub>g</sub> u<sub>g</sub>u<sub>g</sub>' with u<sub>g</sub> the
 * sum of the rows' score contributions in cluster g:
 *
 * <ul>
 *   <li>{@link #MODEL}: B, R's {@code vcov(fit)};
 *   <li>{@link #CLUSTER}: G/(G&minus;1)&middot;BMB, R's {@code sandwich::vcovCL(fit, cluster = ~id)}
 *       with its defaults for a glm (type "HC0" plus the cluster adjustment); Stata's {@code
 *       logit ..., vce(cluster id)} uses the same factor;
 *   <li>{@link #CLUSTER_HC1}: G/(G&minus;1)&middot;(n&minus;1)/(n&minus;k)&middot;BMB, R's {@code
 *       vcovCL(fit, cluster = ~id, type = "HC1")}.
 * </ul>
 */
public enum SeType {
    /** Model-based: inverse Fisher information. */
    MODEL,
    /** Cluster-robust sandwich, small-sample factor G/(G&minus;1). */
    CLUSTER,
    /** Cluster-robust sandwich, small-sample factor G/(G&minus;1)&middot;(n&minus;1)/(n&minus;k). */
    CLUSTER_HC1;

    /** True for the cluster-robust types, which need cluster ids in the problem. */
    public boolean clustered() {
        return this != MODEL;
    }
}
