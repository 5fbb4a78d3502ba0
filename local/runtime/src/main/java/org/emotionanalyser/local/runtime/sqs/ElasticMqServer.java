package org.emotionanalyser.local.runtime.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.BinaryMessageAttribute;
import org.elasticmq.DefaultVisibilityTimeout$;
import org.elasticmq.DeliveryReceipt;
import org.elasticmq.ImmediateNextDelivery$;
import org.elasticmq.Limits;
import org.elasticmq.MessageAttribute;
import org.elasticmq.MessageContent;
import org.elasticmq.MessageData;
import org.elasticmq.NewMessageData;
import org.elasticmq.NodeAddress;
import org.elasticmq.NumberMessageAttribute;
import org.elasticmq.OnDateTimeReceived;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.msg.DeleteMessage;
import org.elasticmq.msg.LookupQueue;
import org.elasticmq.msg.ReceiveMessages;
import org.elasticmq.msg.SendMessage;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.MD5Util$;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.ArraySeq$;
import scala.collection.immutable.Nil$;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ElasticMQ with its SQL persistence on an H2 file: queues (attributes, redrive policies, tags) and messages
 * (bodies, attributes, receive counts, visibility) are written through on every change and restored at start.
 *
 * <p>Clients outside the process (users, functions' SDK clients) reach it over HTTP through the edge. The local
 * services' own traffic, which is most of it, skips HTTP: EventBridge's and SNS's deliveries send
 * ({@link #sendMessage}) and Lambda's queue pollers receive and delete ({@link SqsMessageSource}) through
 * ElasticMQ's queue actors, checked and answered as its HTTP API would.
 *
 * <p>ElasticMQ keeps its JDBC pool in a JVM-wide singleton; we point it at this data directory at every start, so
 * only one instance per JVM may run at a time (local mode runs one).
 */
public final class ElasticMqServer implements SqsMessageSource, AutoCloseable {

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

    /**
     * How long an in-process call waits for the queue's answer beyond a receive's own wait, as the SDK client's call
     * timeout did.
     */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** What ElasticMQ's HTTP API answers as every message's sender. */
    private static final String SENDER_ID = "127.0.0.1";

    private final String region;
    private final String accountId;
    private final ActorSystem actors;
    private final ActorRef queueManager;
    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(Path directory, String region, String accountId) throws Exception {
        this.region = region;
        this.accountId = accountId;
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
            queueManager = actors.actorOf(Props.create(QueueManagerActor.class, new NowProvider(),
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

    /**
     * ElasticMQ's own HTTP address. Nothing in the runtime calls it (the edge forwards to {@link #port()}, the local
     * services call the queue actors); tests use it to compare the in-process calls with SQS's HTTP API.
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Sends one message to the named queue through ElasticMQ's queue actors, checked as its SendMessage checks a
     * request (body, attributes, FIFO queues' group id), for the local services' own deliveries (EventBridge and SNS
     * targets): the message is stored and persisted as if sent over HTTP, without an SDK call and ElasticMQ's HTTP
     * routing, which cost more CPU per message than storing it.
     *
     * @throws QueueDoesNotExistException when there is no such queue
     * @throws SqsException               when SQS would refuse the message (status 400, SQS's error code)
     * @throws ApiCallTimeoutException    when ElasticMQ does not answer within 10 s
     */
    public void sendMessage(String queueName, String body, Map<String, MessageAttributeValue> attributes) {
        if (queueName.endsWith(".fifo")) {
            // As SQS: a FIFO queue needs a message group id, which the services' deliveries do not set.
            throw refused("MissingParameter", "The request must contain the parameter MessageGroupId.");
        }
        checked("MessageBody", Limits.verifyMessageBody(body, StrictSQSLimits$.MODULE$));
        checked("MessageAttributes", Limits.verifyMessageAttributesNumber(attributes.size(), StrictSQSLimits$.MODULE$));
        Map<String, MessageAttribute> converted = new LinkedHashMap<>();
        attributes.forEach((name, value) -> converted.put(name, attribute(name, value)));
        ActorRef queue = queue(queueName);
        NewMessageData message = NewMessageData.apply(Option.empty(), new MessageContent(body),
                scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(converted)),
                ImmediateNextDelivery$.MODULE$, Option.empty(), Option.empty(), 0, Option.empty(), Option.empty(),
                Option.empty());
        ask(queue, new SendMessage(message), ANSWER_TIMEOUT);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Checked as ElasticMQ's ReceiveMessage checks a request; the messages carry what its HTTP API would answer
     * (the same MD5 digests, {@code SenderId} {@value #SENDER_ID}).
     *
     * @throws ApiCallTimeoutException when ElasticMQ does not answer within 10 s after the wait
     */
    @Override
    public List<Message> receiveMessages(String queueName, int maxMessages, int waitSeconds) {
        checked("MaxNumberOfMessages",
                Limits.verifyNumberOfMessagesFromParameters(maxMessages, StrictSQSLimits$.MODULE$));
        checked("WaitTimeSeconds", Limits.verifyMessageWaitTime(waitSeconds, StrictSQSLimits$.MODULE$));
        ActorRef queue = queue(queueName);
        Object received = ask(queue, new ReceiveMessages(DefaultVisibilityTimeout$.MODULE$, maxMessages,
                Option.apply(Duration.ofSeconds(waitSeconds)), Option.empty()),
                ANSWER_TIMEOUT.plusSeconds(waitSeconds));
        List<Message> messages = new ArrayList<>();
        for (Object data : CollectionConverters.asJava((scala.collection.immutable.List<?>) received)) {
            messages.add(received(queueName, (MessageData) data));
        }
        return messages;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ApiCallTimeoutException when ElasticMQ does not answer within 10 s
     */
    @Override
    public void deleteMessage(String queueName, String receiptHandle) {
        Object deleted = ask(queue(queueName), new DeleteMessage(new DeliveryReceipt(receiptHandle)), ANSWER_TIMEOUT);
        if (deleted instanceof Either<?, ?> either && either.isLeft()) {
            throw refused("ReceiptHandleIsInvalid", "The receipt handle is not valid for the queue " + queueName
                    + "; receive the message again for a current one.");
        }
    }

    /** A received message as ElasticMQ's ReceiveMessage answers it with every attribute asked for. */
    private Message received(String queueName, MessageData data) {
        Option<DeliveryReceipt> receipt = data.deliveryReceipt();
        if (receipt.isEmpty()) {
            throw new IllegalStateException("ElasticMQ answered a message of " + queueName + " without a receipt");
        }
        String body = data.content().value();
        Map<String, String> system = new LinkedHashMap<>();
        system.put("SenderId", SENDER_ID);
        system.put("SentTimestamp", Long.toString(data.created().toInstant().toEpochMilli()));
        system.put("ApproximateReceiveCount", Integer.toString(data.statistics().approximateReceiveCount()));
        system.put("ApproximateFirstReceiveTimestamp",
                Long.toString(data.statistics().approximateFirstReceive() instanceof OnDateTimeReceived first
                        ? first.when().toInstant().toEpochMilli() : 0L));
        putIfPresent(system, "MessageDeduplicationId", data.messageDeduplicationId());
        putIfPresent(system, "MessageGroupId", data.messageGroupId());
        putIfPresent(system, "AWSTraceHeader", data.tracingId());
        putIfPresent(system, "SequenceNumber", data.sequenceNumber());
        if (data.deadLetterSourceQueueName().isDefined()) {
            system.put("DeadLetterQueueSourceArn",
                    "arn:aws:sqs:" + region + ":" + accountId + ":" + data.deadLetterSourceQueueName().get());
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        CollectionConverters.asJava(data.messageAttributes()).forEach((name, value) ->
                attributes.put(name, attributeValue(value)));
        return Message.builder()
                .messageId(data.id().id())
                .receiptHandle(receipt.get().receipt())
                .body(body)
                .md5OfBody(MD5Util$.MODULE$.md5Digest(body))
                .attributesWithStrings(system)
                .messageAttributes(attributes)
                .md5OfMessageAttributes(attributes.isEmpty() ? null
                        : MD5Util$.MODULE$.md5AttributeDigest(data.messageAttributes()))
                .build();
    }

    /** Options of ElasticMQ's value classes (deduplication and tracing ids) hold the wrapper, the others a string. */
    private static void putIfPresent(Map<String, String> attributes, String name, Option<?> value) {
        if (value.isDefined()) {
            Object present = value.get();
            attributes.put(name, present instanceof org.elasticmq.DeduplicationId id ? id.id()
                    : present instanceof org.elasticmq.TracingId tracing ? tracing.id() : present.toString());
        }
    }

    private static MessageAttributeValue attributeValue(MessageAttribute attribute) {
        MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.getDataType());
        if (attribute instanceof StringMessageAttribute text) {
            value.stringValue(text.stringValue());
        } else if (attribute instanceof NumberMessageAttribute number) {
            value.stringValue(number.stringValue());
        } else if (attribute instanceof BinaryMessageAttribute binary) {
            value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(binary.asBase64())));
        }
        return value.build();
    }

    /**
     * Checks that the queue exists, as SQS does before it looks at the queue's policy.
     *
     * @throws QueueDoesNotExistException when there is no such queue
     */
    void requireQueue(String queueName) {
        queue(queueName);
    }

    /** The queue's actor, looked up at every call: a queue deleted and created again has a new one. */
    private ActorRef queue(String queueName) {
        Object queue = ask(queueManager, new LookupQueue(queueName), ANSWER_TIMEOUT);
        if (!(queue instanceof Option<?> found) || found.isEmpty()) {
            throw (QueueDoesNotExistException) QueueDoesNotExistException.builder().statusCode(400)
                    .message("The specified queue " + queueName + " does not exist.")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue")
                            .serviceName("Sqs").build())
                    .build();
        }
        return (ActorRef) found.get();
    }

    private static MessageAttribute attribute(String name, MessageAttributeValue value) {
        String type = value.dataType() == null ? "" : value.dataType();
        int dot = type.indexOf('.');
        String primary = dot < 0 ? type : type.substring(0, dot);
        Option<String> customType = dot < 0 || dot == type.length() - 1 ? Option.empty()
                : Option.apply(type.substring(dot + 1));
        switch (primary) {
            case "String" -> {
                String text = value.stringValue() == null ? "" : value.stringValue();
                checked(name, Limits.verifyMessageStringAttribute(name, text, StrictSQSLimits$.MODULE$));
                return new StringMessageAttribute(text, customType);
            }
            case "Number" -> {
                String number = value.stringValue() == null ? "" : value.stringValue();
                checked(name, Limits.verifyMessageNumberAttribute(number, name, StrictSQSLimits$.MODULE$));
                return new NumberMessageAttribute(number, customType);
            }
            case "Binary" -> {
                byte[] bytes = value.binaryValue() == null ? new byte[0] : value.binaryValue().asByteArray();
                return new BinaryMessageAttribute(ArraySeq$.MODULE$.unsafeWrapArray(bytes), customType);
            }
            default -> throw refused("InvalidParameterValue", "Attribute '" + name + "' has the data type '" + type
                    + "'; SQS takes String, Number or Binary, optionally with a custom suffix such as String.json");
        }
    }

    private static void checked(String name, Either<String, ?> verdict) {
        if (verdict.isLeft()) {
            throw refused("InvalidAttributeValue", "Invalid value for the parameter " + name + ". Reason: "
                    + verdict.left().toOption().get());
        }
    }

    private static SqsException refused(String errorCode, String message) {
        return (SqsException) SqsException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message)
                        .serviceName("Sqs").build())
                .build();
    }

    private static Object ask(ActorRef actor, Object message, Duration timeout) {
        try {
            return Patterns.ask(actor, message, timeout).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for the local SQS queue", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AskTimeoutException) {
                throw timedOut(timeout, e.getCause());
            }
            throw SdkClientException.create("the local SQS queue failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw timedOut(timeout, e);
        }
    }

    private static ApiCallTimeoutException timedOut(Duration timeout, Throwable cause) {
        return ApiCallTimeoutException.create("the local SQS queue did not answer within "
                + timeout.toSeconds() + " s", cause);
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
