package org.normlab.study;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * How the project cites the paper whose thesis the study tests: one string, kept as the shipped file
 * {@code org/normlab/study/citation.txt} so that every report and document quotes the same words.
 * Stateless.
 */
public final class Citation {
    private static final String FILE = "/org/normlab/study/citation.txt";

    private Citation() {}

    /** The citation of the paper, one paragraph. */
    public static String paper() {
        try (InputStream in = Citation.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FILE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
