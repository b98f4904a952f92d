package org.normlab.study;

/**
 * One step of a {@link Study}: a function from the shared context (and the earlier steps' results,
 * given to its constructor) to its own result. A step that cannot apply to the instrument says why
 * in {@code notes} and returns what it can (often nothing).
 *
 * @param <T> the step's result
 */
interface StudyStep<T> {
    /** What the step does, for progress reports. */
    String name();

    /** Runs the step. */
    T run(StudyContext context, Notes notes);
}
