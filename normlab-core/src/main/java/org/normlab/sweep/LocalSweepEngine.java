package org.normlab.sweep;

import java.util.ArrayList;
import java.util.List;
import org.normlab.scenario.ScenarioException;

/**
 * Runs the points one after the other in this JVM, each point's ensembles on all the threads given,
 * and writes the rows with {@link SweepParquet}. Stateless.
 */
public final class LocalSweepEngine implements SweepEngine {
    /** The engine's name. */
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SweepRow> run(SweepJob job, Environment env) throws ScenarioException {
        List<SweepRow> response = new ArrayList<>();
        try (SweepParquet out = SweepParquet.open(env.results())) {
            for (int i = 0; i < job.size(); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("sweep interrupted");
                }
                List<SweepRow> rows = env.runner().run(job.task(i), env.threads());
                out.add(rows);
                for (SweepRow r : rows) {
                    if (job.isResponse(r)) {
                        response.add(r);
                    }
                }
                env.progress().progress(i + 1, job.size());
            }
            out.finish();
        }
        return response;
    }
}
