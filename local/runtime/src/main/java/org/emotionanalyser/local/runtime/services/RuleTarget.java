package org.emotionanalyser.local.runtime.services;

/**
 * One target of an EventBridge rule, as PutTargets stored it.
 *
 * @param id        the target id, unique within its rule
 * @param arn       the target ARN (an SQS queue, a Lambda function, ...)
 * @param input     constant JSON sent instead of the event, or {@code null}
 * @param inputPath JSONPath ({@code $.detail...}) selecting the part of the event sent, or {@code null}
 */
public record RuleTarget(String id, String arn, String input, String inputPath) {
}
