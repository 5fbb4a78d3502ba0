package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.QueryProtocol;

import java.io.IOException;
import java.util.Map;

/**
 * The edge's SQS service: forwards every request to ElasticMQ, and records the {@code Policy} queue attribute that
 * ElasticMQ drops (CreateQueue, SetQueueAttributes; forgotten on DeleteQueue), answering it back in
 * GetQueueAttributes. Both of SQS's protocols are read: JSON ({@code X-Amz-Target: AmazonSQS.*}) and query
 * ({@code Action=...} forms).
 */
public final class SqsPolicyRecorder implements EdgeService {

    private static final String POLICY = "Policy";

    private final EdgeService elasticMq;
    private final QueuePolicyStore policies;

    public SqsPolicyRecorder(EdgeService elasticMq, QueuePolicyStore policies) {
        this.elasticMq = elasticMq;
        this.policies = policies;
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        Call call = callOf(request);
        EdgeResponse response = elasticMq.handle(request);
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
                if (call.json() && call.wantsPolicy()) {
                    return withPolicy(response, call.queueName());
                }
            }
            default -> {
            }
        }
        return response;
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

    /** What a request does to a queue's policy. */
    private record Call(String action, String queueName, String policy, boolean wantsPolicy, boolean json) {
    }

    private static Call callOf(EdgeRequest request) throws IOException {
        String target = request.header("x-amz-target").orElse(null);
        if (target != null && target.startsWith("AmazonSQS.")) {
            JsonNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(request.body());
            String queueName = body.hasNonNull("QueueName") ? body.get("QueueName").asText()
                    : nameOf(body.path("QueueUrl").asText(null));
            boolean wantsPolicy = false;
            for (JsonNode name : body.path("AttributeNames")) {
                wantsPolicy |= name.asText().equals("All") || name.asText().equals(POLICY);
            }
            return new Call(target.substring("AmazonSQS.".length()), queueName,
                    body.path("Attributes").path(POLICY).asText(null), wantsPolicy, true);
        }
        Map<String, String> parameters = QueryProtocol.parameters(request);
        String action = parameters.get("Action");
        if (action == null) {
            return null;
        }
        String queueName = parameters.containsKey("QueueName") ? parameters.get("QueueName")
                : nameOf(parameters.get("QueueUrl"));
        String policy = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            if (parameter.getKey().matches("Attribute\\.\\d+\\.Name") && POLICY.equals(parameter.getValue())) {
                policy = parameters.get(parameter.getKey().replace(".Name", ".Value"));
            }
        }
        return new Call(action, queueName, policy, false, false);
    }

    private static String nameOf(String queueUrl) {
        return queueUrl == null ? null : queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
