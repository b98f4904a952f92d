package org.normlab.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.ServerConnector;
import org.normlab.data.NormlabException;
import org.normlab.estimate.EstimationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * normlab's HTTP server: the JSON API described by {@code /openapi.json} and the dashboard, served
 * from the jar at {@code /}. The data store is only read; simulation jobs live in their own file
 * beside it. Safe to expose: loopback by default and a bearer token for every mutating request
 * elsewhere, limits on body size (413), work (422) and queued jobs (429), security headers, CORS
 * off unless an origin is configured, and every error a JSON {@code {"error", "detail"}}.
 * Thread-safe; {@link #close} stops it.
 */
public final class NormlabServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NormlabServer.class);
    /** Where the dashboard's files lie on the class path. */
    static final String WEB = "/org/normlab/server/web";

    static final String OPENAPI = "/org/normlab/server/openapi.json";
    /** The Content-Security-Policy of every answer: no inline script, nothing from elsewhere, no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final Set<HandlerType> MUTATING =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final ServerOptions options;
    private final Javalin app;
    private final JobsApi jobs;
    private final List<Route> routes;

    private NormlabServer(ServerOptions options, Javalin app, JobsApi jobs, List<Route> routes) {
        this.options = options;
        this.app = app;
        this.jobs = jobs;
        this.routes = routes;
    }

    /**
     * Opens the store (creating or refreshing it once), the jobs file beside it, and starts listening.
     *
     * @param version the normlab version written into job manifests
     * @throws NormlabException when the store cannot be opened or the port is taken
     */
    public static NormlabServer start(ServerOptions options, String version) {
        DataSource source = new DataSource(options.db());
        Heavy heavy = new Heavy(Math.max(1, Runtime.getRuntime().availableProcessors()), 30);
        DataApi data = new DataApi(source, options, heavy);
        JobsApi jobs = new JobsApi(source, options, heavy, version);
        byte[] openapi = resource(OPENAPI);
        List<Route> routes = List.of(
                new Route(
                        HandlerType.GET,
                        "/openapi.json",
                        ctx -> ctx.contentType("application/json").result(openapi)),
                new Route(HandlerType.GET, "/api/instruments", data::instruments),
                new Route(HandlerType.GET, "/api/instruments/{id}/status", data::status),
                new Route(HandlerType.GET, "/api/instruments/{id}/lifecycle", data::lifecycle),
                new Route(HandlerType.GET, "/api/instruments/{id}/states/{iso3}", data::state),
                new Route(HandlerType.POST, "/api/fits", data::fits),
                new Route(HandlerType.POST, "/api/comparisons", data::comparisons),
                new Route(HandlerType.POST, "/api/jobs", jobs::submit),
                new Route(HandlerType.GET, "/api/jobs/{id}", jobs::get),
                new Route(HandlerType.GET, "/api/jobs/{id}/result", jobs::result),
                new Route(HandlerType.DELETE, "/api/jobs/{id}", jobs::cancel));
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.http.defaultContentType = "application/json";
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = WEB;
                sf.location = Location.CLASSPATH;
            });
            if (options.corsOrigin() != null) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(options.corsOrigin())));
            }
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new PathGuardConnectionFactory(http));
                connector.setHost(options.host());
                connector.setPort(options.port());
                return connector;
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cache-Control", "no-store");
            if (MUTATING.contains(ctx.method())) {
                authorize(ctx, options.token());
                long length = ctx.req().getContentLengthLong();
                if (length > options.maxBodyBytes()) {
                    throw new ApiException(
                            413,
                            "body_too_large",
                            "the body has " + length + " bytes; the limit is " + options.maxBodyBytes()
                                    + " bytes (max_body_bytes)");
                }
            }
        });
        for (Route r : routes) {
            app.addHttpHandler(r.method(), r.path(), r.handler());
        }
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String detail = switch (status) {
                case 404 -> "no such endpoint or file: " + ctx.method() + " " + ctx.path();
                case 405 -> ctx.method() + " is not allowed on " + ctx.path();
                case 413 ->
                    "the body is larger than the limit of " + options.maxBodyBytes() + " bytes (max_body_bytes)";
                default -> e.getMessage();
            };
            error(ctx, status, errorName(status), detail);
        });
        app.exception(NormlabException.class, (e, ctx) -> error(ctx, 400, "bad_request", e.getMessage()));
        app.exception(EstimationException.class, (e, ctx) -> error(ctx, 422, "cannot_estimate", e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal_error", "the server failed on this request; its log has the cause");
        });
        app.error(404, ctx -> {
            if (!isJson(ctx)) {
                error(ctx, 404, "not_found", "no such endpoint or file: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (!isJson(ctx)) {
                error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            jobs.close();
            throw new NormlabException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        return new NormlabServer(options, app, jobs, routes);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }

    /** 401 unless the request carries the token; with no token configured (loopback only) every request may change. */
    private static void authorize(Context ctx, String token) {
        if (token == null) {
            return;
        }
        String given = ctx.header("Authorization");
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(
                    401,
                    "unauthorized",
                    "this request changes something and needs the header "
                            + "'Authorization: Bearer <token>' with the server's --token");
        }
    }

    static void error(Context ctx, int status, String error, String detail) {
        ctx.status(status).json(Body.obj("error", error, "detail", detail == null ? "" : detail));
    }

    static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 422 -> "work_limit";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    private static byte[] resource(String path) {
        try (var in = NormlabServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    public ServerOptions options() {
        return options;
    }

    /** The API's endpoints, as registered ("get /api/instruments", ...). */
    public List<String> routeKeys() {
        return routes.stream().map(Route::key).toList();
    }

    /** Stops listening, cancels running jobs (the next start marks them failed) and closes the jobs file. */
    @Override
    public void close() {
        app.stop();
        jobs.close();
    }
}
