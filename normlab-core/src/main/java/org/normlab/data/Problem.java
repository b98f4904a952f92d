package org.normlab.data;

import java.util.Objects;

/**
 * One thing wrong with an input file, located by file name and 1-based line number (0 when the
 * problem concerns the whole file). Immutable.
 *
 * @param file   the file name as the user gave it
 * @param line   1-based line number in the file, or 0 for the file as a whole
 * @param reason what is wrong, in words a user can act on
 */
public record Problem(String file, long line, String reason) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0: " + line);
        }
    }

    public static Problem of(String file, long line, String reason) {
        return new Problem(file, line, reason);
    }

    /** {@code FILE:LINE: reason}, or {@code FILE: reason} for a whole-file problem. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
