package org.normlab.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import org.normlab.data.NormlabException;

/**
 * How a {@link NormlabServer} listens and what it allows. Immutable.
 *
 * @param host          address to bind; a loopback address unless a token is given
 * @param port          TCP port, 0 for any free port
 * @param token         bearer token every mutating request must carry, or null (loopback only)
 * @param db            the data store (DuckDB file), opened read-only; the jobs file lies beside it
 * @param corsOrigin    the one origin allowed cross-origin requests, or null for none (the default)
 * @param maxBodyBytes  largest request body, in bytes (larger → 413)
 * @param workLimit     largest replicates × simulated years × states of one job (larger → 422)
 * @param maxReplicates largest replicate count of one job (larger → 422)
 * @param maxFolds      largest number of cross-validation folds of one comparison (larger → 422)
 * @param runningJobs   jobs that run at once (K)
 * @param queuedJobs    jobs that may wait (more → 429)
 * @param jobThreads    threads of one job's ensemble
 */
public record ServerOptions(
        String host,
        int port,
        String token,
        Path db,
        String corsOrigin,
        long maxBodyBytes,
        long workLimit,
        int maxReplicates,
        int maxFolds,
        int runningJobs,
        int queuedJobs,
        int jobThreads) {
    /** Default largest request body: 64 KiB, far more than any scenario needs. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    /** Default work limit: 20 million replicate-state-years, about 1,000 replicates of 100 states over 200 years. */
    public static final long WORK_LIMIT = 20_000_000L;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(db, "db");
        if (port < 0 || port > 65535) {
            throw new NormlabException("--port must be between 0 and 65535, got " + port);
        }
        if (token != null && token.isBlank()) {
            throw new NormlabException("--token must not be blank");
        }
        if (token == null && !loopback(host)) {
            throw new NormlabException("--token is required to listen on " + host
                    + ", which is not a loopback address: every request that changes something must carry it");
        }
        if (maxBodyBytes < 1
                || workLimit < 1
                || maxReplicates < 1
                || maxFolds < 2
                || runningJobs < 1
                || queuedJobs < 0
                || jobThreads < 1) {
            throw new NormlabException("server limits must be positive");
        }
    }

    /** Loopback on port 7070 with default limits, one running job, eight queued, one thread per job. */
    public static ServerOptions defaults(Path db) {
        return new ServerOptions("127.0.0.1", 7070, null, db, null, MAX_BODY_BYTES, WORK_LIMIT, 10_000, 20, 1, 8, 1);
    }

    public ServerOptions withHost(String h, String t) {
        return new ServerOptions(
                h,
                port,
                t,
                db,
                corsOrigin,
                maxBodyBytes,
                workLimit,
                maxReplicates,
                maxFolds,
                runningJobs,
                queuedJobs,
                jobThreads);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(
                host,
                p,
                token,
                db,
                corsOrigin,
                maxBodyBytes,
                workLimit,
                maxReplicates,
                maxFolds,
                runningJobs,
                queuedJobs,
                jobThreads);
    }

    public ServerOptions withCorsOrigin(String origin) {
        return new ServerOptions(
                host,
                port,
                token,
                db,
                origin,
                maxBodyBytes,
                workLimit,
                maxReplicates,
                maxFolds,
                runningJobs,
                queuedJobs,
                jobThreads);
    }

    public ServerOptions withJobs(int running, int queued, int threads) {
        return new ServerOptions(
                host,
                port,
                token,
                db,
                corsOrigin,
                maxBodyBytes,
                workLimit,
                maxReplicates,
                maxFolds,
                running,
                queued,
                threads);
    }

    public ServerOptions withLimits(long body, long work) {
        return new ServerOptions(
                host,
                port,
                token,
                db,
                corsOrigin,
                body,
                work,
                maxReplicates,
                maxFolds,
                runningJobs,
                queuedJobs,
                jobThreads);
    }

    /** Whether {@code host} names only loopback addresses (resolving a name, e.g. localhost). */
    static boolean loopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new NormlabException("--host " + host + " is not a known address");
        }
    }
}
