package org.normlab.study;

import java.util.Objects;
import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.panel.PanelBuilder;
import org.normlab.sim.Ensemble;

/**
 * What every step of a {@link Study} reads: the data, the settings, the instrument studied and the
 * panel builder over the data. Immutable (the data and builder are read only).
 *
 * @param data       the stored data
 * @param options    the study's settings
 * @param instrument the instrument studied
 * @param builder    builds the risk-set panels of the instrument
 * @param listener   told of ensemble progress
 */
record StudyContext(
        CountryYearData data,
        StudyOptions options,
        Instrument instrument,
        PanelBuilder builder,
        Study.Listener listener) {

    StudyContext {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(listener, "listener");
    }

    static StudyContext of(CountryYearData data, StudyOptions options, Study.Listener listener) {
        return new StudyContext(data, options, data.instrument(options.instrument()), new PanelBuilder(data), listener);
    }

    /** The instrument's id. */
    String id() {
        return instrument.id();
    }

    /** A fresh ensemble with the study's seed, replicates and threads. */
    Ensemble ensemble() {
        return ensemble(java.util.List.of());
    }

    /** A fresh ensemble that also tallies each focus state's probability of having joined, per replicate. */
    Ensemble ensemble(java.util.List<String> focus) {
        Ensemble.Builder b = Ensemble.builder()
                .focus(focus)
                .replicates(options.replicates())
                .seed(options.seed())
                .progress(listener.ensemble())
                .lifecycleRules(options.rules());
        if (options.threads() > 0) {
            b.threads(options.threads());
        }
        return b.build();
    }
}
