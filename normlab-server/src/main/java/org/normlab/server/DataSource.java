package org.normlab.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.normlab.data.CountryYearData;
import org.normlab.store.NormlabStore;

/**
 * The data the server answers from: the store is opened read-only, read into memory and closed at
 * once, so command-line imports keep working while the server runs; when the file changes (an
 * import), the next request reads it again. Answers that take work (fits, explanations) are cached
 * per snapshot of the data. Thread-safe.
 */
final class DataSource {
    private final Path db;
    private volatile Snapshot current;

    /** One reading of the store, with the answers computed from it. */
    static final class Snapshot {
        final CountryYearData data;
        final FileTime modified;
        final long size;
        private static final int MAX_CACHED = 2_000;
        private final Map<String, FutureTask<Object>> cache = new ConcurrentHashMap<>();

        Snapshot(CountryYearData data, FileTime modified, long size) {
            this.data = data;
            this.modified = modified;
            this.size = size;
        }

        /**
         * The cached answer for {@code key}, computed once by {@code compute}: concurrent requests for
         * the same key wait for the one computation instead of repeating it. A computation that fails
         * is not kept, so the next request tries again.
         */
        @SuppressWarnings("unchecked")
        <T> T cached(String key, Function<CountryYearData, T> compute) {
            FutureTask<Object> task = new FutureTask<>(() -> compute.apply(data));
            FutureTask<Object> prev = cache.putIfAbsent(key, task);
            if (prev == null) {
                if (cache.size() > MAX_CACHED) {
                    cache.clear(); // bounded: many distinct requests cannot fill the memory
                    cache.put(key, task);
                }
                task.run();
                prev = task;
            }
            try {
                return (T) prev.get();
            } catch (ExecutionException e) {
                cache.remove(key, prev);
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "interrupted", "the server is stopping");
            }
        }
    }

    /** Reads the store read-only ({@link NormlabStore#openReadOnly} creates or refreshes it first when needed). */
    DataSource(Path db) {
        this.db = db;
        current = load();
    }

    /** The data as the store holds it now. */
    Snapshot snapshot() {
        Snapshot s = current;
        try {
            if (!Files.getLastModifiedTime(db).equals(s.modified) || Files.size(db) != s.size) {
                synchronized (this) {
                    s = current;
                    if (!Files.getLastModifiedTime(db).equals(s.modified) || Files.size(db) != s.size) {
                        try {
                            current = s = load();
                        } catch (org.normlab.data.NormlabException e) {
                            // A command is writing the store: answer from the last reading, retry next time.
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The file is being replaced: answer from the last reading.
        }
        return s;
    }

    private Snapshot load() {
        try {
            FileTime modified = Files.getLastModifiedTime(db);
            long size = Files.size(db);
            try (NormlabStore store = NormlabStore.openReadOnly(db)) {
                return new Snapshot(CountryYearData.load(store), modified, size);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    Path db() {
        return db;
    }
}
