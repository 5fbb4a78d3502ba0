package org.emotionanalyser.local.runtime;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.aws.InProcessClients;
import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.dynamodb.DynamoDbLocalServer;
import org.emotionanalyser.local.runtime.edge.EdgeServer;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.HttpForwarder;
import org.emotionanalyser.local.runtime.eventbridge.EventBridgeService;
import org.emotionanalyser.local.runtime.eventbridge.ScheduleRule;
import org.emotionanalyser.local.runtime.s3.S3Server;
import org.emotionanalyser.local.runtime.sns.SnsService;
import org.emotionanalyser.local.runtime.sqs.ElasticMqServer;
import org.emotionanalyser.local.runtime.sqs.SqsMessageSource;
import org.emotionanalyser.local.runtime.sqs.SqsDelivery;
import org.emotionanalyser.local.runtime.sqs.QueuePolicyStore;
import org.emotionanalyser.local.runtime.sqs.SqsPolicyRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The AWS-compatible services of local mode - DynamoDB (DynamoDB Local), SQS (ElasticMQ), S3 (S3Proxy), EventBridge
 * and SNS (our own) - behind one edge endpoint on 127.0.0.1 that routes every request by the service named in its
 * SigV4 credential scope. The AWS SDK and the AWS CLI talk to it unmodified; only the endpoint differs. Every
 * service keeps its state under {@link LocalServicesOptions#dataDir()}, so a restart keeps tables, queues,
 * messages, objects, rules, topics and subscriptions. One set of services holds that folder at a time: a second one
 * started on it (another local mode with another port, say) fails at once, before any service opens a file, with a
 * message naming the folder.
 *
 * <p>Signatures are not verified: any access key works.
 */
public final class LocalAwsServices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAwsServices.class);
    /** The file in the data folder whose lock says that a set of services is using the folder. */
    private static final String LOCK_FILE = "in-use.lock";

    private final LocalServicesOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final EdgeServer edge;
    private final S3Server s3;
    private final EventBridgeService eventBridge;
    private final URI dynamoDbFunctionEndpoint;
    private final SqsMessageSource sqsMessages;
    private Throwable startFailure;

    private LocalAwsServices(LocalServicesOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.dataDir());
            // Released last, when every service has closed its files (the first resource is closed last).
            remember(lockDataFolder(options.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("local AWS services could not start: " + e.getMessage(), e);
        }
        try {
            // First, so a taken port fails in milliseconds rather than after every service has started.
            this.edge = EdgeServer.start(options.edgePort());
        } catch (IOException e) {
            closeStarted();
            throw new UncheckedIOException("local AWS services could not start: " + e.getMessage(), e);
        }
        try {
            Path data = options.dataDir();
            // The three servers share nothing, so they start side by side: startup is the slowest, not the sum.
            ExecutorService starter = Executors.newFixedThreadPool(3, DaemonThreads.named("local-aws-start"));
            Future<DynamoDbLocalServer> dynamoDbStart = starter.submit(() ->
                    DynamoDbLocalServer.start(data.resolve("dynamodb")));
            Future<ElasticMqServer> sqsStart = starter.submit(() ->
                    ElasticMqServer.start(data.resolve("sqs"), options.region(), options.accountId()));
            Future<S3Server> s3Start = starter.submit(() -> S3Server.start(data.resolve("s3"),
                    data.resolve("s3-lifecycle"), options.region(), options.lifecycleSweepInterval()));
            starter.shutdown();
            DynamoDbLocalServer dynamoDb = awaitStart(dynamoDbStart);
            ElasticMqServer sqs = awaitStart(sqsStart);
            this.s3 = awaitStart(s3Start);
            rethrowStartFailure();
            this.dynamoDbFunctionEndpoint = dynamoDb.inProcessClient().map(client -> {
                URI address = InProcessClients.register(AwsClientSettings.DYNAMODB, client);
                AutoCloseable unregister = () -> InProcessClients.unregister(address);
                remember(unregister);
                return address;
            }).orElse(dynamoDb.endpoint());
            this.sqsMessages = sqs;
            QueuePolicyStore queuePolicies = new QueuePolicyStore(data.resolve("sqs-policies.json"));
            SqsDelivery sqsDelivery = new SqsDelivery(sqs, queuePolicies);
            this.eventBridge = remember(new EventBridgeService(data.resolve("events"), options.region(),
                    options.accountId(), sqsDelivery));
            SnsService sns = remember(new SnsService(data, options.region(), options.accountId(), sqsDelivery,
                    this::edgeEndpoint));
            // remembered after their servers, so closed before them: a server's stop need not wait for idle
            // connections
            edge.register("dynamodb", remember(new HttpForwarder(dynamoDb.port())));
            edge.register("sqs", new SqsPolicyRecorder(remember(new HttpForwarder(sqs.port())), queuePolicies));
            edge.register("s3", s3.edgeService());
            edge.register("events", eventBridge);
            edge.register("sns", sns);
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("local AWS services could not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Takes the data folder's lock, held until the returned resource is closed. Without it a second local mode on the
     * same folder would have each of DynamoDB Local, ElasticMQ and S3Proxy find the other's files, some failing with
     * a stack trace of their own and some (S3Proxy's files) writing beside the first one.
     *
     * @throws IOException when another set of services holds the folder, in this process or another
     */
    private static AutoCloseable lockDataFolder(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the data folder " + dataDir + " is in use by another local mode; stop that one, or "
                    + "give this one another folder (--data-dir)");
        }
        // closing the channel releases its lock
        return channel;
    }

    /** Waits for one server; a failure is kept until every server has finished starting, so none is left open. */
    private <T extends AutoCloseable> T awaitStart(Future<T> start) {
        try {
            return remember(start.get());
        } catch (ExecutionException e) {
            if (startFailure == null) {
                startFailure = e.getCause();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (startFailure == null) {
                startFailure = e;
            }
            return null;
        }
    }

    private void rethrowStartFailure() throws IOException {
        if (startFailure instanceof IOException io) {
            throw io;
        }
        if (startFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (startFailure != null) {
            throw new IOException(startFailure.toString(), startFailure);
        }
    }

    /**
     * Starts every service and returns once all of them answer.
     *
     * @throws UncheckedIOException when a port is taken or the data directory is not writable
     */
    public static LocalAwsServices start(LocalServicesOptions options) {
        return new LocalAwsServices(options);
    }

    /** The edge endpoint, {@code http://127.0.0.1:<port>}, to use as every SDK client's endpoint override. */
    public URI edgeEndpoint() {
        return URI.create("http://127.0.0.1:" + edge.port());
    }

    /**
     * Where the functions' DynamoDB clients point ({@code AWS_ENDPOINT_URL_DYNAMODB}): DynamoDB Local's embedded
     * client over the same database, registered as an {@link InProcessClients in-process endpoint} while these
     * services run, so their table reads and writes cost no HTTP, signing or JSON ({@link DynamoDbLocalServer}); its
     * HTTP address if this DynamoDB Local has no embedded client.
     */
    public URI dynamoDbFunctionEndpoint() {
        return dynamoDbFunctionEndpoint;
    }

    /**
     * S3Proxy's own address, for the runtime's own object reads (the local analyser fetching {@code S3Object}
     * images). Users, functions and presigned URLs use {@link #edgeEndpoint()}, which also answers the lifecycle
     * API and checks browser origins.
     */
    public URI s3ProxyEndpoint() {
        return s3.endpoint();
    }

    /**
     * The local SQS in this process, for local Lambda's queue pollers, which only receive and delete. Anything that
     * creates queues or sets their attributes goes through {@link #edgeEndpoint()}: the edge records queue policies
     * on their way to ElasticMQ, which would drop them.
     */
    public SqsMessageSource sqsMessages() {
        return sqsMessages;
    }

    public String region() {
        return options.region();
    }

    public String accountId() {
        return options.accountId();
    }

    /**
     * Registers a listener for every object write (PutObject, CopyObject, CompleteMultipartUpload). It receives the
     * raw S3 event notification JSON ({@code {"Records":[...]}}, key URL-encoded) exactly as S3 sends it to Lambda.
     * Listeners run one at a time on a notification thread, in write order, once the object is stored (S3 too
     * notifies asynchronously); a listener that throws does not fail the write or stop later notifications.
     */
    public void onObjectCreated(Consumer<String> listener) {
        s3.onObjectCreated(listener);
    }

    /**
     * Lets browser pages of {@code origin} (the dashboard's, e.g. {@code http://localhost:8080}) call the edge, e.g.
     * a presigned PUT; every other site's page is refused, as are requests addressed to a non-loopback host.
     */
    public void allowBrowserOrigin(URI origin) {
        edge.allowOrigin(origin);
    }

    /**
     * Mounts another AWS-protocol service on the edge under its SigV4 signing name (for example
     * {@code rekognition} or {@code lambda}); a later registration of the same name replaces the earlier one.
     */
    public void registerService(String signingName, EdgeService service) {
        edge.register(signingName, service);
    }

    /**
     * Applies the S3 bucket lifecycle rules now instead of waiting for the next sweep
     * ({@link LocalServicesOptions#lifecycleSweepInterval()}): deletes every object whose {@code Expiration/Days}
     * under an Enabled rule has passed. Of a rule, the sweeper honours {@code Status}, {@code Expiration/Days}
     * (rounded up to midnight UTC, as on S3) and the filter's prefix and object size bounds; {@code Expiration/Date},
     * transitions, noncurrent-version actions and {@code AbortIncompleteMultipartUpload} are stored and returned
     * but not acted on, and a rule with a {@code Tag} condition expires nothing.
     *
     * @return how many objects were deleted
     */
    public int expireObjectsNow() {
        return expireObjects(Instant.now());
    }

    /** {@link #expireObjectsNow()} as if the time were {@code now}. */
    public int expireObjects(Instant now) {
        return s3.expireObjects(now);
    }

    /** Every EventBridge rule with a schedule expression, on every bus, with its targets. */
    public List<ScheduleRule> scheduleRules() {
        return eventBridge.scheduleRules();
    }

    /** Stops every service; no server threads are left behind. */
    @Override
    public void close() {
        closeQuietly();
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.add(resource);
        return resource;
    }

    private void closeQuietly() {
        closeQuietly(edge);
        closeStarted();
    }

    /** Closes what was started, newest first. */
    private void closeStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("local services: stopping " + resource.getClass().getSimpleName() + " failed: " + e);
        }
    }
}
