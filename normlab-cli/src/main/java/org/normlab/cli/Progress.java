package org.normlab.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.normlab.sim.ProgressListener;

/** A terminal progress bar (only when stderr is a terminal, so logs and pipes stay clean). */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(String task, long total) {
        boolean terminal = System.console() != null && !"true".equals(System.getenv("CI"));
        this.bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                                new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                        .build()
                : null;
    }

    static Progress of(String task, long total) {
        return new Progress(task, total);
    }

    /** A listener for ensembles that moves the bar to {@code done} of {@code total}. */
    ProgressListener listener() {
        return (done, total) -> {
            if (bar != null) {
                bar.maxHint(total);
                bar.stepTo(done);
            }
        };
    }

    void step(String message, long done) {
        if (bar != null) {
            bar.setExtraMessage(message);
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
