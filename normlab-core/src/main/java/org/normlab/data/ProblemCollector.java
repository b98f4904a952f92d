package org.normlab.data;

import java.util.ArrayList;
import java.util.List;

/** Collects problems of one file up to a limit; not thread safe. */
public final class ProblemCollector {
    /** Default number of problems reported before the rest are summarised. */
    public static final int DEFAULT_LIMIT = 50;

    private final String file;
    private final int limit;
    private final List<Problem> problems = new ArrayList<>();
    private boolean truncated;

    public ProblemCollector(String file, int limit) {
        this.file = file;
        this.limit = limit;
    }

    public ProblemCollector(String file) {
        this(file, DEFAULT_LIMIT);
    }

    public String file() {
        return file;
    }

    /** Adds a problem; its quoted pieces of the file are cut short ({@link InputFile#clipQuotes}). */
    public void add(long line, String reason) {
        if (problems.size() < limit) {
            problems.add(Problem.of(file, line, InputFile.clipQuotes(reason)));
        } else {
            truncated = true;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a {@link DataException} carrying every collected problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new DataException(problems, truncated);
        }
    }
}
