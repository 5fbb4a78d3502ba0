package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue policies the edge records from SQS requests in the AWS query protocol (form bodies, XML answers), as
 * older SDKs and tools send them, and in the JSON protocol of current SDKs; fixtures are raw form bodies under
 * {@code sqs-query/} and raw JSON bodies under {@code sqs-json/}. Local SNS delivers to a
 * queue only when the policy recorded here allows it.
 */
class SqsPolicyRecorderTest {

    private static final String ROOT = "/";
    private static final String QUEUE_PATH = "/000000000000/subscriber";
    private static final String QUEUE_ARN = "arn:aws:sqs:eu-west-1:000000000000:subscriber";
    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:000000000000:tenant-acme";

    @TempDir
    Path directory;

    private QueuePolicyStore policies;
    private final List<EdgeRequest> forwarded = new ArrayList<>();
    /** What ElasticMQ answers to the next request. */
    private EdgeResponse elasticMqAnswer = EdgeResponse.text(200, "text/xml", "<Ok/>");
    private SqsPolicyRecorder recorder;

    @BeforeEach
    void setUp() {
        policies = new QueuePolicyStore(directory.resolve("sqs-policies.json"));
        recorder = new SqsPolicyRecorder(request -> {
            forwarded.add(request);
            return elasticMqAnswer;
        }, policies);
    }

    @Test
    void handle_whenQueryCreateQueueCarriesAPolicyAttribute_recordsItForSnsDelivery() throws IOException {
        recorder.handle(form(ROOT, "create-queue-with-policy.form"));

        assertThat(policies.policy("subscriber")).contains(fixture("expected-policy.json"));
        assertThat(QueuePolicy.parse(policies.policy("subscriber").orElseThrow())
                .allowsSendMessage("sns.amazonaws.com", QUEUE_ARN, TOPIC_ARN)).isTrue();
        assertThat(forwarded).as("the request still reaches ElasticMQ unchanged").singleElement()
                .satisfies(request -> assertThat(new String(request.body(), StandardCharsets.UTF_8))
                        .isEqualTo(fixture("create-queue-with-policy.form")));
    }

    @Test
    void handle_whenQuerySetQueueAttributesNamesTheQueueByUrl_recordsThePolicy() throws IOException {
        recorder.handle(form(ROOT, "set-queue-attributes-policy.form"));

        assertThat(policies.policy("subscriber")).contains(fixture("expected-policy.json"));
    }

    @Test
    void handle_whenQuerySetQueueAttributesIsPostedToTheQueueUrlItself_recordsThePolicyForThatQueue()
            throws IOException {
        // Clients such as the AWS SDK for Java 1.x send queue operations to the queue URL, without a QueueUrl field.
        recorder.handle(form(QUEUE_PATH, "set-queue-attributes-on-queue-path.form"));

        assertThat(policies.policy("subscriber")).contains(fixture("expected-policy.json"));
    }

    @Test
    void handle_whenQuerySetQueueAttributesUsesTheUnnumberedAttributeForm_recordsThePolicy() throws IOException {
        // SQS's API reference writes SetQueueAttributes as Attribute.Name/Attribute.Value, without an index.
        recorder.handle(form(ROOT, "set-queue-attributes-unindexed.form"));

        assertThat(policies.policy("subscriber")).contains(fixture("expected-policy.json"));
    }

    @Test
    void handle_whenQuerySetsAnEmptyPolicy_forgetsThePolicySoSnsIsRefusedAgain() throws IOException {
        recorder.handle(form(ROOT, "set-queue-attributes-policy.form"));

        recorder.handle(form(ROOT, "set-queue-attributes-clear-policy.form"));

        assertThat(policies.policy("subscriber")).isEmpty();
    }

    @Test
    void handle_whenElasticMqRefusesTheQueryRequest_recordsNothing() throws IOException {
        elasticMqAnswer = EdgeResponse.text(400, "text/xml", "<ErrorResponse><Error><Code>"
                + "AWS.SimpleQueueService.NonExistentQueue</Code></Error></ErrorResponse>");

        recorder.handle(form(ROOT, "set-queue-attributes-policy.form"));

        assertThat(policies.policy("subscriber")).isEmpty();
    }

    @Test
    void handle_whenQueryDeleteQueue_forgetsTheQueuesPolicy() throws IOException {
        recorder.handle(form(ROOT, "create-queue-with-policy.form"));

        recorder.handle(form(ROOT, "delete-queue.form"));

        assertThat(policies.policy("subscriber")).isEmpty();
    }

    @Test
    void handle_whenQueryGetQueueAttributesAsksForAll_answersThePolicyElasticMqDropped() throws IOException {
        recorder.handle(form(ROOT, "set-queue-attributes-policy.form"));
        elasticMqAnswer = EdgeResponse.text(200, "text/xml", fixture("get-queue-attributes-response.xml"));

        EdgeResponse response = recorder.handle(form(ROOT, "get-queue-attributes-all.form"));

        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).isEqualTo(200);
        assertThat(xml).contains("<Attribute><Name>QueueArn</Name><Value>" + QUEUE_ARN + "</Value></Attribute>")
                .contains("<Attribute><Name>Policy</Name><Value>"
                        + fixture("expected-policy.json").replace("\"", "&quot;") + "</Value></Attribute>");
        assertThat(xml.indexOf("<Name>Policy</Name>")).isLessThan(xml.indexOf("</GetQueueAttributesResult>"));
    }

    @Test
    void handle_whenQueryGetQueueAttributesAsksForOtherAttributes_answersElasticMqsResponseAsIs() throws IOException {
        recorder.handle(form(ROOT, "set-queue-attributes-policy.form"));
        elasticMqAnswer = EdgeResponse.text(200, "text/xml", fixture("get-queue-attributes-response.xml"));

        EdgeResponse response = recorder.handle(form(ROOT, "get-queue-attributes-arn-only.form"));

        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(fixture("get-queue-attributes-response.xml"));
    }

    @Test
    void handle_whenJsonCreateQueueCarriesAPolicy_recordsItAndForwardsTheRequestWithoutIt() throws IOException {
        elasticMqAnswer = EdgeResponse.text(200, "application/x-amz-json-1.0", "{}");

        recorder.handle(json("CreateQueue", "create-queue-with-policy.json"));

        assertThat(policies.policy("subscriber")).contains(fixture("expected-policy.json"));
        assertThat(forwarded).as("ElasticMQ gets the other attributes, not the policy it would warn about ignoring")
                .singleElement().satisfies(request -> assertThat(Json.MAPPER.readTree(request.body()))
                        .isEqualTo(Json.MAPPER.readTree(jsonFixture("create-queue-without-policy.json"))));
    }

    @Test
    void handle_whenJsonCreateQueueHasNoPolicy_forwardsTheRequestAsItCame() throws IOException {
        elasticMqAnswer = EdgeResponse.text(200, "application/x-amz-json-1.0", "{}");
        EdgeRequest request = json("CreateQueue", "create-queue-without-policy.json");

        recorder.handle(request);

        assertThat(forwarded).singleElement().isSameAs(request);
        assertThat(policies.policy("subscriber")).isEmpty();
    }

    @Test
    void handle_whenJsonGetQueueAttributesAsksForAll_answersThePolicyElasticMqNeverSaw() throws IOException {
        elasticMqAnswer = EdgeResponse.text(200, "application/x-amz-json-1.0", "{}");
        recorder.handle(json("CreateQueue", "create-queue-with-policy.json"));
        elasticMqAnswer = EdgeResponse.text(200, "application/x-amz-json-1.0",
                jsonFixture("get-queue-attributes-response.json"));

        EdgeResponse response = recorder.handle(json("GetQueueAttributes", "get-queue-attributes-all.json"));

        JsonNode attributes = Json.MAPPER.readTree(response.body()).path("Attributes");
        assertThat(attributes.path("Policy").asText()).isEqualTo(fixture("expected-policy.json"));
        assertThat(attributes.path("VisibilityTimeout").asText()).isEqualTo("30");
    }

    /** A JSON-protocol request as the AWS SDKs for Java 2.x and the AWS CLI v2 send it. */
    private static EdgeRequest json(String action, String fixture) throws IOException {
        return new EdgeRequest("POST", ROOT, null, Map.of("content-type", List.of("application/x-amz-json-1.0"),
                "x-amz-target", List.of("AmazonSQS." + action)), jsonFixture(fixture).getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonFixture(String name) throws IOException {
        return resource("/sqs-json/" + name);
    }

    /** A query-protocol request as a client sends it: a form POSTed to {@code path}. */
    private static EdgeRequest form(String path, String fixture) throws IOException {
        return new EdgeRequest("POST", path, null, Map.of("content-type",
                List.of("application/x-www-form-urlencoded; charset=utf-8")),
                fixture(fixture).getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws IOException {
        return resource("/sqs-query/" + name);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = SqsPolicyRecorderTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
