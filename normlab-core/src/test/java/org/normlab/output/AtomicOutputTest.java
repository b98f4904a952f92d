package org.normlab.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normlab.data.InputException;

/** The one component through which commands write files: checks first, then all or nothing. */
class AtomicOutputTest {
    @TempDir
    Path tmp;

    /** Every file under {@code dir} with its content, and every entry of its parent. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir.getParent())) {
            for (Path p : s.toList()) {
                all.put(dir.getParent().relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p) : "/");
            }
        }
        return all;
    }

    private static void manifest(Path dir, String... files) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String f : files) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(f).append('"');
        }
        Files.writeString(dir.resolve("manifest.json"), "{\"normlab_version\": \"dev\", \"files\": [" + list + "]}");
    }

    /** A stream that fails like a full disk after {@code limit} bytes. */
    private static OutputStream failingAfter(OutputStream out, int limit) {
        return new FilterOutputStream(out) {
            int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > limit) {
                    throw new IOException("No space left on device");
                }
                super.write(b);
            }
        };
    }

    @Test
    void writesANewFolderAndLeavesNoStagingBehind() throws IOException {
        Path dir = tmp.resolve("a/b/out");
        List<Path> files;
        try (AtomicOutput out = AtomicOutput.folder(dir, "--out")) {
            files = out.write(staging -> {
                Files.createDirectories(staging.resolve("tables"));
                Files.writeString(staging.resolve("tables/t.csv"), "x\n");
                manifest(staging, "tables/t.csv");
                return List.of(staging.resolve("tables/t.csv"));
            });
        }
        assertThat(files).hasSize(1);
        assertThat(dir.resolve("tables/t.csv")).hasContent("x");
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void replacesItsOwnFolderWholeSoNoFileOfAnEarlierRunStays() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("tables/old.csv"), "old");
        Files.writeString(dir.resolve("withdrawal.tex"), "old");
        manifest(dir, "tables/old.csv", "withdrawal.tex");
        try (AtomicOutput out = AtomicOutput.folder(dir, "--out")) {
            out.write(staging -> {
                Files.writeString(staging.resolve("new.csv"), "new");
                manifest(staging, "new.csv");
                return null;
            });
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
                    .containsExactlyInAnyOrder("new.csv", "manifest.json");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheFolderAsItWas() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(dir.resolve("curve.csv"), "earlier run");
        manifest(dir, "curve.csv");
        Map<String, String> before = snapshot(dir);
        AtomicOutput out = AtomicOutput.folder(dir, "--out");
        assertThatThrownBy(() -> out.write(staging -> {
                    Files.writeString(staging.resolve("states.csv"), "complete");
                    try (OutputStream o = failingAfter(Files.newOutputStream(staging.resolve("curve.csv")), 100)) {
                        o.write("y".repeat(1000).getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                }))
                .isInstanceOf(OutputException.class)
                .hasMessage("cannot write " + dir + ": No space left on device; it is unchanged");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFailureBeforeWritingLeavesNothingNew() throws IOException {
        Path dir = tmp.resolve("new-out");
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> {
                    try (AtomicOutput out = AtomicOutput.folder(dir, "--out")) {
                        throw new IllegalStateException("the computing failed");
                    }
                })
                .hasMessage("the computing failed");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFileIsReplacedOnlyWhenComplete() throws IOException {
        Path file = tmp.resolve("panel.csv");
        Files.writeString(file, "earlier");
        Map<String, String> before = snapshot(file);
        AtomicOutput failing = AtomicOutput.file(file, "--out");
        assertThatThrownBy(() -> failing.write(f -> {
                    try (OutputStream o = failingAfter(Files.newOutputStream(f), 3)) {
                        o.write("later".getBytes(StandardCharsets.UTF_8));
                    }
                    return f;
                }))
                .isInstanceOf(OutputException.class)
                .hasMessageContaining("No space left on device");
        assertThat(snapshot(file)).isEqualTo(before);
        try (AtomicOutput out = AtomicOutput.file(file, "--out")) {
            Path written = out.write(f -> Files.writeString(f, "later"));
            assertThat(written.getFileName()).isEqualTo(file.getFileName());
        }
        assertThat(file).hasContent("later");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("panel.csv");
        }
    }

    @Test
    void refusesBadDestinationsBeforeAnyWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("f.txt"), "mine");
        assertThatThrownBy(() -> AtomicOutput.folder(file, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessage("--out: " + file + " exists and is not a folder; give a folder");
        assertThatThrownBy(() -> AtomicOutput.folder(file.resolve("sub"), "--out"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is not a folder");
        assertThatThrownBy(() -> AtomicOutput.folder(Path.of(""), "--out"))
                .isInstanceOf(InputException.class)
                .hasMessage("--out: the path is empty");
        assertThatThrownBy(() -> AtomicOutput.file(tmp, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is a folder; give a file name");
        Path device = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(device));
        assertThatThrownBy(() -> AtomicOutput.file(device, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> AtomicOutput.folder(device, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("exists and is not a folder");
        assertThat(file).hasContent("mine");
    }

    @Test
    void refusesAFolderHoldingFilesNormlabDidNotWrite() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("papers"));
        Files.writeString(foreign.resolve("draft.docx"), "mine");
        assertThatThrownBy(() -> AtomicOutput.folder(foreign, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessage("--out: " + foreign + " holds files normlab did not write (draft.docx); give an empty or "
                        + "new folder, or move them");
        Path ours = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(ours.resolve("curve.csv"), "run");
        manifest(ours, "curve.csv");
        Files.writeString(ours.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> AtomicOutput.folder(ours, "--out"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("(notes.txt)");
        assertThat(ours.resolve("notes.txt")).hasContent("mine");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("papers", "out");
        }
        // An empty folder is fine, and so is one a user emptied.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (AtomicOutput out = AtomicOutput.folder(empty, "--out")) {
            out.write(staging -> Files.writeString(staging.resolve("x.csv"), "x"));
        }
        assertThat(empty.resolve("x.csv")).hasContent("x");
    }

    @Test
    void refusesAFolderItCannotWriteIn() throws IOException {
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            Path probe = locked.resolve("probe");
            boolean writable;
            try {
                Files.createDirectory(probe);
                Files.delete(probe);
                writable = true;
            } catch (IOException e) {
                writable = false;
            }
            // The superuser writes anywhere a permission bit forbids; a read-only file system still stops it.
            Path target = writable ? Path.of("/sys/normlab-out") : locked.resolve("out");
            Assumptions.assumeTrue(!writable || Files.isDirectory(Path.of("/sys")) && !canCreate(Path.of("/sys")));
            assertThatThrownBy(() -> AtomicOutput.folder(target, "--out"))
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith("--out: cannot write beside " + target + ": ");
            assertThatThrownBy(() -> AtomicOutput.file(target.resolveSibling("p.csv"), "--out"))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("cannot write beside");
            assertThat(target).doesNotExist();
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempDirectory(dir, "normlab-probe"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
