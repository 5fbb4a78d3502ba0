package org.emotionanalyser.local.runtime.dynamodb;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.emotionanalyser.local.runtime.edge.JettyServers;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local, file-backed, one database for every access key and region ("shared DB").
 *
 * <p>Its request handler is mounted on a Jetty server of our own rather than started through its command line,
 * because the command line binds every interface and cannot pick a free port; this one listens on loopback only.
 * Telemetry is never configured, so nothing is sent anywhere.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final LocalDynamoDBServerHandler handler;

    private DynamoDbLocalServer(Path directory) throws Exception {
        Files.createDirectories(directory);
        handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, false, directory.toString(), true, false), null);
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("local-dynamodb");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(context);
        server.setStopTimeout(2_000);
        server.start();
    }

    public static DynamoDbLocalServer start(Path directory) throws IOException {
        try {
            return new DynamoDbLocalServer(directory);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("DynamoDB Local could not start in " + directory + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Its own address on loopback, for clients that need not go through the edge. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() throws Exception {
        try {
            JettyServers.stop(server);
        } finally {
            handler.close();
        }
    }
}
