package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.normlab.data.CountryYearData;
import org.normlab.data.SafeText;
import org.normlab.output.AtomicOutput;
import org.normlab.report.html.StudyFiles;
import org.normlab.sim.ProgressListener;
import org.normlab.store.NormlabStore;
import org.normlab.study.Study;
import org.normlab.study.StudyOptions;
import org.normlab.study.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab study}: the whole analysis of an instrument, written as a report. */
@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole analysis of an instrument on the stored data and write a report: the life cycle "
                    + "and its stages, international vs domestic vs two-level hazard models in and out of sample, the "
                    + "withdrawal model, every holdout and withdrawn state explained, a replay of history and "
                    + "counterfactual ensembles against the baseline.",
            "Writes DIR/report.html (self-contained), DIR/tables/*.csv and *.tex, DIR/scenarios/*.yaml and "
                    + "DIR/manifest.json, and prints the headline findings."
        })
final class StudyCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(
            names = "--instrument",
            defaultValue = "mine-ban",
            paramLabel = "ID",
            description = "instrument id (default ${DEFAULT-VALUE})")
    String instrument;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default normlab-out/ID)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--replicates",
            defaultValue = "1000",
            paramLabel = "N",
            description = "replicates per ensemble (default ${DEFAULT-VALUE})")
    int replicates;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "threads (default: all cores)")
    int threads;

    @Option(
            names = "--repeats",
            defaultValue = "20",
            paramLabel = "R",
            description = "repeats of the leave-states-out cross-validation behind the paired comparisons of the "
                    + "thesis (default ${DEFAULT-VALUE})")
    int repeats;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        long started = System.nanoTime();
        Path dir = out != null ? out : Path.of("normlab-out", instrument);
        StudyOptions options = StudyOptions.of(instrument)
                .withSeed(seed)
                .withReplicates(replicates)
                .withThreads(threads)
                .withRepeats(repeats);
        PrintWriter w = spec.commandLine().getOut();
        Study.Outcome outcome;
        List<Path> files;
        // The folder is checked before the minutes of computing, and replaced only by a complete study.
        try (AtomicOutput target = AtomicOutput.folder(dir, "--out")) {
            try (NormlabStore store = db.openReadOnly();
                    Progress bar = Progress.of("study", Study.STEPS)) {
                CountryYearData data = CountryYearData.load(store);
                data.instrument(instrument);
                outcome = Study.run(
                        data,
                        options,
                        new Study.Listener() {
                            @Override
                            public void step(int done, int total, String what) {
                                bar.step(what, done);
                            }

                            @Override
                            public ProgressListener ensemble() {
                                return ProgressListener.NONE;
                            }
                        },
                        Main.version(),
                        Clock.systemUTC());
            }
            Study.Outcome done = outcome;
            files = target.write(staging -> StudyFiles.write(done, staging));
        }
        w.println(SafeText.printable("Study of " + outcome.report().meta().title()));
        w.println();
        // Each finding in plain words, with the technical statement it rests on beneath it.
        for (StudyReport.Finding f : outcome.report().findings()) {
            w.println(SafeText.printable("* " + f.plain()));
            w.println(SafeText.printable("    " + f.technical()));
        }
        if (!outcome.report().omitted().isEmpty()) {
            w.println();
            w.println("Left out:");
            outcome.report().omitted().forEach(o -> w.println(SafeText.printable("  - " + o)));
        }
        w.println();
        w.printf(
                Locale.ROOT,
                "wrote %d files to %s (report: %s) in %.1f s%n",
                files.size(),
                dir,
                dir.resolve("report.html"),
                (System.nanoTime() - started) / 1e9);
    }
}
