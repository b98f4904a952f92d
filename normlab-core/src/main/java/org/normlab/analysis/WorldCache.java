package org.normlab.analysis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.normlab.data.bundled.BundledData;
import org.normlab.estimate.Link;
import org.normlab.scenario.ModelSource;
import org.normlab.scenario.Scenario;
import org.normlab.sim.LinearIndexHazard;
import org.normlab.sim.ParameterCovariance;
import org.normlab.sim.SimWorld;

/**
 * A cache of {@link PreparedWorld}s in a folder beside the database, so that running the same
 * scenarios again on unchanged data opens no database, loads no data and fits no model.
 *
 * <p>An entry's key is a SHA-256 digest of everything the prepared world depends on: the database
 * file and its write-ahead log as they are on disk (absolute path, size, modification time: an
 * import changes them), the bundled data this build of normlab ships (a newer build refreshes the
 * stored data) and the build itself (the code that prepares worlds), the scenarios as given
 * (instrument, models, years, overrides, incentives) and the content of every saved fit they read.
 * Anything else is a different key, never a stale hit.
 *
 * <p>Safe under concurrent use: an entry is written to a temporary file and moved into place
 * atomically, so a reader sees a whole entry or none; an entry that cannot be read (truncated,
 * from another version) counts as a miss. Failing to write is not an error: the cache is only
 * an optimisation. At most {@value #MAX_ENTRIES} entries are kept, the least recently written
 * removed first. Stateless apart from the folder; thread-safe.
 */
public final class WorldCache {
    /** Entries kept; older ones are removed when a new one is written. */
    public static final int MAX_ENTRIES = 16;

    private static final String MAGIC = "normlab-prepared-world-2";

    private final Path folder;

    private WorldCache(Path folder) {
        this.folder = folder;
    }

    /** The cache of the database {@code db}: the folder {@code <db>.cache} beside it. */
    public static WorldCache beside(Path db) {
        Path abs = db.toAbsolutePath();
        return new WorldCache(abs.resolveSibling(abs.getFileName() + ".cache"));
    }

    /** The cache's folder. */
    public Path folder() {
        return folder;
    }

    /**
     * The key of the prepared world of {@code scenario} and {@code baseline} (null: its own) on the
     * database {@code db}.
     */
    public static String key(Path db, Scenario scenario, Scenario baseline) throws IOException {
        MessageDigest sha = sha256();
        Path abs = db.toAbsolutePath().normalize();
        line(sha, "db " + abs);
        for (Path p : List.of(abs, abs.resolveSibling(abs.getFileName() + ".wal"))) {
            line(
                    sha,
                    Files.exists(p)
                            ? p.getFileName() + " " + Files.size(p) + " "
                                    + Files.getLastModifiedTime(p).toMillis()
                            : p.getFileName() + " absent");
        }
        line(sha, "bundled " + BundledData.currentDigest());
        line(sha, "build " + build());
        for (Scenario s : baseline == null ? List.of(scenario) : List.of(scenario, baseline)) {
            line(sha, "scenario " + s.source());
            for (ModelSource m : models(s)) {
                if (m instanceof ModelSource.Fit f) {
                    // read as the resolver reads it: a fit outside the scenario's folder, a special or an
                    // oversized file is refused (with its field) before a byte of it is hashed
                    try {
                        SavedFitReader.read(f, "model");
                    } catch (org.normlab.scenario.ScenarioException e) {
                        throw new org.normlab.scenario.ScenarioException(
                                s.origin().orElse(null), e.problems());
                    }
                    try {
                        sha.update(org.normlab.data.InputFile.read(
                                f.path().toRealPath(), org.normlab.data.InputFile.Kind.SAVED_FIT));
                    } catch (org.normlab.data.InputFile.Refused e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
                line(sha, "model " + m);
            }
        }
        line(sha, "own baseline " + (baseline == null));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static List<ModelSource> models(Scenario s) {
        List<ModelSource> out = new ArrayList<>();
        s.model().adoption().ifPresent(out::add);
        s.model().withdrawal().ifPresent(out::add);
        return out;
    }

    /** The code that prepares worlds: the jar (or class folder) it was loaded from, its size and time. */
    private static String build() throws IOException {
        try {
            Path code = Path.of(WorldCache.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return code + " " + Files.size(code) + " "
                    + Files.getLastModifiedTime(code).toMillis();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // Without a known location every build is a different one: the cache is never used.
            throw new IOException("the location of normlab's code is unknown", e);
        }
    }

    /** The entry stored under {@code key}, if there is a whole and readable one. */
    public Optional<PreparedWorld> read(String key) {
        Path file = folder.resolve(key + ".bin");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF()) || !key.equals(in.readUTF())) {
                return Optional.empty();
            }
            String digest = in.readUTF();
            int count = in.readInt();
            Map<String, LinearIndexHazard> hazards = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                Link link = Link.parse(in.readUTF());
                double frailty = in.readDouble();
                int terms = in.readInt();
                Map<String, Double> coefficients = new TreeMap<>();
                for (int j = 0; j < terms; j++) {
                    coefficients.put(in.readUTF(), in.readDouble());
                }
                LinearIndexHazard h = new LinearIndexHazard(coefficients, link, frailty);
                int m = in.readInt();
                if (m > 0) {
                    List<String> names = new ArrayList<>();
                    double[][] v = new double[m][m];
                    for (int a = 0; a < m; a++) {
                        names.add(in.readUTF());
                    }
                    for (int a = 0; a < m; a++) {
                        for (int b = 0; b < m; b++) {
                            v[a][b] = in.readDouble();
                        }
                    }
                    h = h.withCovariance(new ParameterCovariance(names, v));
                }
                hazards.put(name, h);
            }
            SimWorld world = SimWorld.readFrom(in);
            if (!"end".equals(in.readUTF())) {
                return Optional.empty();
            }
            return Optional.of(new PreparedWorld(digest, world, hazards));
        } catch (IOException | RuntimeException e) {
            // A damaged or foreign entry is a miss; the next write replaces it.
            return Optional.empty();
        }
    }

    /**
     * Stores {@code prepared} under {@code key}, atomically; returns whether it was stored (a folder
     * that cannot be written is no error).
     */
    public boolean write(String key, PreparedWorld prepared) {
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, ".entry-", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                out.writeUTF(MAGIC);
                out.writeUTF(key);
                out.writeUTF(prepared.dataDigest());
                out.writeInt(prepared.hazards().size());
                for (Map.Entry<String, LinearIndexHazard> e : new TreeMap<>(prepared.hazards()).entrySet()) {
                    LinearIndexHazard h = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeUTF(h.link().label());
                    out.writeDouble(h.frailtySd());
                    out.writeInt(h.coefficients().size());
                    for (Map.Entry<String, Double> c : new TreeMap<>(h.coefficients()).entrySet()) {
                        out.writeUTF(c.getKey());
                        out.writeDouble(c.getValue());
                    }
                    // The covariance of the estimates, for scenarios that draw their parameters.
                    ParameterCovariance cov = h.covariance().orElse(null);
                    out.writeInt(cov == null ? 0 : cov.size());
                    if (cov != null) {
                        for (String n : cov.names()) {
                            out.writeUTF(n);
                        }
                        for (double[] row : cov.matrix()) {
                            for (double x : row) {
                                out.writeDouble(x);
                            }
                        }
                    }
                }
                prepared.world().writeTo(out);
                out.writeUTF("end");
            }
            Path file = folder.resolve(key + ".bin");
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                return false;
            }
            tmp = null;
            prune();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // A leftover temporary entry is never read (it is not named after a key).
                }
            }
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries =
                    new ArrayList<>(files.filter(p -> p.getFileName().toString().endsWith(".bin"))
                            .toList());
        }
        if (entries.size() <= MAX_ENTRIES) {
            return;
        }
        entries.sort(Comparator.comparing((Path p) -> {
                    try {
                        return Files.getLastModifiedTime(p).toMillis();
                    } catch (IOException e) {
                        return 0L;
                    }
                })
                .thenComparing(Path::toString));
        for (Path p : entries.subList(0, entries.size() - MAX_ENTRIES)) {
            Files.deleteIfExists(p);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void line(MessageDigest sha, String text) {
        sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
