package org.normlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line in-process for tests and captures what it prints. */
record Cli(int code, String out, String err) {
    static Cli run(Path db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (db != null) {
            all.add("--db");
            all.add(db.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Without --db the default database would be in the real home: point it at a scratch folder.
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "normlab-test-home");
        return runWithEnv(java.util.Map.of("HOME", home.toString()), all.toArray(String[]::new));
    }

    /** Runs the command line with exactly this environment (which chooses the default database). */
    static Cli runWithEnv(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Cli(code, out.toString(), err.toString());
    }

    /**
     * Imports {@code rcheck/regime_type.csv}, the indicator of text categories the formula checks
     * read (Polity5's classes of the bundled polity2), into {@code db}.
     */
    static void importRegimeTypes(Path db) {
        Cli r = run(
                db,
                "data",
                "import",
                "--kind",
                "indicators",
                "--text",
                "regime_type",
                resource("rcheck/regime_type.csv").toString());
        if (r.code() != 0) {
            throw new IllegalStateException("importing regime_type failed: " + r.err());
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Cli.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
