package org.normlab.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.normlab.data.InputException;

/**
 * The destination of a command's files, checked before any computing and replaced only by a
 * complete set of files. Every command that writes files goes through it:
 *
 * <ol>
 *   <li>{@link #folder} or {@link #file} checks the destination at once (an empty path, a file where a
 *       folder is expected or the reverse, a device, a folder that cannot be written, a folder holding
 *       files normlab did not write are refused with an {@link InputException}, exit code 2) and makes
 *       a hidden staging folder beside it, which also proves that the parent can be written;</li>
 *   <li>{@link #write} lets the writer fill the staging folder and, only when it returned, moves the
 *       result over the destination: a file by one atomic rename, a folder by renaming the old one
 *       aside, the new one into place, and deleting the old one;</li>
 *   <li>on any failure, and on {@link #close} without a write, the staging folder is deleted and the
 *       destination holds exactly what it held before.</li>
 * </ol>
 *
 * <p>An output folder holds one run's files only. A folder counts as normlab's when it holds a
 * {@code manifest.json} with a {@code normlab_version}; its files are the manifest and those the
 * manifest lists under {@code files} (paths relative to the folder; a manifest without that list
 * owns the whole folder). Such a folder is replaced whole. A non-empty folder without a normlab
 * manifest, or holding files its manifest does not list, is refused, so that a user's own files are
 * never deleted. Parent folders are created as needed and stay when a run fails.
 *
 * <p>Not thread-safe: one instance per command run. Two runs writing the same destination at once
 * each write their own staging folder; the last to finish wins.
 */
public final class AtomicOutput implements AutoCloseable {
    /** The manifest a normlab output folder holds. */
    public static final String MANIFEST = "manifest.json";

    private static final String STAGING = ".normlab-";
    private static final int SHOWN = 5;

    /** Fills the staging destination. */
    @FunctionalInterface
    public interface Writer<T> {
        /**
         * @param target the staging folder (for {@link #folder}) or the staging file (for {@link #file})
         * @return what the caller wants back, e.g. the files written
         */
        T write(Path target) throws IOException;
    }

    private final Path destination;
    private final String shown;
    private final String option;
    private final boolean folder;
    private final Path staging;
    private boolean finished;

    private AtomicOutput(Path destination, String shown, String option, boolean folder, Path staging) {
        this.destination = destination;
        this.shown = shown;
        this.option = option;
        this.folder = folder;
        this.staging = staging;
    }

    /**
     * Checks an output folder and prepares its staging folder.
     *
     * @param dir    the folder as the user gave it
     * @param option the option that named it, for messages (e.g. {@code --out})
     * @throws InputException when the folder cannot be used; nothing is changed then
     */
    public static AtomicOutput folder(Path dir, String option) {
        Path abs = checkPath(dir, option);
        String shown = dir.toString();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(null, option, shown + " exists and is not a folder; give a folder");
            }
            if (!Files.isWritable(abs)) {
                throw new InputException(null, option, shown + " is not writable");
            }
            checkOwned(abs, shown, option);
        }
        return new AtomicOutput(abs, shown, option, true, stage(abs, shown, option));
    }

    /**
     * Checks an output file and prepares its staging folder.
     *
     * @param file   the file as the user gave it
     * @param option the option that named it, for messages (e.g. {@code --out})
     * @throws InputException when the file cannot be written; nothing is changed then
     */
    public static AtomicOutput file(Path file, String option) {
        Path abs = checkPath(file, option);
        String shown = file.toString();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(null, option, shown + " is a folder; give a file name");
            }
            if (!Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(
                        null,
                        option,
                        shown + " is not a regular file (a device, a pipe or a link); " + "give a file name");
            }
            if (!Files.isWritable(abs)) {
                throw new InputException(null, option, shown + " is not writable");
            }
        }
        return new AtomicOutput(abs, shown, option, false, stage(abs, shown, option));
    }

    /** The destination, absolute. */
    public Path destination() {
        return destination;
    }

    /**
     * Runs the writer on the staging folder or file and, when it returns, puts the result in place.
     *
     * @throws OutputException when writing or moving fails; the destination is unchanged then
     * @throws InputException  when files normlab did not write appeared in the folder meanwhile
     */
    public <T> T write(Writer<T> writer) {
        if (finished) {
            throw new IllegalStateException("an output is written once");
        }
        try {
            Path target =
                    folder ? staging : staging.resolve(destination.getFileName().toString());
            T result = writer.write(target);
            if (!folder && !Files.isRegularFile(target)) {
                throw new IOException("the writer left no file");
            }
            commit(target);
            return result;
        } catch (IOException e) {
            throw new OutputException("cannot write " + shown + ": " + reason(e) + "; it is unchanged", e);
        } catch (UncheckedIOException e) {
            throw new OutputException("cannot write " + shown + ": " + reason(e.getCause()) + "; it is unchanged", e);
        } finally {
            close();
        }
    }

    /** Deletes the staging folder if it is still there; the destination is left as it is. */
    @Override
    public void close() {
        finished = true;
        deleteQuietly(staging);
    }

    private void commit(Path target) throws IOException {
        if (!folder) {
            move(target, destination);
            return;
        }
        if (!Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            move(staging, destination);
            return;
        }
        // The folder may have changed while normlab was computing: check it again.
        checkOwned(destination, shown, option);
        Path aside =
                Files.createTempDirectory(destination.getParent(), "." + destination.getFileName() + STAGING + "old-");
        Path previous = aside.resolve("previous");
        move(destination, previous);
        try {
            move(staging, destination);
        } catch (IOException e) {
            move(previous, destination);
            deleteQuietly(aside);
            throw e;
        }
        deleteQuietly(aside);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path checkPath(Path path, String option) {
        if (path == null || path.toString().isBlank()) {
            throw new InputException(null, option, "the path is empty");
        }
        Path abs = path.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new InputException(null, option, path + " is the root folder; give a folder or file inside it");
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InputException(null, option, path + ": " + p + " is not a folder");
                }
                break;
            }
        }
        return abs;
    }

    /** Makes the staging folder beside the destination: this also proves the parent can be written. */
    private static Path stage(Path abs, String shown, String option) {
        try {
            Path parent = Files.createDirectories(abs.getParent());
            return Files.createTempDirectory(parent, "." + abs.getFileName() + STAGING);
        } catch (IOException e) {
            throw new InputException(null, option, "cannot write beside " + shown + ": " + reason(e));
        }
    }

    /** Refuses a non-empty folder holding files that no normlab manifest in it lists. */
    private static void checkOwned(Path dir, String shown, String option) {
        List<String> foreign = new ArrayList<>();
        try {
            Set<String> owned = ownedFiles(dir);
            if (owned == null) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path p : entries) {
                        foreign.add(p.getFileName().toString());
                    }
                }
            } else if (!owned.isEmpty()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                            .map(p -> relative(dir, p))
                            .filter(r -> !owned.contains(r))
                            .sorted()
                            .forEach(foreign::add);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(null, option, "cannot read the folder " + shown + ": " + e.getMessage());
        }
        if (!foreign.isEmpty()) {
            String list = String.join(", ", foreign.subList(0, Math.min(SHOWN, foreign.size())))
                    + (foreign.size() > SHOWN ? " and " + (foreign.size() - SHOWN) + " more" : "");
            throw new InputException(
                    null,
                    option,
                    shown + " holds files normlab did not write (" + list
                            + "); give an empty or new folder, or move them");
        }
    }

    /**
     * The files of a normlab output folder relative to it with '/' separators, the empty set when the
     * whole folder is normlab's, or null when the folder is not normlab's (no normlab manifest).
     */
    private static Set<String> ownedFiles(Path dir) throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(manifest)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.path("normlab_version").isTextual()) {
            return null;
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isArray()) {
            return Set.of();
        }
        Set<String> owned = new HashSet<>();
        owned.add(MANIFEST);
        files.forEach(f -> owned.add(f.asText()));
        return owned;
    }

    /** {@code file} relative to {@code dir} with '/' separators, as manifests list files. */
    public static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/");
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left behind: a hidden sibling, harmless; the destination is what matters.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // As above.
        }
    }
}
