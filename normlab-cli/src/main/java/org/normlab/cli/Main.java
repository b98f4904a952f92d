package org.normlab.cli;

import java.io.PrintWriter;

import org.normlab.data.DataException;
import org.normlab.data.NormlabException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code normlab} command line. Exit codes: 0 done, 1 refused or failed, 2 bad input or usage. */
@Command(name = "normlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A laboratory for the life cycle of international norms: treaty participation data, "
                + "risk-set panels, hazard models, simulation and reports.",
        subcommands = {DataCommand.class, PanelCommand.class, FitCommand.class, CompareCommand.class, ExplainCommand.class, PredictCommand.class, LifecycleCommand.class, SimulateCommand.class, StudyCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for input that was refused (bad file, bad option value). */
    public static final int BAD_INPUT = 2;
    /** The environment the command line runs in (chooses the default database). */
    java.util.Map<String, String> env = java.util.Map.of();

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command; see normlab --help");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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
        Main main = new Main();
        main.env = java.util.Map.copyOf(env);
        CommandLine cli = new CommandLine(main);
        DbLocation location = DbLocation.of(env);
        cli.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--db")
                ? location.path().toString() : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DataException d) {
                commandLine.getErr().println(d.getMessage());
                commandLine.getErr().println("refused: " + d.problems().size()
                        + (d.truncated() ? "+" : "") + " problem(s); nothing was imported");
                return BAD_INPUT;
            }
            if (e instanceof org.normlab.estimate.EstimationException) {
                commandLine.getErr().println("normlab: cannot estimate: " + e.getMessage());
                return 1;
            }
            if (e instanceof NormlabException) {
                commandLine.getErr().println("normlab: " + e.getMessage());
                return e instanceof BadInputException || e instanceof org.normlab.formula.FormulaException ? BAD_INPUT : 1;
            }
            throw e;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
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
