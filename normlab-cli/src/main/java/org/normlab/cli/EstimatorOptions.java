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
            arity = "0..1",
            fallbackValue = "auto",
            paramLabel = "LAMBDA",
            description = "ridge penalty lambda/2 * sum(beta^2) on the covariates (default ${DEFAULT-VALUE} = none); "
                    + "compare also takes auto (or --ridge without a value): lambda chosen by inner cross-validation "
                    + "inside every training fold, on standardised covariates, the baseline terms unpenalised")
    String ridgeText;

    /** The ridge penalty; 0 for none; refused when it is {@code auto}, which only compare takes. */
    double ridge() {
        if (ridgeAuto()) {
            throw new BadInputException("--ridge auto is taken by compare only: give a number (lambda >= 0) here");
        }
        return ridgeValue();
    }

    /** Whether the ridge penalty is to be chosen by cross-validation ({@code --ridge auto}). */
    boolean ridgeAuto() {
        return "auto".equals(ridgeText.trim());
    }

    private double ridgeValue() {
        try {
            double v = Double.parseDouble(ridgeText.trim());
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new BadInputException("--ridge must be a number >= 0 or auto, got '" + ridgeText + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException("--ridge must be a number >= 0 or auto, got '" + ridgeText + "'");
        }
    }

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

    /** The estimator; {@code transition} decides the Firth default. Refuses {@code --ridge auto}. */
    HazardEstimator estimator(String transition) {
        return estimator(transition, false);
    }

    /**
     * The estimator; {@code transition} decides the Firth default. With {@code autoAllowed} and
     * {@code --ridge auto} it is the estimator without a ridge penalty, which the caller tunes.
     */
    HazardEstimator estimator(String transition, boolean autoAllowed) {
        boolean auto = ridgeAuto();
        if (auto && !autoAllowed) {
            ridge();
        }
        double lambda = auto ? 0.0 : ridgeValue();
        boolean useFirth = firth != null
                ? firth
                : Models.firthByDefault(org.normlab.panel.Transition.parse(transition), lambda > 0 || auto);
        if (useFirth && (lambda > 0 || auto)) {
            throw new BadInputException("choose one penalty: --firth or --ridge");
        }
        return Models.estimator(seType(), useFirth, lambda);
    }
}
