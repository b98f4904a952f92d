package org.normlab.scenario;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.ParameterCovariance;

/**
 * A scenario's {@code model} field: the adoption hazard (absent when the threshold model decides
 * adoption) and, optionally, the withdrawal hazard, each with the frailty standard deviation the
 * file gives ({@code frailty_sd}). A frailty given here is applied to the hazard once it is
 * resolved, whatever its source (coefficients, a saved fit or a specification), and replaces any
 * frailty the resolved hazard had; absent, the resolved hazard is used as it is. Immutable.
 *
 * @param adoption          source of the adoption hazard
 * @param withdrawal        source of the withdrawal hazard among parties
 * @param adoptionFrailty   frailty standard deviation of the adoption hazard, finite and ≥ 0; only
 *                          with an adoption hazard
 * @param withdrawalFrailty frailty standard deviation of the withdrawal hazard, finite and ≥ 0;
 *                          only with a withdrawal hazard
 * @param frailtyMode       how the adoption hazard draws its frailties ({@code model.frailty})
 * @param uncertainty       whether the adoption hazard's parameters are drawn per replicate from their
 *                          sampling distribution ({@code model.uncertainty: coefficients})
 * @param covariance        the sampling covariance given with coefficients in the file
 *                          ({@code model.covariance}); a fit or a specification brings its own
 */
public record ScenarioModel(
        Optional<ModelSource> adoption,
        Optional<ModelSource> withdrawal,
        OptionalDouble adoptionFrailty,
        OptionalDouble withdrawalFrailty,
        FrailtyMode frailtyMode,
        boolean uncertainty,
        Optional<ParameterCovariance> covariance) {

    public ScenarioModel {
        Objects.requireNonNull(frailtyMode, "frailtyMode");
        Objects.requireNonNull(covariance, "covariance");
        if ((frailtyMode != FrailtyMode.PRIOR || uncertainty || covariance.isPresent()) && adoption.isEmpty()) {
            throw new IllegalArgumentException("frailty posterior, uncertainty and covariance need an adoption hazard");
        }
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(adoptionFrailty, "adoptionFrailty");
        Objects.requireNonNull(withdrawalFrailty, "withdrawalFrailty");
        check(adoptionFrailty, adoption, "adoption");
        check(withdrawalFrailty, withdrawal, "withdrawal");
    }

    /** The hazards with these frailty sds, prior frailties and fixed parameters. */
    public ScenarioModel(
            Optional<ModelSource> adoption,
            Optional<ModelSource> withdrawal,
            OptionalDouble adoptionFrailty,
            OptionalDouble withdrawalFrailty) {
        this(adoption, withdrawal, adoptionFrailty, withdrawalFrailty, FrailtyMode.PRIOR, false, Optional.empty());
    }

    /** The hazards as their sources give them, without frailty set by the scenario. */
    public ScenarioModel(Optional<ModelSource> adoption, Optional<ModelSource> withdrawal) {
        this(adoption, withdrawal, OptionalDouble.empty(), OptionalDouble.empty());
    }

    /** No hazard at all: the threshold model without withdrawal. */
    public static ScenarioModel none() {
        return new ScenarioModel(Optional.empty(), Optional.empty());
    }

    private static void check(OptionalDouble sd, Optional<ModelSource> source, String what) {
        if (sd.isEmpty()) {
            return;
        }
        if (source.isEmpty()) {
            throw new IllegalArgumentException("a frailty of the " + what + " hazard needs that hazard");
        }
        double v = sd.getAsDouble();
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " frailty sd must be finite and ≥ 0, got " + v);
        }
    }
}
