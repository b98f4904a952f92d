package org.normlab.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.normlab.data.DataException;
import org.normlab.data.InputException;
import org.normlab.data.NormlabException;
import org.normlab.estimate.EstimationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code normlab} command line. Exit codes, decided in {@link #exitCode}: 0 done, 1 refused
 * (or failed without changing anything), 2 bad input or usage, 3 internal error.
 */
@Command(
        name = "normlab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A laboratory for the life cycle of international norms: treaty participation data, "
                + "risk-set panels, hazard models, simulation and reports.",
        subcommands = {
            DataCommand.class,
            PanelCommand.class,
            FitCommand.class,
            CompareCommand.class,
            ExplainCommand.class,
            PredictCommand.class,
            LifecycleCommand.class,
            SimulateCommand.class,
            SweepCommand.class,
            CalibrateCommand.class,
            StudyCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code when the command did its job. */
    public static final int DONE = 0;
    /** Exit code for an operation normlab refused or that failed without changing anything. */
    public static final int REFUSED = 1;
    /** Exit code for input that was refused (bad file, bad option value, usage error). */
    public static final int BAD_INPUT = 2;
    /** The environment the command line runs in (chooses the default database). */
    java.util.Map<String, String> env = java.util.Map.of();

    /** Exit code for a defect in normlab itself; the full trace is written to a file. */
    public static final int INTERNAL_ERROR = 3;

    /** The global option that prints the full trace of an internal error on screen. */
    static final String DEBUG = "--debug";

    // Declared so that picocli accepts and documents it on every command; execute() reads it from the
    // arguments before parsing, so that it also holds when parsing itself fails.
    @Option(
            names = DEBUG,
            scope = ScopeType.INHERIT,
            description = "on an internal error, print the full trace on screen too")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command; see normlab --help");
    }

    public static void main(String[] args) {
        // UTF-8 whatever the platform's default, so that output is the same bytes on every machine.
        System.exit(execute(
                args,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with the given streams and returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.getenv());
    }

    /**
     * Runs the command line with the given streams and environment (which chooses the default
     * database, see {@link DbLocation}) and returns its exit code (used by tests).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        // Read before parsing, so that a failure inside picocli itself still honours it.
        boolean debug = Arrays.asList(args).contains(DEBUG);
        Main main = new Main();
        main.env = java.util.Map.copyOf(env);
        CommandLine cli = new CommandLine(main);
        DbLocation location = DbLocation.of(env);
        cli.setDefaultValueProvider(arg ->
                arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--db")
                        ? location.path().toString()
                        : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> fail(e, debug, commandLine.getErr()));
        int code;
        try {
            code = cli.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli lets errors (OutOfMemoryError, StackOverflowError) and a failing handler through.
            code = fail(e, debug, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Prints what went wrong in one place and returns the exit code for it. */
    static int fail(Throwable e, boolean debug, PrintWriter err) {
        int code = exitCode(e);
        if (e instanceof DataException d) {
            err.println(d.getMessage());
            err.println("refused: " + d.problems().size() + (d.truncated() ? "+" : "")
                    + " problem(s); nothing was imported");
        } else if (e instanceof EstimationException) {
            err.println("normlab: cannot estimate: " + e.getMessage());
        } else if (code != INTERNAL_ERROR) {
            err.println("normlab: " + e.getMessage());
        } else {
            err.println("normlab: internal error (" + e.getClass().getSimpleName() + "); " + traceNote(e)
                    + "; please report it");
            if (debug) {
                e.printStackTrace(err);
            }
        }
        err.flush();
        return code;
    }

    /** The exit code for a failure: the one place where exceptions become exit codes. */
    static int exitCode(Throwable e) {
        if (e instanceof InputException || e instanceof CommandLine.ParameterException) {
            return BAD_INPUT;
        }
        if (e instanceof NormlabException || e instanceof EstimationException) {
            return REFUSED;
        }
        return INTERNAL_ERROR;
    }

    /** Writes the trace to a file under the system temp folder and says where. */
    private static String traceNote(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        try {
            Path file = Files.createTempFile("normlab-error-", ".txt");
            Files.writeString(file, "normlab " + version() + "\n" + trace, StandardCharsets.UTF_8);
            return "the full trace is in " + file.toAbsolutePath();
        } catch (IOException | RuntimeException io) {
            return "the trace could not be written (" + io.getMessage() + "); run again with " + DEBUG + " to see it";
        }
    }

    /** Prints the version recorded in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"normlab " + version()};
        }
    }

    /** The release version, from the jar's manifest ("dev" when run from classes). */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
