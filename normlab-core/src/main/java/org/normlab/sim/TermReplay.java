package org.normlab.sim;

import java.util.Arrays;
import java.util.Optional;

/**
 * The simulation's values of a model term on the observed history: the world of a {@link RunFrame}
 * replayed year by year with the observed statuses instead of simulated decisions, each term read
 * as the models read it in a simulation (time terms and covariates from {@link RunFrame#term},
 * exposures from the engine's {@link Snapshot}, exposures to stored networks from
 * {@link Snapshot#shareTies}). What checks that the simulation and the panels compute the same
 * terms, and what a replay reports. Stateless and thread safe.
 */
public final class TermReplay {
    private TermReplay() {}

    /**
     * The values of {@code term} for every simulated year k and state s, laid out {@code [k * S + s]}:
     * for a state-year in the system, the value a model uses for that risk-year when the world has
     * followed its observed history up to the year before; NaN for a state-year outside the system
     * or after the last observed status.
     *
     * @throws IllegalArgumentException for a term the frame's world cannot evaluate
     */
    public static double[] values(RunFrame frame, String term) {
        int n = frame.states;
        double[] out = new double[frame.years * n];
        Arrays.fill(out, Double.NaN);
        Optional<Exposure> exposure = Exposure.ofTerm(term);
        String kind = Terms.tieKind(term);
        TieNetwork network = kind == null
                ? null
                : frame.world
                        .ties(kind)
                        .orElseThrow(() -> new IllegalArgumentException("the world holds no ties of kind " + kind));
        double[] fixed = exposure.isEmpty() && network == null ? frame.term(term) : null;
        Snapshot snap = new Snapshot(frame);
        snap.reset();
        for (int k = 0; k < frame.years; k++) {
            for (int s = 0; s < n; s++) {
                if (!frame.in[k + 1][s]) {
                    continue;
                }
                out[k * n + s] = fixed != null
                        ? fixed[k * n + s]
                        : network != null ? snap.shareTies(network, s) : snap.share(exposure.get(), s);
            }
            Optional<byte[]> observed = frame.world.observedStatus(frame.start + k);
            if (observed.isEmpty()) {
                Arrays.fill(out, (k + 1) * n, out.length, Double.NaN);
                break;
            }
            byte[] now = observed.get();
            for (int s = 0; s < n; s++) {
                if (now[s] != snap.status[s] && now[s] != Status.NOT_PARTY) {
                    snap.apply(s, now[s] == Status.PARTY ? Transition.ADOPTION : Transition.WITHDRAWAL);
                }
            }
            snap.advance();
        }
        return out;
    }
}
