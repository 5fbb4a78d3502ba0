package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.sqs.QueueAccessDeniedException;
import org.emotionanalyser.router.testing.MovableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a rule target's RetryPolicy and DeadLetterConfig are honoured when delivery fails, with a hand-driven clock
 * and scheduler so that a day of retries runs in milliseconds.
 */
class RuleDeliveryTest {

    private static final String QUEUE = "arn:aws:sqs:eu-west-1:000000000000:emotion-analyser-local-tenant_acme";
    private static final String DLQ = "arn:aws:sqs:eu-west-1:000000000000:emotion-analyser-local-tenant_acme_dlq";
    private static final String RULE_ARN = "arn:aws:events:eu-west-1:000000000000:rule/analysis/tenant_acme";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T05:00:00Z"));
    private final Deque<Retry> retries = new ArrayDeque<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Instant> attempts = new ArrayList<>();
    /** What the target queue does on each attempt; null delivers. */
    private Supplier<RuntimeException> targetFailure = () -> null;
    private RuntimeException deadLetterFailure;

    private final RuleDelivery delivery = new RuleDelivery((ruleArn, queueArn, body, attributes) -> {
        assertThat(ruleArn).as("EventBridge sends into queues on behalf of the rule").isEqualTo(RULE_ARN);
        if (queueArn.equals(QUEUE)) {
            attempts.add(clock.instant());
            RuntimeException failure = targetFailure.get();
            if (failure != null) {
                throw failure;
            }
        } else if (deadLetterFailure != null) {
            throw deadLetterFailure;
        }
        sent.add(new Sent(queueArn, body, attributes));
    }, (task, delay) -> retries.add(new Retry(task, delay)), clock, "eu-west-1", "000000000000");

    private record Sent(String queueArn, String body, Map<String, MessageAttributeValue> attributes) {
        Map<String, String> texts() {
            Map<String, String> texts = new TreeMap<>();
            attributes.forEach((name, value) -> texts.put(name, value.stringValue()));
            return texts;
        }
    }

    private record Retry(Runnable task, Duration delay) {
    }

    @Test
    void deliver_whenTheTargetQueueDoesNotExist_sendsTheEventStraightToTheDeadLetterQueueWithItsAttributes() {
        targetFailure = () -> QueueDoesNotExistException.builder()
                .message("The specified queue does not exist.").build();

        delivery.deliver(rule(target(DLQ, new TargetRetryPolicy(185, 86_400))), event());

        assertThat(retries).as("EventBridge does not retry a missing target").isEmpty();
        assertThat(attempts).hasSize(1);
        assertThat(sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueArn()).isEqualTo(DLQ);
            assertThat(dead.body()).isEqualTo(event().toString());
            assertThat(dead.texts()).containsEntry("RULE_ARN", RULE_ARN).containsEntry("TARGET_ARN", QUEUE)
                    .containsEntry("ERROR_CODE", "NO_RESOURCE")
                    .containsEntry("ERROR_MESSAGE", "The specified queue does not exist.")
                    .containsEntry("RETRY_ATTEMPTS", "0")
                    .doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
            assertThat(dead.attributes().values()).allSatisfy(value -> assertThat(value.dataType())
                    .isEqualTo("String"));
        });
    }

    @Test
    void deliver_whenTheQueueServiceIsDownThenBack_retriesWithGrowingDelaysAndDeliversOnce() {
        int[] failuresLeft = {3};
        targetFailure = () -> failuresLeft[0]-- > 0
                ? SdkClientException.create("Unable to execute HTTP request: Connection refused") : null;

        delivery.deliver(rule(target(DLQ, null)), event());
        List<Duration> delays = runRetries();

        assertThat(attempts).hasSize(4);
        assertThat(sent).singleElement().satisfies(delivered -> {
            assertThat(delivered.queueArn()).isEqualTo(QUEUE);
            assertThat(delivered.body()).isEqualTo(event().toString());
        });
        assertThat(delays).hasSize(3);
        assertThat(delays.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(delays.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(delays.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void deliver_whenTheTargetKeepsFailingPastMaximumRetryAttempts_deadLettersAfterExactlyThatManyRetries() {
        targetFailure = () -> SqsException.builder().statusCode(500).message("We encountered an internal error.")
                .build();

        delivery.deliver(rule(target(DLQ, new TargetRetryPolicy(2, 86_400))), event());
        runRetries();

        assertThat(attempts).as("the first attempt and two retries").hasSize(3);
        assertThat(sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueArn()).isEqualTo(DLQ);
            assertThat(dead.texts()).containsEntry("ERROR_CODE", "ERROR_FROM_TARGET")
                    .containsEntry("RETRY_ATTEMPTS", "2")
                    .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
        });
    }

    @Test
    void deliver_whenTheTargetKeepsThrottlingPastMaximumEventAge_deadLettersWithoutAnAttemptPastTheAge() {
        targetFailure = () -> SqsException.builder().statusCode(429).message("Rate exceeded").build();
        Instant first = clock.instant();

        delivery.deliver(rule(target(DLQ, new TargetRetryPolicy(185, 60))), event());
        runRetries();

        assertThat(attempts).hasSizeBetween(5, 10)
                .allSatisfy(attempt -> assertThat(attempt).isBeforeOrEqualTo(first.plusSeconds(60)));
        assertThat(sent).singleElement().satisfies(dead -> assertThat(dead.texts())
                .containsEntry("ERROR_CODE", "THROTTLING")
                .containsEntry("RETRY_ATTEMPTS", Integer.toString(attempts.size() - 1))
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds"));
    }

    @Test
    void deliver_whenTheTargetRefusesTheRequest_deadLettersAtOnceAsItWouldFailTheSameWayAgain() {
        targetFailure = () -> SqsException.builder().statusCode(400).message("Value for parameter MessageBody is invalid.")
                .build();

        delivery.deliver(rule(target(DLQ, null)), event());

        assertThat(retries).isEmpty();
        assertThat(sent).singleElement().satisfies(dead -> assertThat(dead.texts())
                .containsEntry("ERROR_CODE", "INVALID_PARAMETER").containsEntry("RETRY_ATTEMPTS", "0"));
    }

    @Test
    void deliver_whenTheQueuePolicyDoesNotLetEventBridgeSend_deadLettersAtOnceWithNoPermissions() {
        targetFailure = () -> new QueueAccessDeniedException(QUEUE, "events.amazonaws.com", RULE_ARN);

        delivery.deliver(rule(target(DLQ, new TargetRetryPolicy(185, 86_400))), event());

        assertThat(retries).as("a policy does not change by itself: EventBridge does not retry").isEmpty();
        assertThat(attempts).hasSize(1);
        assertThat(sent).singleElement().satisfies(dead -> {
            assertThat(dead.queueArn()).isEqualTo(DLQ);
            assertThat(dead.texts()).containsEntry("ERROR_CODE", "NO_PERMISSIONS")
                    .containsEntry("RETRY_ATTEMPTS", "0");
            assertThat(dead.texts().get("ERROR_MESSAGE")).contains("events.amazonaws.com", RULE_ARN);
        });
    }

    @Test
    void deliver_whenTheTargetHasNoDeadLetterQueue_dropsTheEventAfterItsRetriesAndSendsNothingElse() {
        targetFailure = () -> SdkClientException.create("Connection refused");

        delivery.deliver(rule(target(null, new TargetRetryPolicy(1, 60))), event());
        runRetries();

        assertThat(attempts).hasSize(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void deliver_whenTheDeadLetterQueueFailsToo_doesNotFailThePutEventsCall() {
        targetFailure = () -> QueueDoesNotExistException.builder().message("gone").build();
        deadLetterFailure = QueueDoesNotExistException.builder().message("gone too").build();

        delivery.deliver(rule(target(DLQ, null)), event());

        assertThat(attempts).hasSize(1);
        assertThat(sent).isEmpty();
    }

    @Test
    void retryDelay_whenRetriesGoOn_doublesFromOneSecondAndStopsGrowingAtSixtySeconds() {
        for (int i = 0; i < 50; i++) {
            assertThat(RuleDelivery.retryDelay(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(RuleDelivery.retryDelay(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(RuleDelivery.retryDelay(185)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    /** Runs the scheduled retries in order, moving the clock by each delay; answers the delays. */
    private List<Duration> runRetries() {
        List<Duration> delays = new ArrayList<>();
        while (!retries.isEmpty()) {
            Retry retry = retries.poll();
            delays.add(retry.delay());
            clock.advance(retry.delay());
            retry.task().run();
        }
        return delays;
    }

    private static RuleTarget target(String deadLetterArn, TargetRetryPolicy policy) {
        return new RuleTarget("queue", QUEUE, null, null, null, deadLetterArn, policy);
    }

    private static EventBridgeRule rule(RuleTarget target) {
        return new EventBridgeRule("analysis", "tenant_acme", "{\"detail\":{\"tenantId\":[\"acme\"]}}", null,
                "ENABLED", null, Map.of(target.id(), target));
    }

    private static ObjectNode event() {
        ObjectNode event = Json.MAPPER.createObjectNode().put("version", "0")
                .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718").put("detail-type", "ImageAnalyzed")
                .put("source", "emotion-analyser.ingest");
        event.putObject("detail").put("tenantId", "acme").put("imageId", "i-1");
        return event;
    }
}
