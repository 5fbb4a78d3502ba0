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
 */
public record RuleTarget(String id, String arn, String input, String inputPath,
                         TargetInputTransformer inputTransformer) {

    /** A target without an input transformer. */
    public RuleTarget(String id, String arn, String input, String inputPath) {
        this(id, arn, input, inputPath, null);
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
