package org.normlab.data;

/**
 * Input a user must change: a bad file, field, option value or path. Carries where the problem is
 * (the file and the field path, either may be absent) and why; its message is one or more lines
 * {@code FILE: FIELD: reason} meant to be printed as is. The command line maps it to exit code 2.
 * Immutable.
 */
public class InputException extends NormlabException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String field;

    /**
     * @param file   the file or other source, as the user named it, or null
     * @param field  the path of the bad field or option (e.g. {@code overrides[1].years}, {@code --out}), or null
     * @param reason what is wrong, in words a user can act on
     */
    public InputException(String file, String field, String reason) {
        super(message(file, field, reason));
        this.file = file;
        this.field = field;
    }

    /** A bad input that is not tied to a file or field, e.g. an option value named in the reason. */
    public InputException(String reason) {
        this(null, null, reason);
    }

    /** An error whose message is already composed (e.g. several problems, one per line). */
    protected InputException(String file, String field, String message, boolean composed) {
        super(message);
        this.file = file;
        this.field = field;
    }

    /** The file or other source, or null. */
    public String file() {
        return file;
    }

    /** The path of the bad field or option, or null. */
    public String field() {
        return field;
    }

    private static String message(String file, String field, String reason) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(": ");
        }
        if (field != null) {
            b.append(field).append(": ");
        }
        return b.append(reason).toString();
    }
}
