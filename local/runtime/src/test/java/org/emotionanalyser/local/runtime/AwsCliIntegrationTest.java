package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real AWS CLI, unmodified, against the edge endpoint: only {@code --endpoint-url} differs from AWS. */
class AwsCliIntegrationTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();
    @TempDir
    static Path workDir;
    private static Path awsCli;
    private static final BlockingQueue<String> objectEvents = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        Optional<Path> cli = onPath("aws");
        assumeTrue(cli.isPresent(), "the AWS CLI is not on PATH: install it (Debian: apt-get install -y awscli) "
                + "to run this test");
        awsCli = cli.get();
        aws.services().onObjectCreated(objectEvents::add);
    }

    @Test
    void s3Cp_whenFileUploadedAndDownloaded_roundTripsAndEmitsObjectCreated() throws Exception {
        Path upload = Files.writeString(workDir.resolve("photo.txt"), "photo bytes");
        Path download = workDir.resolve("back.txt");

        run("s3", "mb", "s3://cli-bucket");
        run("s3", "cp", upload.toString(), "s3://cli-bucket/uploads/acme/my photo.txt");
        run("s3", "cp", "s3://cli-bucket/uploads/acme/my photo.txt", download.toString());

        assertThat(Files.readString(download)).isEqualTo("photo bytes");
        String event = objectEvents.poll(10, TimeUnit.SECONDS);
        assertThat(event).contains("\"key\":\"uploads/acme/my+photo.txt\"");
    }

    @Test
    void sqsSendAndReceiveMessage_whenQueueExists_deliverTheBody() throws Exception {
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("cli-queue")).queueUrl();

        run("sqs", "send-message", "--queue-url", queueUrl, "--message-body", "from the cli");
        JsonNode received = json(run("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "1"));

        assertThat(received.get("Messages").get(0).get("Body").asText()).isEqualTo("from the cli");
    }

    @Test
    void dynamoDbScan_whenTableHasItems_listsThem() throws Exception {
        aws.dynamoDb().createTable(c -> c.tableName("cli-table")
                .attributeDefinitions(a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH)).billingMode("PAY_PER_REQUEST"));
        aws.dynamoDb().putItem(p -> p.tableName("cli-table").item(Map.of("tenantId", AttributeValue.fromS("acme"))));

        JsonNode scan = json(run("dynamodb", "scan", "--table-name", "cli-table"));

        assertThat(scan.get("Count").asInt()).isEqualTo(1);
        assertThat(scan.get("Items").get(0).get("tenantId").get("S").asText()).isEqualTo("acme");
    }

    @Test
    void eventsPutEvents_whenRuleMatches_deliversToTheQueueTarget() throws Exception {
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("cli-events")).queueUrl();
        QueueAccess.allowTopicsAndRules(aws.sqs(), queueUrl);
        aws.events().putRule(r -> r.name("cli-rule").eventPattern("{\"source\":[\"cli.test\"]}"));
        aws.events().putTargets(t -> t.rule("cli-rule").targets(Target.builder().id("q")
                .arn(queueArn(queueUrl)).build()));

        JsonNode answer = json(run("events", "put-events", "--entries",
                "[{\"Source\":\"cli.test\",\"DetailType\":\"t\",\"Detail\":\"{\\\"tenantId\\\":\\\"acme\\\"}\"}]"));

        assertThat(answer.get("FailedEntryCount").asInt()).isZero();
        List<Message> delivered = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                .messages();
        assertThat(delivered).hasSize(1);
        assertThat(Json.MAPPER.readTree(delivered.get(0).body()).get("detail").get("tenantId").asText())
                .isEqualTo("acme");
    }

    @Test
    void snsPublish_whenQueueSubscribed_deliversTheNotification() throws Exception {
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("cli-sns")).queueUrl();
        String topicArn = aws.sns().createTopic(c -> c.name("cli-topic")).topicArn();
        QueueAccess.allowTopics(aws.sqs(), queueUrl, topicArn);
        aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn(queueUrl)));

        JsonNode answer = json(run("sns", "publish", "--topic-arn", topicArn, "--message", "hello subscribers",
                "--message-attributes", "{\"emotion\":{\"DataType\":\"String\",\"StringValue\":\"HAPPY\"}}"));

        List<Message> delivered = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1))
                .messages();
        assertThat(delivered).hasSize(1);
        JsonNode envelope = Json.MAPPER.readTree(delivered.get(0).body());
        assertThat(envelope.get("MessageId").asText()).isEqualTo(answer.get("MessageId").asText());
        assertThat(envelope.get("Message").asText()).isEqualTo("hello subscribers");
        assertThat(envelope.get("MessageAttributes").get("emotion").get("Value").asText()).isEqualTo("HAPPY");
    }

    private static String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Runs the CLI with dummy credentials and no user configuration; answers its standard output. */
    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(awsCli.toString(), "--endpoint-url",
                aws.services().edgeEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCAL");
        env.put("AWS_SECRET_ACCESS_KEY", "any-secret");
        env.put("AWS_DEFAULT_REGION", TestAwsClients.REGION);
        env.put("AWS_REGION", TestAwsClients.REGION);
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-credentials").toString());
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Path stdout = Files.createTempFile(workDir, "cli", ".out");
        Path stderr = Files.createTempFile(workDir, "cli", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("aws %s finished", String.join(" ", arguments)).isTrue();
        assertThat(process.exitValue()).as("aws %s failed: %s", String.join(" ", arguments),
                Files.readString(stderr, StandardCharsets.UTF_8)).isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
