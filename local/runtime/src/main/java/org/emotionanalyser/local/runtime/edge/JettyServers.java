package org.emotionanalyser.local.runtime.edge;

import org.eclipse.jetty.server.Server;

import java.util.concurrent.TimeoutException;

/** How local mode stops its Jetty servers (the edge, DynamoDB Local). */
public final class JettyServers {

    private JettyServers() {
    }

    /**
     * Stops the server, giving requests in flight its stop timeout to finish. Jetty's graceful stop also waits for
     * idle keep-alive connections, which clients hold open, and then reports a {@link TimeoutException} after
     * closing them and stopping anyway: the server is down, which is all a caller of {@code close()} needs, so that
     * exception is not passed on.
     */
    public static void stop(Server server) throws Exception {
        try {
            server.stop();
        } catch (TimeoutException gracefulStopTimedOut) {
            // stopped regardless; see above
        }
        server.join();
    }
}
