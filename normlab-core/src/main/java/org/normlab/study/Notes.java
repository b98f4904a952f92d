package org.normlab.study;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections a study leaves out and why, in the order the steps found them. Appended to by the
 * steps of one run only; not thread-safe.
 */
final class Notes {
    private final List<String> omitted = new ArrayList<>();

    /** Records that something was left out, with the reason in words. */
    void omit(String reason) {
        omitted.add(reason);
    }

    /** A copy of the notes so far. */
    List<String> omitted() {
        return List.copyOf(omitted);
    }
}
