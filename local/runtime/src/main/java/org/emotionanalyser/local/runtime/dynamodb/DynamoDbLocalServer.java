package org.emotionanalyser.local.runtime.dynamodb;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.emotionanalyser.local.runtime.edge.JettyServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * DynamoDB Local, file-backed, one database for every access key and region ("shared DB").
 *
 * <p>Its request handler is mounted on a Jetty server of our own rather than started through its command line,
 * because the command line binds every interface and cannot pick a free port; this one listens on loopback only.
 * Telemetry is never configured, so nothing is sent anywhere.
 *
 * <p>Its SQLite file is switched to write-ahead logging at start (the mode is stored in the file, so it holds for
 * DynamoDB Local's own connection and every later start). DynamoDB Local leaves SQLite in its default rollback-journal
 * mode, where every write creates, syncs and deletes a journal file beside the database; with a write-ahead log a
 * commit appends to one file (its SQLite thread's CPU per one-face photo in the pipeline benchmark: 0.013-0.015 s
 * before, 0.009-0.012 s after, BENCHMARKS.md). A committed write still survives the process being killed.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final LocalDynamoDBServerHandler handler;
    /** The file DynamoDB Local 3.x keeps every table in when it runs with one database for all ("shared DB"). */
    static final String SHARED_DATABASE_FILE = "shared-local-instance.db";

    private DynamoDbLocalServer(Path directory) throws Exception {
        Files.createDirectories(directory);
        // before DynamoDB Local opens the file, so nothing of ours holds it yet (this creates it in a new folder)
        Path databaseFile = directory.resolve(SHARED_DATABASE_FILE);
        String journal = useWriteAheadLog(databaseFile);
        if (!"wal".equals(journal)) {
            LOG.warn("DynamoDB Local's database {} stays in journal mode {}: writes work, but cost more CPU",
                    databaseFile, journal);
        }
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

    /**
     * Switches the database file to write-ahead logging, creating the file if there is none, and returns the journal
     * mode SQLite reports afterwards ({@code wal} unless it could not switch). It changes how commits are written,
     * never what is stored.
     *
     * @throws IOException when the file cannot be opened or stays locked for 5 s (another process using the folder)
     */
    static String useWriteAheadLog(Path databaseFile) throws IOException {
        try {
            // DynamoDB Local's own loader: it unpacks the SQLite native its jar carries, once per JVM
            SQLiteLibraryLoader.initialize();
        } catch (Exception e) {
            throw new IOException("DynamoDB Local's SQLite library could not be loaded: " + e.getMessage(), e);
        }
        SQLiteConnection connection = new SQLiteConnection(databaseFile.toFile());
        try {
            connection.open(true);
            connection.setBusyTimeout(5_000);
            SQLiteStatement mode = connection.prepare("PRAGMA journal_mode=WAL");
            try {
                mode.step();
                return mode.columnString(0).toLowerCase(Locale.ROOT);
            } finally {
                mode.dispose();
            }
        } catch (SQLiteException e) {
            throw new IOException("DynamoDB Local's database " + databaseFile + " could not be switched to "
                    + "write-ahead logging: " + e.getMessage() + " (is another local mode using this data folder?)", e);
        } finally {
            connection.dispose();
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
