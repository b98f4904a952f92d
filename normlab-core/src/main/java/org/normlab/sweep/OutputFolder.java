package org.normlab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.normlab.data.NormlabException;

/**
 * Writes an output folder all at once: everything goes into a temporary sibling folder
 * ({@code NAME.partial}) that replaces the target when complete, so a failed run leaves the old
 * folder (or none) and never a half-written one. A folder that exists, is not empty and has no
 * {@code manifest.json} is refused rather than replaced. Stateless.
 */
public final class OutputFolder {
    private OutputFolder() {}

    /** Writes the contents of a folder. */
    @FunctionalInterface
    public interface Writer<T, E extends Exception> {
        /** Writes into {@code dir} (which exists and is empty). */
        T write(Path dir) throws IOException, E;
    }

    /**
     * Writes {@code target} with {@code writer}.
     *
     * @throws NormlabException if {@code target} is a file or a folder of something else
     */
    public static <T, E extends Exception> T replace(Path target, Writer<T, E> writer) throws E {
        Path t = target.toAbsolutePath().normalize();
        refuseForeign(t);
        Path tmp = t.resolveSibling(t.getFileName() + ".partial");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            T result = writer.write(tmp);
            deleteTree(t);
            Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            try {
                deleteTree(tmp);
            } catch (IOException e) {
                // Best effort: the temporary folder is named after the target and replaced by the next run.
            }
        }
    }

    private static void refuseForeign(Path target) {
        if (!Files.isDirectory(target)) {
            if (Files.exists(target)) {
                throw new NormlabException("--out " + target + " is a file, not a folder");
            }
            return;
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent() && !Files.exists(target.resolve("manifest.json"))) {
                throw new NormlabException("--out " + target + " is a folder that is not a sweep's output;"
                        + " give a new or empty folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
