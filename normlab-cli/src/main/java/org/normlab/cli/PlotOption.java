package org.normlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.normlab.output.AtomicOutput;
import org.normlab.report.plot.Figure;
import org.normlab.report.plot.Plots;
import picocli.CommandLine.Option;

/** The {@code --plot FILE.svg|FILE.png} option: the command's figure as a file, drawn as in the report. */
final class PlotOption {
    @Option(names = "--plot", paramLabel = "FILE", description = "also write the figure to FILE.svg or FILE.png")
    Path plot;

    /**
     * Refuses, before anything is computed, a file that is neither .svg nor .png or a place that
     * cannot be written (a folder, a device, a read-only folder), as every output is checked.
     */
    void check() {
        if (plot == null) {
            return;
        }
        String name = plot.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new BadInputException("--plot " + plot + ": the file must end in .svg or .png");
        }
        AtomicOutput.file(plot, "--plot").close();
    }

    /** Writes the figure when --plot was given. */
    void write(Figure figure, PrintWriter out) {
        if (plot != null) {
            Plots.write(figure, plot);
            out.println("wrote " + plot);
        }
    }
}
