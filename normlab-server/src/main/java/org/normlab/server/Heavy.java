package org.normlab.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the CPU-heavy work that requests do while the client waits (fits, comparisons): at most
 * {@code permits} at once; a request that cannot start within the wait gets a 429. Thread-safe.
 */
final class Heavy {
    private final Semaphore permits;
    private final long waitSeconds;

    Heavy(int permits, long waitSeconds) {
        this.permits = new Semaphore(permits, true);
        this.waitSeconds = waitSeconds;
    }

    <T> T run(Supplier<T> work) {
        boolean got;
        try {
            got = permits.tryAcquire(waitSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", "the server is stopping");
        }
        if (!got) {
            throw new ApiException(429, "busy", "the server is busy with other fits; try again shortly");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
