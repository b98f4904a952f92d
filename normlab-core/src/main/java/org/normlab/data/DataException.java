package org.normlab.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad input data: carries every problem found (up to a limit), each with file, line and reason.
 * Thrown before anything is stored, so a refused import changes nothing. Its {@link #file()} and
 * {@link #field()} locate the first problem.
 */
public class DataException extends InputException {
    private final List<Problem> problems;
    private final boolean truncated;

    public DataException(List<Problem> problems, boolean truncated) {
        super(
                problems.isEmpty() ? null : problems.get(0).file(),
                problems.isEmpty() || problems.get(0).line() == 0
                        ? null
                        : "line " + problems.get(0).line(),
                format(problems, truncated),
                true);
        this.problems = List.copyOf(problems);
        this.truncated = truncated;
    }

    public static DataException of(String file, long line, String reason) {
        return new DataException(List.of(Problem.of(file, line, reason)), false);
    }

    /** The problems found, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** Whether more problems existed than were collected. */
    public boolean truncated() {
        return truncated;
    }

    private static String format(List<Problem> problems, boolean truncated) {
        String text = problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
        return truncated ? text + "\n(further problems not shown)" : text;
    }
}
