package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.runtime.testfunctions.RecordingReaderHandler;
import org.emotionanalyser.local.runtime.testfunctions.TestFunctionCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.emotionanalyser.local.runtime.edge.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime's own wiring, end to end against the real local services, with the small test stack of
 * {@code templates/test-stack.yaml} and test handlers: provisioning, API Gateway emulation with the authorizer,
 * S3 notifications with retries and the on-failure destination, SQS mappings with partial batch failures and
 * redrive, and a restart on the same data.
 */
class LocalRuntimeIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "emotion-analyser-local-";

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static TestAwsClients aws;
    private static Map<String, String> readerEnvironment;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path template = dataDir.resolve("test-stack.yaml");
        try (InputStream in = LocalRuntimeIntegrationTest.class.getResourceAsStream("/templates/test-stack.yaml")) {
            Files.copy(in, template);
        }
        runtime = LocalRuntime.start(options(template));
        aws = new TestAwsClients(runtime);
        readerEnvironment = Map.copyOf(TestFunctionCalls.ENVIRONMENTS.get(RecordingReaderHandler.class.getName()));
    }

    static LocalRuntimeOptions options(Path template) {
        // The real Rekognition is never called by the test handlers; choosing it skips loading the local models.
        return new LocalRuntimeOptions(dataDir.resolve("data"), 0, 0, LocalRuntimeOptions.Analyzer.REKOGNITION,
                dataDir.resolve("known-faces"), template, List.of(Duration.ofMillis(200), Duration.ofMillis(200)),
                false);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void reset() {
        TestFunctionCalls.reset();
    }

    @Test
    void start_whenTemplateProvisioned_expectTablesQueuesWithRedriveAndLocalEnvironment() {
        assertThat(aws.dynamoDb().describeTimeToLive(b -> b.tableName(PREFIX + "results"))
                .timeToLiveDescription().timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        String workQueue = aws.queueUrl(PREFIX + "work");
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(workQueue)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY)).contains(PREFIX + "work-dlq");
        assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("1");
        assertThat(aws.sns().listTopics().topics()).anyMatch(t -> t.topicArn().endsWith(PREFIX + "alarms"));

        assertThat(readerEnvironment)
                .containsEntry("UPLOAD_BUCKET", PREFIX + "images")
                .containsEntry("ANALYZER_NAME", "rekognition")
                .containsEntry("AWS_ENDPOINT_URL_REKOGNITION", "aws")
                .containsEntry("AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString())
                .containsEntry("AWS_REGION", runtime.region());
    }

    @Test
    void api_whenAuthorizedBinaryPut_expectHandlerGetsAndReturnsTheSameBytes() throws Exception {
        byte[] jpeg = new byte[256];
        for (int i = 0; i < jpeg.length; i++) {
            jpeg[i] = (byte) i;
        }

        HttpResponse<byte[]> response = HTTP.send(request("/items/photo-1", "Bearer good")
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(jpeg);
    }

    @Test
    void api_whenAuthorized_expectAuthorizerContextAndPathParametersInTheEvent() throws Exception {
        HttpResponse<String> response = HTTP.send(request("/items/abc?tag=a&tag=b", "Bearer good")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"x\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.path("resource").asText()).isEqualTo("/items/{id}");
        assertThat(seen.path("pathParameters").path("id").asText()).isEqualTo("abc");
        assertThat(seen.path("query").path("tag").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(seen.path("authorizer").path("tenantId").asText()).isEqualTo("t1");
        assertThat(seen.path("authorizer").path("principalId").asText()).isEqualTo("caller");
        assertThat(seen.path("body").asText()).isEqualTo("{\"x\":1}");
    }

    @Test
    void api_whenKeyMissingOrWrong_expect401Unauthorized() throws Exception {
        HttpResponse<String> missing = HTTP.send(request("/items/abc", null)
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = HTTP.send(request("/items/abc", "Bearer nope")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void api_whenAuthorizerDenies_expect403WithTheTemplatesGatewayResponse() throws Exception {
        HttpResponse<String> response = HTTP.send(request("/items/abc", "Bearer deny")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asText()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void api_whenMethodRequiresAUsageKeyAndTheAuthorizerReturnsNone_expect403ForbiddenBeforeTheIntegration()
            throws Exception {
        HttpResponse<String> response = HTTP.send(request("/items/abc", "Bearer good")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"message\":\"Forbidden\"}"));
    }

    @Test
    void api_whenRouteUnknownOrBodyTooLarge_expectApiGatewaysAnswers() throws Exception {
        HttpResponse<String> unknown = HTTP.send(request("/nothing/here", null).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tooLarge = HTTP.send(request("/items/big", "Bearer good")
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> preflight = HTTP.send(request("/items/abc", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", runtime.apiEndpoint().toString()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("Missing Authentication Token");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).get().asString()
                .contains("PUT").contains("GET");
    }

    @Test
    void api_whenAnotherSitesPageOrARebindingNameCalls_expect403BeforeTheAuthorizerRuns() throws Exception {
        URI api = runtime.apiEndpoint();
        HttpResponse<String> otherPage = HTTP.send(request("/items/abc", "Bearer good")
                .header("Origin", "http://localhost:3000")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> dashboard = HTTP.send(request("/items/abc", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", api.toString()).build(), HttpResponse.BodyHandlers.ofString());
        RawHttp.Answer rebound = RawHttp.send(api, "GET", "/", Map.of("Host", "evil.example:" + api.getPort()), null);

        assertThat(otherPage.statusCode()).isEqualTo(403);
        assertThat(otherPage.body()).contains("http://localhost:3000");
        assertThat(otherPage.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(dashboard.headers().firstValue("Access-Control-Allow-Origin")).hasValue(api.toString());
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).doesNotContain("<html");
    }

    @Test
    void s3_whenObjectWrittenUnderThePrefix_expectReaderInvokedOnceWithTheDecodedKey() {
        aws.s3().putObject(b -> b.bucket(PREFIX + "images").key("uploads/t1/party photo.jpg"),
                RequestBody.fromString("jpeg"));
        aws.s3().putObject(b -> b.bucket(PREFIX + "images").key("exports/t1/file.csv"), RequestBody.fromString("csv"));

        await(() -> TestFunctionCalls.READER_KEYS.contains("uploads/t1/party photo.jpg"));
        sleep(500);
        assertThat(TestFunctionCalls.READER_KEYS).containsExactly("uploads/t1/party photo.jpg");
    }

    @Test
    void s3_whenReaderKeepsFailing_expectRetriedThenSentToTheOnFailureQueue() throws Exception {
        aws.s3().putObject(b -> b.bucket(PREFIX + "images").key("uploads/t1/fail.jpg"),
                RequestBody.fromString("broken"));

        List<Message> failures = aws.receive(aws.queueUrl(PREFIX + "reader-failures"), 1, Duration.ofSeconds(20));

        assertThat(TestFunctionCalls.READER_KEYS).containsExactly("uploads/t1/fail.jpg", "uploads/t1/fail.jpg");
        JsonNode record = JSON.readTree(failures.get(0).body());
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.path("responsePayload").path("errorMessage").asText()).contains("fail.jpg");
        assertThat(record.path("requestPayload").path("Records").get(0).path("s3").path("object").path("key")
                .asText()).isEqualTo("uploads/t1/fail.jpg");
        assertThat(Files.readString(dataDir.resolve("data/lambda/failed-invocations.jsonl")))
                .contains("uploads/t1/fail.jpg");
    }

    @Test
    void mapping_whenOneMessageOfABatchFails_expectOthersDoneOnceAndTheBadOneInTheDlq() {
        String queue = aws.queueUrl(PREFIX + "work");
        aws.sqs().sendMessageBatch(b -> b.queueUrl(queue).entries(List.of(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("ok-1").build(),
                SendMessageBatchRequestEntry.builder().id("2").messageBody("poison").build(),
                SendMessageBatchRequestEntry.builder().id("3").messageBody("ok-2").build())));

        List<Message> dead = aws.receive(aws.queueUrl(PREFIX + "work-dlq"), 1, Duration.ofSeconds(30));

        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(TestFunctionCalls.CONSUMED).containsExactlyInAnyOrder("ok-1", "ok-2");
        assertThat(TestFunctionCalls.REPORTED_FAILED).containsExactly("poison", "poison");
    }

    @Test
    void restart_whenSameDataDirectory_expectResourcesKeptAndMappingPollingAgain() throws Exception {
        Path template = dataDir.resolve("test-stack.yaml");
        runtime.close();
        aws.close();
        runtime = LocalRuntime.start(options(template));
        aws = new TestAwsClients(runtime);

        aws.sqs().sendMessage(b -> b.queueUrl(aws.queueUrl(PREFIX + "work")).messageBody("after-restart"));

        await(() -> TestFunctionCalls.CONSUMED.contains("after-restart"));
        String mappings = Files.readString(dataDir.resolve("data/lambda/event-source-mappings.json"));
        assertThat(JSON.readTree(mappings)).hasSize(1);
    }

    private static HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(runtime.apiEndpoint() + path))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
