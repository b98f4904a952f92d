package org.normlab.cli;

import java.util.concurrent.CountDownLatch;
import org.normlab.data.NormlabException;
import org.normlab.server.NormlabServer;
import org.normlab.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code normlab serve}: the HTTP API and the dashboard. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the JSON API (described at /openapi.json) and the dashboard (at /) until stopped.",
            "The database is only read, so other commands keep working; simulation jobs and their results are "
                    + "kept in normlab-jobs.duckdb beside it. Listens on loopback unless --host is given; any "
                    + "other address requires --token, which every request that changes something must carry "
                    + "as 'Authorization: Bearer TOKEN'."
        })
final class ServeCommand implements Runnable {
    @Mixin
    DbOption db;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "address to listen on (default ${DEFAULT-VALUE}); not loopback only with --token")
    String host;

    @Option(
            names = "--port",
            defaultValue = "7070",
            paramLabel = "PORT",
            description = "TCP port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--token", paramLabel = "T", description = "bearer token required of every POST and DELETE")
    String token;

    @Option(
            names = "--cors-origin",
            paramLabel = "ORIGIN",
            description = "allow cross-origin requests from this one origin, e.g. https://example.org (default: none)")
    String corsOrigin;

    @Option(
            names = "--jobs",
            defaultValue = "1",
            paramLabel = "K",
            description = "simulation jobs that run at once (default ${DEFAULT-VALUE}); up to 8 more wait, then 429")
    int jobs;

    @Option(
            names = "--job-threads",
            defaultValue = "1",
            paramLabel = "T",
            description = "threads of each job's ensemble (default ${DEFAULT-VALUE})")
    int jobThreads;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ServerOptions options;
        try {
            options = ServerOptions.defaults(db.db)
                    .withHost(host, token)
                    .withPort(port)
                    .withCorsOrigin(corsOrigin)
                    .withJobs(jobs, 8, jobThreads);
        } catch (NormlabException e) {
            throw new BadInputException(e.getMessage());
        }
        NormlabServer server = NormlabServer.start(options, Main.version());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "normlab-serve-stop"));
        spec.commandLine()
                .getOut()
                .println("normlab: serving the dashboard at http://" + hostForUrl(host) + ":" + server.port()
                        + "/ and the API described at /openapi.json (Ctrl-C stops)");
        spec.commandLine().getOut().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
