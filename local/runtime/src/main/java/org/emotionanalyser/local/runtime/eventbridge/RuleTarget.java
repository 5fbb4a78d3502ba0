package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.edge.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One target of an EventBridge rule, as PutTargets stored it.
 *
 * @param id               the target id, unique within its rule
 * @param arn              the target ARN (an SQS queue, a Lambda function, ...)
 * @param input            constant JSON sent instead of the event, or {@code null}
 * @param inputPath        JSONPath ({@code $.detail...}) selecting the part of the event sent, or {@code null}
 * @param inputTransformer variables from the event filled into a template, or {@code null}
 * @param deadLetterArn    the SQS queue that gets the events this target could not be given ({@code
 *                         DeadLetterConfig.Arn}), or {@code null} for none: such events are dropped, and logged
 * @param retryPolicy      the target's {@code RetryPolicy}, or {@code null} for EventBridge's default
 */
public record RuleTarget(String id, String arn, String input, String inputPath,
                         TargetInputTransformer inputTransformer, String deadLetterArn,
                         TargetRetryPolicy retryPolicy) {

    /** A target without an input transformer, dead-letter queue or retry policy. */
    public RuleTarget(String id, String arn, String input, String inputPath) {
        this(id, arn, input, inputPath, null);
    }

    /** A target without a dead-letter queue or retry policy. */
    public RuleTarget(String id, String arn, String input, String inputPath,
                      TargetInputTransformer inputTransformer) {
        this(id, arn, input, inputPath, inputTransformer, null, null);
    }

    /** The retry policy deliveries follow: the target's own, else EventBridge's default. */
    public TargetRetryPolicy effectiveRetryPolicy() {
        return retryPolicy == null ? TargetRetryPolicy.DEFAULT : retryPolicy;
    }

    /**
     * What this target receives for an event, as EventBridge decides it for both pattern and schedule rules: the
     * constant {@code Input}, else the {@code InputPath} selection, else the {@code InputTransformer} output, else
     * the whole event.
     *
     * @param event    the event the rule matched (or the scheduled event)
     * @param ruleName the rule's name, for {@code <aws.events.rule-name>}
     * @param ruleArn  the rule's ARN, for {@code <aws.events.rule-arn>}
     */
    public String payloadFor(JsonNode event, String ruleName, String ruleArn) {
        if (input != null) {
            return input;
        }
        if (inputPath != null) {
            return JsonPaths.select(event, inputPath).toString();
        }
        if (inputTransformer != null) {
            return inputTransformer.apply(event, ruleName, ruleArn);
        }
        return event.toString();
    }
}
