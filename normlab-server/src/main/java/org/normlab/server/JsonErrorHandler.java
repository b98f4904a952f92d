package org.normlab.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers (a request Jetty refuses before Javalin sees it: a bad or ambiguous
 * URI, oversized headers) as the API's JSON {@code {"error": ..., "detail": ...}}, never an HTML
 * page or a stack trace. A path Jetty refuses as ambiguous (an encoded {@code ..} or separator)
 * names no file, so it is answered 404 like any other missing file.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateAcceptableResponse(
            Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        int status = code;
        String detail = message;
        if (code == 400 && climbsOut(baseRequest)) {
            status = 404;
            detail = "no such file: the path leaves the served folder";
            response.setStatus(404);
        }
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(body(status, detail));
    }

    /** Whether the raw path holds a dot-dot segment, plain or percent-encoded. */
    static boolean climbsOut(Request request) {
        String raw = request.getHttpURI() == null
                ? ""
                : String.valueOf(request.getHttpURI().getPath());
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e");
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put("Content-Type", "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String message) {
        try {
            return Body.MAPPER
                    .writeValueAsString(Body.obj(
                            "error",
                            NormlabServer.errorName(status),
                            "detail",
                            message == null || message.isBlank() ? "refused by the HTTP layer" : message))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"error\":\"internal_error\",\"detail\":\"\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
