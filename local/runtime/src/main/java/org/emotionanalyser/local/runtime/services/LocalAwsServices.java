package org.emotionanalyser.local.runtime.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The AWS-compatible services of local mode - DynamoDB (DynamoDB Local), SQS (ElasticMQ), S3 (S3Proxy), EventBridge
 * and SNS (our own) - behind one edge endpoint on 127.0.0.1 that routes every request by the service named in its
 * SigV4 credential scope. The AWS SDK and the AWS CLI talk to it unmodified; only the endpoint differs. Every
 * service keeps its state under {@link LocalServicesOptions#dataDir()}, so a restart keeps tables, queues,
 * messages, objects, rules, topics and subscriptions.
 *
 * <p>Signatures are not verified: any access key works.
 */
public final class LocalAwsServices implements AutoCloseable {

    private final LocalServicesOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final EdgeServer edge;
    private final S3Server s3;
    private final EventBridgeService eventBridge;

    private LocalAwsServices(LocalServicesOptions options) {
        this.options = options;
        try {
            Files.createDirectories(options.dataDir());
            DynamoDbLocalServer dynamoDb = remember(DynamoDbLocalServer.start(options.dataDir().resolve("dynamodb")));
            ElasticMqServer sqs = remember(ElasticMqServer.start(options.dataDir().resolve("sqs"), options.region(),
                    options.accountId()));
            this.s3 = remember(S3Server.start(options.dataDir().resolve("s3"), options.region()));
            SqsDelivery sqsDelivery = remember(new SqsDelivery(sqs.endpoint(), options.region()));
            this.eventBridge = new EventBridgeService(options.dataDir().resolve("events"), options.region(),
                    options.accountId(), sqsDelivery);
            SnsService sns = remember(new SnsService(options.dataDir(), options.region(), options.accountId(),
                    sqsDelivery));
            this.edge = remember(EdgeServer.start(options.edgePort()));
            edge.register("dynamodb", new HttpForwarder(dynamoDb.port()));
            edge.register("sqs", new HttpForwarder(sqs.port()));
            edge.register("s3", new HttpForwarder(s3.port()));
            edge.register("events", eventBridge);
            edge.register("sns", sns);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("local AWS services could not start: " + e.getMessage(), io);
            }
            throw e;
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

    public String region() {
        return options.region();
    }

    public String accountId() {
        return options.accountId();
    }

    /**
     * Registers a listener for every object write (PutObject, CopyObject, CompleteMultipartUpload). It receives the
     * raw S3 event notification JSON ({@code {"Records":[...]}}, key URL-encoded) exactly as S3 sends it to Lambda.
     * Listeners run on the writing request's thread after the object is stored; a listener that throws does not
     * fail the write.
     */
    public void onObjectCreated(Consumer<String> listener) {
        s3.onObjectCreated(listener);
    }

    /**
     * Mounts another AWS-protocol service on the edge under its SigV4 signing name (for example
     * {@code rekognition} or {@code lambda}); a later registration of the same name replaces the earlier one.
     */
    public void registerService(String signingName, EdgeService service) {
        edge.register(signingName, service);
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
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("local services: stopping " + started.get(i).getClass().getSimpleName()
                        + " failed: " + e);
            }
        }
        started.clear();
    }
}
