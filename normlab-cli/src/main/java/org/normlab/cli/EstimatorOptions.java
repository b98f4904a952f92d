package org.normlab.cli;

import org.normlab.analysis.Models;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import picocli.CommandLine.Option;

/** Options that choose how a hazard model is estimated. */
final class EstimatorOptions {
    @Option(
            names = "--link",
            defaultValue = "logit",
            paramLabel = "LINK",
            description = "logit or cloglog (default ${DEFAULT-VALUE})")
    String link;

    @Option(
            names = "--se",
            defaultValue = "cluster",
            paramLabel = "TYPE",
            description =
                    "model (inverse information) or cluster (robust, clustered by state) (default ${DEFAULT-VALUE})")
    String se;

    @Option(
            names = "--firth",
            negatable = true,
            description = "Firth's penalized likelihood (mean bias reduction; for "
                    + "rare events and separation); on by default for the withdrawal transition, whose events are few")
    Boolean firth;

    @Option(
            names = "--ridge",
            defaultValue = "0",
            paramLabel = "LAMBDA",
            description = "ridge penalty lambda/2 * sum(beta^2) on the covariates (default ${DEFAULT-VALUE} = none)")
    double ridge;

    Link link() {
        return switch (link) {
            case "logit" -> Link.LOGIT;
            case "cloglog" -> Link.CLOGLOG;
            default -> throw new BadInputException("--link must be logit or cloglog, got '" + link + "'");
        };
    }

    SeType seType() {
        return switch (se) {
            case "model" -> SeType.MODEL;
            case "cluster" -> SeType.CLUSTER;
            default -> throw new BadInputException("--se must be model or cluster, got '" + se + "'");
        };
    }

    /** The estimator; {@code transition} decides the Firth default. */
    HazardEstimator estimator(String transition) {
        boolean useFirth = firth != null ? firth : "withdrawal".equals(transition) && ridge == 0;
        if (useFirth && ridge > 0) {
            throw new BadInputException("choose one penalty: --firth or --ridge");
        }
        return Models.estimator(seType(), useFirth, ridge);
    }
}
