package org.normlab.server;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Locale;

/**
 * One endpoint of the API: method, path (OpenAPI style, {@code {name}} for a parameter) and
 * handler. The server registers exactly these, and {@code /openapi.json} documents exactly these.
 *
 * @param method  HTTP method
 * @param path    path template
 * @param handler what answers it
 */
record Route(HandlerType method, String path, Handler handler) {
    /** "get /api/instruments" — the key of the route in the OpenAPI document's terms. */
    String key() {
        return method.name().toLowerCase(Locale.ROOT) + " " + path;
    }
}
