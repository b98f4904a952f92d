package org.normlab.server;

import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannelOverHttp;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connections, except that a request whose path Jetty refuses before any handler
 * sees it (a {@code ..} segment that climbs above the root, plain or percent-encoded, or another
 * ambiguous path) is answered 404, as a file that does not exist, instead of 400: such a path
 * names nothing the server serves. The answer's body comes from {@link JsonErrorHandler}.
 */
final class PathGuardConnectionFactory extends HttpConnectionFactory {
    PathGuardConnectionFactory(HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection conn =
                new HttpConnection(getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
                    @Override
                    protected HttpChannelOverHttp newHttpChannel() {
                        return new HttpChannelOverHttp(
                                this, getConnector(), getHttpConfiguration(), getEndPoint(), this) {
                            @Override
                            public void onBadMessage(BadMessageException failure) {
                                super.onBadMessage(
                                        pathProblem(failure)
                                                ? new BadMessageException(
                                                        404, "no such file: the path leaves the served folder")
                                                : failure);
                            }
                        };
                    }
                };
        conn.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        conn.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(conn, connector, endPoint);
    }

    /** Whether Jetty refused the request for its path (not for its headers or framing). */
    static boolean pathProblem(BadMessageException failure) {
        if (failure.getCode() != 400) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("uri") || m.contains("ambiguous") || m.contains("path")) {
                return true;
            }
        }
        return false;
    }
}
