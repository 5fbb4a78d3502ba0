package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.JsonPaths;
import org.emotionanalyser.local.runtime.edge.JsonProtocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A rule target as PutTargets sends it and ListTargetsByRule returns it: the one place that knows its JSON members
 * ({@code Id}, {@code Arn}, {@code Input}, {@code InputPath}, {@code InputTransformer}, {@code DeadLetterConfig},
 * {@code RetryPolicy}) and which combinations local EventBridge accepts.
 */
final class RuleTargetJson {

    /** The target one PutTargets member describes, or why it is refused (then {@code target} is null). */
    record Parsed(RuleTarget target, String problem) {
    }

    private RuleTargetJson() {
    }

    static Parsed read(JsonNode member) {
        String id = member.path("Id").asText("");
        String arn = member.path("Arn").asText("");
        String input = JsonProtocol.optional(member, "Input");
        String inputPath = JsonProtocol.optional(member, "InputPath");
        TargetInputTransformer transformer = inputTransformer(member.path("InputTransformer"));
        String deadLetterArn = JsonProtocol.optional(member.path("DeadLetterConfig"), "Arn");
        TargetRetryPolicy retryPolicy = retryPolicy(member.path("RetryPolicy"));
        long inputKinds = Stream.of(input, inputPath, transformer).filter(Objects::nonNull).count();
        String problem = id.isEmpty() || arn.isEmpty() ? "Target Id and Arn are required."
                : inputKinds > 1 ? "Only one of Input, InputPath and InputTransformer may be set."
                : inputPath != null && !JsonPaths.isSupported(inputPath)
                ? "InputPath " + inputPath + " is not supported by local mode: use $, $.a.b or $.a[0]."
                : transformer != null && transformer.problem() != null ? transformer.problem()
                : deadLetterArn != null && !deadLetterArn.startsWith("arn:aws:sqs:")
                ? "DeadLetterConfig.Arn " + deadLetterArn + " is not an SQS queue ARN."
                : retryPolicy != null ? retryPolicy.problem() : null;
        return problem != null ? new Parsed(null, problem)
                : new Parsed(new RuleTarget(id, arn, input, inputPath, transformer, deadLetterArn, retryPolicy), null);
    }

    /** Writes {@code target}'s members into {@code node}, as ListTargetsByRule returns them. */
    static void write(RuleTarget target, ObjectNode node) {
        node.put("Id", target.id()).put("Arn", target.arn());
        if (target.input() != null) {
            node.put("Input", target.input());
        }
        if (target.inputPath() != null) {
            node.put("InputPath", target.inputPath());
        }
        if (target.inputTransformer() != null) {
            ObjectNode transformer = node.putObject("InputTransformer");
            ObjectNode paths = transformer.putObject("InputPathsMap");
            target.inputTransformer().inputPathsMap().forEach(paths::put);
            transformer.put("InputTemplate", target.inputTransformer().inputTemplate());
        }
        if (target.deadLetterArn() != null) {
            node.putObject("DeadLetterConfig").put("Arn", target.deadLetterArn());
        }
        if (target.retryPolicy() != null) {
            node.putObject("RetryPolicy")
                    .put("MaximumRetryAttempts", target.retryPolicy().maximumRetryAttempts())
                    .put("MaximumEventAgeInSeconds", target.retryPolicy().maximumEventAgeInSeconds());
        }
    }

    /** The InputTransformer member of a PutTargets target, or {@code null} when it has none. */
    private static TargetInputTransformer inputTransformer(JsonNode member) {
        if (!member.isObject()) {
            return null;
        }
        Map<String, String> paths = new LinkedHashMap<>();
        member.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
        return new TargetInputTransformer(paths, JsonProtocol.optional(member, "InputTemplate"));
    }

    /** The RetryPolicy member of a PutTargets target (a missing field takes EventBridge's default), or null. */
    private static TargetRetryPolicy retryPolicy(JsonNode member) {
        if (!member.isObject()) {
            return null;
        }
        return new TargetRetryPolicy(
                member.path("MaximumRetryAttempts").asInt(TargetRetryPolicy.DEFAULT.maximumRetryAttempts()),
                member.path("MaximumEventAgeInSeconds").asInt(TargetRetryPolicy.DEFAULT.maximumEventAgeInSeconds()));
    }
}
