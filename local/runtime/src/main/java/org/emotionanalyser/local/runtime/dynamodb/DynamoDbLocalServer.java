package org.emotionanalyser.local.runtime.dynamodb;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.almworks.sqlite4java.SQLiteStatement;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.emotionanalyser.local.runtime.edge.JettyServers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;
import software.amazon.dynamodb.services.local.shared.access.LocalDBClient;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteDBAccess;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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
 * before, 0.009-0.012 s after, BENCHMARKS.md).
 *
 * <p>DynamoDB Local's connection is also set to {@code PRAGMA synchronous=NORMAL}: with a write-ahead log SQLite
 * then syncs the disk at checkpoints instead of at every commit. A profile of the pipeline benchmark had nearly all
 * of the SQLite thread's time in the kernel; with this setting its CPU per group photo fell from 0.011-0.012 s to
 * 0.008-0.009 s (about ten DynamoDB calls per upload; BENCHMARKS.md, ninth session). A committed write still survives the process being killed or crashing, since it is in the
 * operating system's copy of the file; only a power cut or a crash of the operating system can lose the writes since
 * the last checkpoint - the same as local mode's queues (ElasticMQ's store) and buckets (S3Proxy's files), which
 * never sync on each write either.
 *
 * <p>Two more settings of that connection cut the system calls each request costs (on a virtual machine every
 * system call is dear): {@code PRAGMA temp_store=MEMORY} keeps the statement journal SQLite writes for an update
 * inside a transaction in memory, where it otherwise created, wrote and deleted a temporary file for nearly every
 * write DynamoDB Local makes; {@code PRAGMA locking_mode=EXCLUSIVE} makes the connection keep its locks instead of
 * taking and releasing file locks around every read and write. Neither changes what is stored or when it reaches the
 * file. The second means no other process can open the database while local mode runs: a second local mode on the
 * same data folder fails at start with a message saying so, instead of both writing one file.
 *
 * <p>The functions, which run in this JVM, do not call it over HTTP: {@link #inProcessClient()} is DynamoDB Local's own
 * embedded client (what its {@code DynamoDBEmbedded} builds) over the very database this server serves, with
 * DynamoDB Local's errors turned into the SDK's exceptions as its embedded mode does. A call then runs the same
 * validation, expression parsing and storage code, on the caller's thread, without the SDK's signing and JSON or
 * this server's HTTP parsing and JSON. In the pipeline benchmark the pipeline's own CPU per photo (pipeline minus
 * bare analyser) fell by about a third for group photos and by half for one-face photos (BENCHMARKS.md, fifteenth
 * session). Everything else (the runtime's provisioning, the CLI, the tests) still calls the HTTP
 * endpoint, and both see the same tables.
 *
 * <p>These settings and the embedded client live in DynamoDB Local's private fields and package-private classes,
 * reached by reflection; if a later DynamoDB Local moves them, local mode logs a warning and runs with SQLite's
 * defaults and the functions on the HTTP endpoint, which work but cost more CPU.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final LocalDynamoDBServerHandler handler;
    /** The queue DynamoDB Local runs every SQL statement on, with its one connection; null if it was not found. */
    private final SQLiteQueue databaseQueue;
    /** DynamoDB Local's embedded client over this server's database; null if it could not be built. */
    private final DynamoDbClient inProcessClient;
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
        LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, false, directory.toString(), true,
                false);
        Optional<Object> sharedDatabase = sharedDatabase(requests);
        databaseQueue = sharedDatabase.flatMap(DynamoDbLocalServer::databaseQueue).orElse(null);
        if (databaseQueue != null) {
            tuneConnection(databaseQueue);
        }
        inProcessClient = sharedDatabase.flatMap(DynamoDbLocalServer::embeddedClient).orElse(null);
        handler = new LocalDynamoDBServerHandler(requests, null);
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
            return answer(connection, "PRAGMA journal_mode=WAL").toLowerCase(Locale.ROOT);
        } catch (SQLiteException e) {
            throw new IOException("DynamoDB Local's database " + databaseFile + " could not be switched to "
                    + "write-ahead logging: " + e.getMessage() + " (is another local mode using this data folder?)", e);
        } finally {
            connection.dispose();
        }
    }

    /**
     * DynamoDB Local's client of the one database it opens for every caller in shared mode (so the access key asked
     * for does not matter), or empty (logged) if this DynamoDB Local keeps it elsewhere.
     */
    private static Optional<Object> sharedDatabase(LocalDynamoDBRequestHandler requests) {
        try {
            Method database = LocalDynamoDBRequestHandler.class.getDeclaredMethod("getHandler", String.class);
            database.setAccessible(true);
            return Optional.of(database.invoke(requests, "local"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("DynamoDB Local's database was not found ({}): every write syncs the disk and the functions call "
                    + "DynamoDB Local over HTTP, which works but costs more CPU", e.toString());
            return Optional.empty();
        }
    }

    /** The queue of DynamoDB Local's database connection, or empty (logged) if this DynamoDB Local keeps it elsewhere. */
    private static Optional<SQLiteQueue> databaseQueue(Object client) {
        try {
            Field access = client.getClass().getDeclaredField("dbAccess");
            access.setAccessible(true);
            Field queue = SQLiteDBAccess.class.getDeclaredField("queue");
            queue.setAccessible(true);
            return Optional.of((SQLiteQueue) queue.get(access.get(client)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("DynamoDB Local's database connection was not found ({}): every write syncs the disk, which "
                    + "works but costs more CPU", e.toString());
            return Optional.empty();
        }
    }

    /**
     * DynamoDB Local's embedded client over {@code database}, or empty (logged) if this DynamoDB Local has no such
     * client. Closing it does nothing: the database is the server's, and a function's wiring must not close it.
     */
    private static Optional<DynamoDbClient> embeddedClient(Object database) {
        try {
            Class<?> embedded = Class.forName(
                    "software.amazon.dynamodb.services.local.embedded.DDBExceptionMappingInvocationHandler");
            Constructor<?> constructor = embedded.getDeclaredConstructor(LocalDBClient.class);
            constructor.setAccessible(true);
            InvocationHandler operations = (InvocationHandler) constructor.newInstance(database);
            InvocationHandler calls = (proxy, method, args) -> {
                if (method.getDeclaringClass() == DynamoDbClient.class && !method.getName().equals("close")) {
                    return operations.invoke(proxy, method, args);
                }
                return switch (method.getName()) {
                    case "serviceName" -> DynamoDbClient.SERVICE_NAME;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "DynamoDB Local (in process)";
                    // close, and anything else of SdkClient's or AutoCloseable's
                    default -> null;
                };
            };
            return Optional.of((DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, calls));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("DynamoDB Local's embedded client was not found ({}): the functions call DynamoDB Local over HTTP, "
                    + "which works but costs more CPU", e.toString());
            return Optional.empty();
        }
    }

    /** The connection settings described in the class comment; none changes what is stored. */
    private static void tuneConnection(SQLiteQueue queue) {
        try {
            queue.execute(new SQLiteJob<Void>() {
                @Override
                protected Void job(SQLiteConnection connection) throws SQLiteException {
                    connection.exec("PRAGMA synchronous=NORMAL");
                    connection.exec("PRAGMA temp_store=MEMORY");
                    // answers the new mode; the locks are taken by the next statement and then kept
                    answer(connection, "PRAGMA locking_mode=EXCLUSIVE");
                    answer(connection, "SELECT count(*) FROM sqlite_master");
                    return null;
                }
            }).complete();
        } catch (RuntimeException e) {
            LOG.warn("DynamoDB Local's database keeps SQLite's default settings ({}): writes work, but cost more CPU",
                    e.toString());
        }
    }

    /**
     * A {@code PRAGMA} of DynamoDB Local's connection as SQLite answers it, e.g. {@code synchronous} is 1 (NORMAL)
     * once lowered and 2 (FULL) if not; empty if the connection was not found.
     */
    Optional<String> connectionSetting(String pragma) {
        return Optional.ofNullable(databaseQueue).map(queue -> queue.execute(new SQLiteJob<String>() {
            @Override
            protected String job(SQLiteConnection connection) throws SQLiteException {
                return answer(connection, "PRAGMA " + pragma);
            }
        }).complete());
    }

    /** The first column of the first row a PRAGMA answers. */
    private static String answer(SQLiteConnection connection, String pragma) throws SQLiteException {
        SQLiteStatement statement = connection.prepare(pragma);
        try {
            statement.step();
            return statement.columnString(0);
        } finally {
            statement.dispose();
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /**
     * DynamoDB Local's embedded client over this server's database, for callers in this JVM; empty if this DynamoDB
     * Local has none (see the class comment), when they should use {@link #endpoint()}.
     */
    public Optional<DynamoDbClient> inProcessClient() {
        return Optional.ofNullable(inProcessClient);
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
            if (databaseQueue != null) {
                // DynamoDB Local only asks its queue to stop; waiting for the queue to close its connection lets a
                // new server in the same process open the file at once instead of finding it locked.
                databaseQueue.stop(true).join();
            }
        }
    }
}
