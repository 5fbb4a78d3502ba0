package org.emotionanalyser.local.runtime.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.Nil$;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * ElasticMQ with its SQL persistence on an H2 file: queues (attributes, redrive policies, tags) and messages
 * (bodies, attributes, receive counts, visibility) are written through on every change and restored at start.
 *
 * <p>ElasticMQ keeps its JDBC pool in a JVM-wide singleton; we point it at this data directory at every start, so
 * only one instance per JVM may run at a time (local mode runs one).
 */
public final class ElasticMqServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Pekko sizes its dispatchers for a server of its own (at least 8 threads each). Here ElasticMQ shares the
     * cores with the analyser and four other services, and its spinning fork-join workers cost more CPU than they
     * save, so it gets as many threads as there are cores, between 2 and 4.
     */
    private static final Config DISPATCHERS = ConfigFactory.parseString(String.join("\n",
            "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = 2",
            "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = 4",
            "pekko.actor.internal-dispatcher.fork-join-executor.parallelism-min = 2",
            "pekko.actor.internal-dispatcher.fork-join-executor.parallelism-max = 4"));

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(Path directory, String region, String accountId) throws Exception {
        Files.createDirectories(directory);
        // ElasticMQ keeps each queue's messages in a table of its own, so every queue adds its own insert, update
        // and delete statements; H2 keeps 8 parsed statements per connection by default, and with a few tenants'
        // queues it parsed nearly every statement again.
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("elasticmq") + ";QUERY_CACHE_SIZE=512";
        pointConnectionPoolAt(url);
        actors = ActorSystem.create("local-sqs", DISPATCHERS.withFallback(ConfigFactory.load()));
        try {
            SqlQueuePersistenceConfig persistence =
                    new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
            ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class, persistence, Nil$.MODULE$));
            ActorRef queueManager = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
                    StrictSQSLimits$.MODULE$, Option.apply(store)));
            server = SQSRestServerBuilder.withActorSystem(actors)
                    .withQueueManagerActor(queueManager)
                    .withQueueEventListener(store)
                    .withInterface("127.0.0.1")
                    .withPort(0)
                    // "*" makes queue URLs follow the Host the client used, i.e. the edge endpoint.
                    .withServerAddress(new NodeAddress("http", "*", 0, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            port = server.waitUntilStarted().localAddress().getPort();
            Object restored = Patterns.ask(store, new QueueEvent.Restore(queueManager), START_TIMEOUT)
                    .toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (restored instanceof Either<?, ?> either && either.isLeft()) {
                throw new IOException("ElasticMQ could not restore the queues saved in " + directory + ": "
                        + either + " (move the folder away to start with no queues)");
            }
        } catch (Exception e) {
            actors.terminate();
            throw e;
        }
    }

    public static ElasticMqServer start(Path directory, String region, String accountId) throws IOException {
        try {
            return new ElasticMqServer(directory, region, accountId);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("ElasticMQ could not start with data in " + directory + ": " + e, e);
        }
    }

    private static void pointConnectionPoolAt(String url) {
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
    }

    public int port() {
        return port;
    }

    /** ElasticMQ's own address, for clients inside the local services that need not go through the edge. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        try {
            server.stopAndWait();
        } finally {
            actors.terminate();
            actors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // Closing the pool closes the H2 database, so its files are complete and unlocked.
            ConnectionPool$.MODULE$.closeAll();
        }
    }
}
