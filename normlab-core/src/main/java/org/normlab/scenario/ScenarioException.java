package org.normlab.scenario;

import java.util.List;
import java.util.stream.Collectors;
import org.normlab.data.InputException;

/**
 * A scenario that cannot be used, with every problem found: one line per problem, each naming the
 * source, the path of the bad field and the reason, e.g.
 * {@code russia.yaml: overrides[1].years: 2040-2030 is an empty range}. Unchecked, a bad input
 * (exit code 2) like every {@link InputException}.
 */
public class ScenarioException extends InputException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    /**
     * @param source   the file or other source the scenario came from, or null
     * @param problems the problems, each "path: reason"; at least one
     */
    public ScenarioException(String source, List<String> problems) {
        super(source, problems.isEmpty() ? null : field(problems.get(0)), message(source, problems), true);
        this.problems = List.copyOf(problems);
    }

    /** The problems, each "path: reason", without the source. */
    public List<String> problems() {
        return problems;
    }

    /** The field path of a problem "path: reason". */
    private static String field(String problem) {
        int colon = problem.indexOf(": ");
        return colon > 0 ? problem.substring(0, colon) : null;
    }

    private static String message(String source, List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs a problem");
        }
        String prefix = source == null ? "" : source + ": ";
        return problems.stream().map(p -> prefix + p).collect(Collectors.joining("\n"));
    }
}
