package org.normlab.server;

/**
 * A request the API refuses, answered as {@code {"error": error, "detail": detail}} with an HTTP
 * status. Immutable.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    public ApiException(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    /** 400: a request that cannot be read or has a bad field. */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad_request", detail);
    }

    /** 404: no such instrument, state or job. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    /** 422: a well-formed request asking for more work than the server allows. */
    public static ApiException tooMuchWork(String detail) {
        return new ApiException(422, "work_limit", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
