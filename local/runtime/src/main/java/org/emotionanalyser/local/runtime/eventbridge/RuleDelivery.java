package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.sqs.QueueAccessDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers a matched event to a rule's targets (SQS queues only, each target's input shaped by its
 * Input/InputPath/InputTransformer) and handles failures as EventBridge does with the target's {@code RetryPolicy}
 * and {@code DeadLetterConfig}:
 * <ul>
 *   <li>a failure that may pass (throttling, an unreachable or failing queue service) is retried with exponential
 *       back-off and jitter while both {@code MaximumRetryAttempts} and {@code MaximumEventAgeInSeconds} allow;</li>
 *   <li>a failure that cannot pass by itself (the queue does not exist, its policy does not let EventBridge send
 *       for the rule, the request is invalid) is not retried, as EventBridge sends such events straight to the
 *       dead-letter queue - whose policy must let EventBridge send for the rule too;</li>
 *   <li>an event that is given up goes to the target's dead-letter queue with the message attributes EventBridge
 *       adds ({@code RULE_ARN}, {@code TARGET_ARN}, {@code ERROR_CODE}, {@code ERROR_MESSAGE}, {@code
 *       RETRY_ATTEMPTS} and, when a retry limit ended it, {@code EXHAUSTED_RETRY_CONDITION}); without one it is
 *       dropped. Every failure is logged.</li>
 * </ul>
 * As on AWS, a failed delivery does not fail PutEvents. The first attempt happens before PutEvents answers; retries
 * run later on the scheduler. Retries still waiting when the runtime stops are lost (EventBridge keeps them);
 * {@link EventBridgeService#close()} logs how many.
 */
final class RuleDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RuleDelivery.class);

    /** The first retry's delay; each later one doubles it up to {@link #MAX_RETRY_DELAY}, then jitter. */
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    /** EventBridge spaces retries minutes apart; a laptop's outage is usually a restart, so local mode caps lower. */
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(60);

    /**
     * Sends one message to the queue with the given ARN as EventBridge does for a rule: in the runtime
     * {@code SqsDelivery#sendAs} for {@code events.amazonaws.com}, refused (with {@link QueueAccessDeniedException})
     * unless the queue's policy lets EventBridge send for that rule.
     */
    @FunctionalInterface
    interface QueueSender {
        void send(String ruleArn, String queueArn, String body, Map<String, MessageAttributeValue> attributes);
    }

    /** Runs a task after a delay: a scheduled executor in the runtime, a hand-driven queue in tests. */
    @FunctionalInterface
    interface RetryScheduler {
        void schedule(Runnable task, Duration delay);
    }

    /** One event on its way to one target. */
    private record Delivery(String ruleArn, RuleTarget target, ObjectNode event, String payload, Instant firstAttempt) {
    }

    private final QueueSender sqs;
    private final RetryScheduler scheduler;
    private final Clock clock;
    private final String region;
    private final String accountId;

    RuleDelivery(QueueSender sqs, RetryScheduler scheduler, Clock clock, String region, String accountId) {
        this.sqs = sqs;
        this.scheduler = scheduler;
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    void deliver(EventBridgeRule rule, ObjectNode event) {
        String ruleArn = rule.arn(region, accountId);
        for (RuleTarget target : rule.targets().values()) {
            if (!target.arn().startsWith("arn:aws:sqs:")) {
                LOG.warn("local EventBridge: rule " + rule.name() + " target " + target.id()
                        + " is not an SQS queue (" + target.arn() + "); local mode delivers only to SQS targets");
                continue;
            }
            String payload = target.payloadFor(event, rule.name(), ruleArn);
            attempt(new Delivery(ruleArn, target, event, payload, clock.instant()), 0);
        }
    }

    private void attempt(Delivery delivery, int retriesDone) {
        try {
            sqs.send(delivery.ruleArn(), delivery.target().arn(), delivery.payload(), Map.of());
            if (retriesDone > 0) {
                LOG.info("local EventBridge: event {} reached {} after {} retries", eventId(delivery),
                        delivery.target().arn(), retriesDone);
            }
            return;
        } catch (RuntimeException e) {
            TargetFailure failure = TargetFailure.of(e);
            LOG.warn("local EventBridge: delivery of event " + eventId(delivery) + " by rule " + delivery.ruleArn()
                    + " to " + delivery.target().arn() + " failed (" + failure.errorCode() + ", attempt "
                    + (retriesDone + 1) + ")", e);
            if (!failure.retryable()) {
                giveUp(delivery, failure, retriesDone, null);
                return;
            }
            TargetRetryPolicy policy = delivery.target().effectiveRetryPolicy();
            if (retriesDone >= policy.maximumRetryAttempts()) {
                giveUp(delivery, failure, retriesDone, "MaximumRetryAttempts");
                return;
            }
            Duration delay = retryDelay(retriesDone + 1);
            Instant deadline = delivery.firstAttempt().plusSeconds(policy.maximumEventAgeInSeconds());
            if (clock.instant().plus(delay).isAfter(deadline)) {
                giveUp(delivery, failure, retriesDone, "MaximumEventAgeInSeconds");
                return;
            }
            try {
                scheduler.schedule(() -> attempt(delivery, retriesDone + 1), delay);
            } catch (RuntimeException stopped) {
                LOG.error("local EventBridge: event {} for {} is dropped: no retry can be scheduled ({})",
                        eventId(delivery), delivery.target().arn(), stopped.toString());
            }
        }
    }

    /** The delay before retry {@code retry} (1 for the first): doubling from 1 s, capped, then 50-100% of it. */
    static Duration retryDelay(int retry) {
        long doubled = FIRST_RETRY_DELAY.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(doubled, MAX_RETRY_DELAY.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void giveUp(Delivery delivery, TargetFailure failure, int retriesDone, String exhaustedCondition) {
        String deadLetterArn = delivery.target().deadLetterArn();
        if (deadLetterArn == null) {
            LOG.error("local EventBridge: dropped event {} for {} after {} retries ({}): the target has no "
                    + "DeadLetterConfig", eventId(delivery), delivery.target().arn(), retriesDone,
                    exhaustedCondition == null ? failure.errorCode() : exhaustedCondition);
            return;
        }
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", text(delivery.ruleArn()));
        attributes.put("TARGET_ARN", text(delivery.target().arn()));
        attributes.put("ERROR_CODE", text(failure.errorCode()));
        attributes.put("ERROR_MESSAGE", text(failure.errorMessage()));
        attributes.put("RETRY_ATTEMPTS", text(Integer.toString(retriesDone)));
        if (exhaustedCondition != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", text(exhaustedCondition));
        }
        try {
            sqs.send(delivery.ruleArn(), deadLetterArn, delivery.event().toString(), attributes);
            LOG.warn("local EventBridge: event {} for {} went to its dead-letter queue {} ({}, {} retries)",
                    eventId(delivery), delivery.target().arn(), deadLetterArn, failure.errorCode(), retriesDone);
        } catch (RuntimeException e) {
            LOG.error("local EventBridge: event " + eventId(delivery) + " for " + delivery.target().arn()
                    + " is lost: its dead-letter queue " + deadLetterArn + " refused it too", e);
        }
    }

    private static String eventId(Delivery delivery) {
        return delivery.event().path("id").asText();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
