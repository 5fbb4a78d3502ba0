package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What local mode keeps when it is stopped and started again on the same data directory. */
class LocalServicesRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void start_whenDataDirectoryHoldsEarlierState_keepsTablesQueuesMessagesObjectsRulesTargetDlqsAndTopics() throws Exception {
        String topicArn;
        String subscriptionArn;
        try (LocalAwsServices first = start(); TestAwsClients clients = new TestAwsClients(first.edgeEndpoint())) {
            createImagesTable(clients);
            clients.dynamoDb().putItem(p -> p.tableName("images").item(Map.of("tenantId", AttributeValue.fromS("acme"))));
            String dlqUrl = clients.sqs().createQueue(c -> c.queueName("tenant-acme-dlq")).queueUrl();
            String dlqArn = clients.sqs().getQueueAttributes(g -> g.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = clients.sqs().createQueue(c -> c.queueName("tenant-acme").attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"))).queueUrl();
            // EventBridge may deliver into it (after the restart too: the policy is kept)
            QueueAccess.allowTopicsAndRules(clients.sqs(), queueUrl);
            clients.sqs().sendMessage(s -> s.queueUrl(queueUrl).messageBody("waiting across the restart"));
            String inFlightUrl = clients.sqs().createQueue(c -> c.queueName("in-flight")).queueUrl();
            clients.sqs().sendMessage(s -> s.queueUrl(inFlightUrl).messageBody("received before the restart"));
            assertThat(clients.sqs().receiveMessage(r -> r.queueUrl(inFlightUrl).visibilityTimeout(2)).messages())
                    .hasSize(1);
            clients.s3().createBucket(b -> b.bucket("images"));
            clients.s3().putObject(p -> p.bucket("images").key("uploads/acme/a.jpg"), RequestBody.fromString("jpeg"));
            clients.events().createEventBus(c -> c.name("bus"));
            clients.events().putRule(r -> r.eventBusName("bus").name("tenant-acme")
                    .eventPattern("{\"detail\":{\"tenantId\":[\"acme\"]}}"));
            clients.events().putTargets(t -> t.eventBusName("bus").rule("tenant-acme")
                    .targets(Target.builder().id("q").arn(queueArn(clients, queueUrl)).inputTransformer(i -> i
                            .inputPathsMap(Map.of("tenant", "$.detail.tenantId"))
                            .inputTemplate("{\"tenant\": <tenant>}"))
                            .deadLetterConfig(d -> d.arn(dlqArn))
                            .retryPolicy(r -> r.maximumRetryAttempts(7).maximumEventAgeInSeconds(600)).build()));
            topicArn = clients.sns().createTopic(c -> c.name("tenant-acme")).topicArn();
            subscriptionArn = clients.sns().subscribe(s -> s.topicArn(topicArn).protocol("email")
                    .endpoint("a@example.com").attributes(Map.of("FilterPolicy", "{\"emotion\":[\"HAPPY\"]}")))
                    .subscriptionArn();
        }

        try (LocalAwsServices second = start(); TestAwsClients clients = new TestAwsClients(second.edgeEndpoint())) {
            assertThat(clients.dynamoDb().scan(s -> s.tableName("images")).items())
                    .extracting(item -> item.get("tenantId").s()).containsExactly("acme");
            String queueUrl = clients.sqs().getQueueUrl(g -> g.queueName("tenant-acme")).queueUrl();
            assertThat(clients.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY)).contains("tenant-acme-dlq");
            List<Message> waiting = clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                    .messages();
            assertThat(waiting).extracting(Message::body).containsExactly("waiting across the restart");
            String inFlightUrl = clients.sqs().getQueueUrl(g -> g.queueName("in-flight")).queueUrl();
            List<Message> redelivered = clients.sqs().receiveMessage(r -> r.queueUrl(inFlightUrl).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(redelivered).as("an in-flight message comes back when its visibility timeout ends")
                    .extracting(Message::body).containsExactly("received before the restart");
            assertThat(redelivered.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo("2");
            assertThat(clients.s3().getObjectAsBytes(g -> g.bucket("images").key("uploads/acme/a.jpg")).asUtf8String())
                    .isEqualTo("jpeg");
            assertThat(clients.events().describeRule(d -> d.eventBusName("bus").name("tenant-acme")).eventPattern())
                    .isEqualTo("{\"detail\":{\"tenantId\":[\"acme\"]}}");
            Target restored = clients.events().listTargetsByRule(l -> l.eventBusName("bus").rule("tenant-acme"))
                    .targets().get(0);
            assertThat(restored.deadLetterConfig().arn()).as("the target's DLQ survives the restart")
                    .endsWith(":tenant-acme-dlq");
            assertThat(restored.retryPolicy().maximumRetryAttempts()).isEqualTo(7);
            assertThat(restored.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(600);
            clients.events().putEvents(p -> p.entries(e -> e.eventBusName("bus").source("s").detailType("t")
                    .detail("{\"tenantId\":\"acme\"}")));
            assertThat(clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                    .as("the restored rule still delivers, through its input transformer")
                    .extracting(Message::body).containsExactly("{\"tenant\": \"acme\"}");
            assertThat(clients.sns().listTopics().topics()).extracting(t -> t.topicArn()).containsExactly(topicArn);
            assertThat(clients.sns().getSubscriptionAttributes(g -> g.subscriptionArn(subscriptionArn)).attributes())
                    .containsEntry("FilterPolicy", "{\"emotion\":[\"HAPPY\"]}");
        }
    }

    @Test
    void close_whenServicesWereUsed_leavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        try (LocalAwsServices services = start(); TestAwsClients clients = new TestAwsClients(services.edgeEndpoint())) {
            clients.s3().createBucket(b -> b.bucket("threads"));
            clients.sqs().createQueue(c -> c.queueName("threads"));
            clients.sns().createTopic(c -> c.name("threads"));
            clients.dynamoDb().listTables();
        }

        // DynamoDB Local's background jobs and ElasticMQ's actor threads end within moments of close, not during it.
        Set<Thread> left = Set.of();
        for (long deadline = System.nanoTime() + 10_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            left = liveNonDaemonThreads();
            left.removeAll(before);
            if (left.isEmpty()) {
                break;
            }
        }
        assertThat(left).extracting(Thread::getName).isEmpty();
    }

    private static Set<Thread> liveNonDaemonThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.isDaemon()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    @Test
    void start_whenAnotherLocalModeUsesTheDataFolder_failsAtOnceNamingTheFolderAndTheFirstGoesOn() throws Exception {
        try (LocalAwsServices first = start(); TestAwsClients clients = new TestAwsClients(first.edgeEndpoint())) {
            createImagesTable(clients);

            assertThatThrownBy(this::start)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("the data folder " + dataDir + " is in use by another local mode")
                    .hasMessageContaining("--data-dir");

            clients.dynamoDb().putItem(p -> p.tableName("images").item(Map.of("tenantId", AttributeValue.fromS("a"))));
            clients.s3().createBucket(b -> b.bucket("images"));
            assertThat(clients.s3().listBuckets().buckets()).hasSize(1);
        }
        // released with the first: the folder can be used again
        try (LocalAwsServices again = start(); TestAwsClients clients = new TestAwsClients(again.edgeEndpoint())) {
            assertThat(clients.dynamoDb().scan(b -> b.tableName("images").consistentRead(true)).count()).isEqualTo(1);
        }
    }

    /** A table keyed by tenant, as the images table is. */
    private static void createImagesTable(TestAwsClients clients) {
        clients.dynamoDb().createTable(c -> c.tableName("images")
                .attributeDefinitions(a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH))
                .billingMode("PAY_PER_REQUEST"));
    }

    private LocalAwsServices start() {
        return LocalAwsServices.start(new LocalServicesOptions(dataDir, 0, TestAwsClients.REGION, TestAwsClients.ACCOUNT));
    }

    private static String queueArn(TestAwsClients clients, String queueUrl) {
        return clients.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
