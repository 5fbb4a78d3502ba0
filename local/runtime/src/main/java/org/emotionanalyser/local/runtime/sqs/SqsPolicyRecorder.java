package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.QueryProtocol;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The edge's SQS service: forwards every request to ElasticMQ, and records the {@code Policy} queue attribute that
 * ElasticMQ drops (CreateQueue, SetQueueAttributes; forgotten on DeleteQueue), answering it back in
 * GetQueueAttributes. JSON requests reach ElasticMQ without the attribute it would only warn about ignoring. Both
 * of SQS's protocols are read: JSON ({@code X-Amz-Target: AmazonSQS.*}) and query
 * ({@code Action=...} forms, the queue named by {@code QueueName}, {@code QueueUrl} or the request path, the policy
 * in {@code Attribute.N.Name/Value} or {@code Attribute.Name/Value}).
 */
public record SqsPolicyRecorder(EdgeService elasticMq, QueuePolicyStore policies) implements EdgeService {

    private static final String POLICY = "Policy";
    private static final String QUERY_RESULT_END = "</GetQueueAttributesResult>";
    /** The actions that set, forget or answer a queue's policy. */
    private static final Set<String> POLICY_ACTIONS =
            Set.of("CreateQueue", "SetQueueAttributes", "DeleteQueue", "GetQueueAttributes");

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        Call call = callOf(request);
        EdgeResponse response = elasticMq.handle(call == null ? request : call.forwarded());
        if (call == null || response.status() != 200 || call.queueName() == null) {
            return response;
        }
        switch (call.action()) {
            case "CreateQueue", "SetQueueAttributes" -> {
                if (call.policy() != null) {
                    policies.put(call.queueName(), call.policy());
                }
            }
            case "DeleteQueue" -> policies.remove(call.queueName());
            case "GetQueueAttributes" -> {
                if (call.wantsPolicy()) {
                    return call.json() ? withPolicy(response, call.queueName())
                            : withPolicyXml(response, call.queueName());
                }
            }
            default -> {
            }
        }
        return response;
    }

    /**
     * The JSON request without its {@code Policy} attribute: recorded here, it would only make ElasticMQ log a
     * warning that it ignores it (seen at every start, when the demo tenant's queues are created), which reads as if
     * local mode did not honour the policy. Query-protocol requests are forwarded as they came (their numbered
     * attributes would have to be renumbered), so a client on that protocol still sees the warning.
     */
    private static EdgeRequest withoutPolicy(EdgeRequest request, JsonNode body) throws IOException {
        if (body.get("Attributes") instanceof ObjectNode attributes) {
            attributes.remove(POLICY);
        }
        return new EdgeRequest(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                Json.MAPPER.writeValueAsBytes(body));
    }

    private EdgeResponse withPolicy(EdgeResponse response, String queueName) throws IOException {
        String policy = policies.policy(queueName).orElse(null);
        if (policy == null) {
            return response;
        }
        ObjectNode body = (ObjectNode) Json.MAPPER.readTree(response.body());
        body.withObject("/Attributes").put(POLICY, policy);
        return new EdgeResponse(200, response.headers(), Json.MAPPER.writeValueAsBytes(body));
    }

    /** ElasticMQ's query-protocol answer with the recorded policy added as one more {@code <Attribute>}. */
    private EdgeResponse withPolicyXml(EdgeResponse response, String queueName) {
        String policy = policies.policy(queueName).orElse(null);
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        int end = xml.indexOf(QUERY_RESULT_END);
        if (policy == null || end < 0) {
            return response;
        }
        String attribute = "<Attribute>" + QueryProtocol.element("Name", POLICY)
                + QueryProtocol.element("Value", policy) + "</Attribute>";
        return new EdgeResponse(200, response.headers(),
                (xml.substring(0, end) + attribute + xml.substring(end)).getBytes(StandardCharsets.UTF_8));
    }

    /** What a request does to a queue's policy, and the request ElasticMQ is sent in its place. */
    private record Call(String action, String queueName, String policy, boolean wantsPolicy, boolean json,
                        EdgeRequest forwarded) {
    }

    private static Call callOf(EdgeRequest request) throws IOException {
        String target = request.header("x-amz-target").orElse(null);
        if (target != null && target.startsWith("AmazonSQS.")) {
            String action = target.substring("AmazonSQS.".length());
            if (!POLICY_ACTIONS.contains(action)) {
                // Sends, receives and deletes (nearly every request) neither set nor read a policy: not parsed.
                return null;
            }
            JsonNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(request.body());
            String queueName = body.hasNonNull("QueueName") ? body.get("QueueName").asText()
                    : nameOf(body.path("QueueUrl").asText(null));
            boolean wantsPolicy = false;
            for (JsonNode name : body.path("AttributeNames")) {
                wantsPolicy |= name.asText().equals("All") || name.asText().equals(POLICY);
            }
            String policy = body.path("Attributes").path(POLICY).asText(null);
            return new Call(action, queueName, policy, wantsPolicy, true,
                    policy == null ? request : withoutPolicy(request, body));
        }
        Map<String, String> parameters = QueryProtocol.parameters(request);
        String action = parameters.get("Action");
        if (action == null) {
            return null;
        }
        // Some clients (the AWS SDK for Java 1.x among them) send queue operations to the queue URL itself.
        String queueName = parameters.containsKey("QueueName") ? parameters.get("QueueName")
                : parameters.containsKey("QueueUrl") ? nameOf(parameters.get("QueueUrl"))
                : queueNameOfPath(request.rawPath());
        String policy = null;
        boolean wantsPolicy = false;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            // Attribute.N.Name/Value, or Attribute.Name/Value as SQS's reference writes SetQueueAttributes.
            if (parameter.getKey().matches("Attribute(\\.\\d+)?\\.Name") && POLICY.equals(parameter.getValue())) {
                policy = parameters.getOrDefault(parameter.getKey().replace(".Name", ".Value"), "");
            }
            if (parameter.getKey().matches("AttributeName(\\.\\d+)?")) {
                wantsPolicy |= parameter.getValue().equals("All") || parameter.getValue().equals(POLICY);
            }
        }
        return new Call(action, queueName, policy, wantsPolicy, false, request);
    }

    private static String nameOf(String queueUrl) {
        return queueUrl == null ? null : queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    /** The queue a request path such as {@code /000000000000/name} addresses, or {@code null} for {@code /}. */
    private static String queueNameOfPath(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        String[] segments = rawPath.replaceAll("^/+|/+$", "").split("/");
        return segments.length == 2 && !segments[1].isEmpty()
                ? URLDecoder.decode(segments[1], StandardCharsets.UTF_8) : null;
    }
}
