package org.normlab.server;

import java.util.List;
import java.util.Set;
import org.normlab.analysis.Models;
import org.normlab.data.CountryYearData;
import org.normlab.estimate.HazardEstimator;
import org.normlab.estimate.Link;
import org.normlab.estimate.SeType;
import org.normlab.panel.MissingPolicy;
import org.normlab.panel.PanelSpec;
import org.normlab.panel.Specs;
import org.normlab.panel.Transition;

/**
 * The risk set and estimator a fit or comparison request asks for; the fields and defaults are
 * those of the command line's options ({@code normlab fit}, {@code normlab compare}). Immutable.
 *
 * @param instrument instrument id (default mine-ban)
 * @param transition signature, consent (default) or withdrawal
 * @param vars       free variables, or null
 * @param specs      named specifications, or null
 * @param from       first risk year, 0 for the opening year
 * @param to         last risk year, 0 for the last data year
 * @param lag        covariate lag in years (default 1)
 * @param missing    drop (default) or fill
 * @param link       logit (default) or cloglog
 * @param se         cluster (default) or model
 * @param firth      Firth's penalty; null for the default (on for withdrawals without ridge)
 * @param ridge      ridge penalty, 0 for none
 */
record ModelRequest(
        String instrument,
        String transition,
        List<String> vars,
        List<String> specs,
        int from,
        int to,
        int lag,
        String missing,
        String link,
        String se,
        Boolean firth,
        double ridge) {
    static final Set<String> ESTIMATOR_FIELDS = Set.of("instrument", "transition", "link", "se", "firth", "ridge");

    static ModelRequest of(Body b, String specsField) {
        return new ModelRequest(
                b.text("instrument", "mine-ban"),
                b.text("transition", "consent"),
                b.strings("vars"),
                b.strings(specsField),
                (int) b.integer("from", 0),
                (int) b.integer("to", 0),
                (int) b.integer("lag", 1),
                b.text("missing", "drop"),
                b.text("link", "logit"),
                b.text("se", "cluster"),
                b.bool("firth"),
                b.number("ridge", 0));
    }

    /** Checks the instrument and the named specifications against the data. */
    ModelRequest checked(CountryYearData data) {
        if (!data.instruments().containsKey(instrument)) {
            throw ApiException.notFound("unknown instrument '" + instrument + "'; known: "
                    + String.join(", ", data.instruments().keySet()));
        }
        if (specs != null) {
            for (String s : specs) {
                if (!Specs.descriptions().containsKey(s)) {
                    throw ApiException.badRequest("unknown specification '" + s + "'; known: "
                            + String.join(", ", Specs.descriptions().keySet()));
                }
            }
        }
        return this;
    }

    Transition transitionValue() {
        return Transition.parse(transition);
    }

    Link linkValue() {
        return switch (link) {
            case "logit" -> Link.LOGIT;
            case "cloglog" -> Link.CLOGLOG;
            default -> throw ApiException.badRequest("link: must be logit or cloglog, got '" + link + "'");
        };
    }

    /** The risk set with {@code variables}. */
    PanelSpec panelSpec(List<String> variables) {
        MissingPolicy policy = switch (missing) {
            case "drop" -> MissingPolicy.DROP;
            case "fill" -> MissingPolicy.FILL;
            default -> throw ApiException.badRequest("missing: must be drop or fill, got '" + missing + "'");
        };
        return new PanelSpec(instrument, transitionValue(), from, to, lag, variables, policy);
    }

    /** The estimator, with the command line's Firth default. */
    HazardEstimator estimator() {
        SeType seType = switch (se) {
            case "model" -> SeType.MODEL;
            case "cluster" -> SeType.CLUSTER;
            default -> throw ApiException.badRequest("se: must be model or cluster, got '" + se + "'");
        };
        boolean useFirth = firth != null ? firth : Models.firthByDefault(transitionValue(), ridge != 0);
        if (useFirth && ridge > 0) {
            throw ApiException.badRequest("choose one penalty: firth or ridge");
        }
        if (ridge < 0) {
            throw ApiException.badRequest("ridge: must be 0 or more");
        }
        return Models.estimator(seType, useFirth, ridge);
    }
}
