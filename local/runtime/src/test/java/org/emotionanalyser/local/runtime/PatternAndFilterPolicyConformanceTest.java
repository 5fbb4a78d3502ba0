package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Documented EventBridge event patterns and SNS filter policies, each run through the local services the way an
 * application uses them (TestEventPattern and PutRule over the EventBridge API; Subscribe with a FilterPolicy,
 * Publish and a queue subscriber over the SNS API), with the outcome AWS documents.
 */
class PatternAndFilterPolicyConformanceTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();
    private static final AtomicInteger topics = new AtomicInteger();

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventPatternCases")
    void testEventPattern_whenDocumentedPattern_matchesAsDocumented(String name, String pattern, String event,
                                                                    boolean matches) {
        boolean result = aws.events().testEventPattern(t -> t.eventPattern(pattern).event(event)).result();

        assertThat(result).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEventPatterns")
    void putRule_whenPatternIsInvalid_rejectsItAsEventBridgeDoes(String name, String pattern) {
        assertThatThrownBy(() -> aws.events().putRule(r -> r.name("invalid").eventPattern(pattern)))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterPolicyCases")
    void publish_whenDocumentedFilterPolicy_deliversAsDocumented(String name, String policy, String scope,
                                                                 boolean matches) throws IOException {
        JsonNode table = table("filter-policy-conformance.json");
        String id = "conformance-" + topics.incrementAndGet();
        String topicArn = aws.sns().createTopic(c -> c.name(id)).topicArn();
        String queueUrl = aws.sqs().createQueue(c -> c.queueName(id)).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueueAccess.allowTopics(aws.sqs(), queueUrl, topicArn);
        aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("FilterPolicy", policy, "FilterPolicyScope", scope)));
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        table.get("messageAttributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                MessageAttributeValue.builder().dataType(field.getValue().get("Type").asText())
                        .stringValue(field.getValue().get("Value").asText()).build()));

        aws.sns().publish(p -> p.topicArn(topicArn).message(table.get("messageBody").toString())
                .messageAttributes(attributes));

        // Publish hands queue deliveries to SQS before it answers, so the queue can be read at once.
        int delivered = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()
                .size();
        assertThat(delivered).isEqualTo(matches ? 1 : 0);
    }

    static Stream<Arguments> eventPatternCases() throws IOException {
        JsonNode table = table("event-pattern-conformance.json");
        String event = table.get("event").toString();
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode row : table.get("cases")) {
            cases.add(Arguments.of(row.get("name").asText(), row.get("pattern").toString(), event,
                    row.get("matches").asBoolean()));
        }
        return cases.stream();
    }

    static Stream<Arguments> invalidEventPatterns() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode row : table("event-pattern-conformance.json").get("invalid")) {
            cases.add(Arguments.of(row.get("name").asText(), row.get("pattern").toString()));
        }
        return cases.stream();
    }

    static Stream<Arguments> filterPolicyCases() throws IOException {
        JsonNode table = table("filter-policy-conformance.json");
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode row : table.get("cases")) {
            cases.add(Arguments.of(row.get("name").asText(), row.get("policy").toString(), "MessageAttributes",
                    row.get("matches").asBoolean()));
        }
        for (JsonNode row : table.get("bodyCases")) {
            cases.add(Arguments.of(row.get("name").asText(), row.get("policy").toString(), "MessageBody",
                    row.get("matches").asBoolean()));
        }
        return cases.stream();
    }

    private static JsonNode table(String name) throws IOException {
        try (InputStream in = PatternAndFilterPolicyConformanceTest.class.getResourceAsStream("/services/" + name)) {
            assertThat(in).as("test resource services/" + name).isNotNull();
            return Json.MAPPER.readTree(in);
        }
    }
}
