package org.emotionanalyser.local.runtime.sns;

import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * SNS subscription filter policies, matched by AWS's event-ruler: message attributes are flattened to
 * {@code {name: value}} (Number as a JSON number, String.Array as a JSON array, Binary left out as SNS ignores it)
 * and the policy is matched as a rule against that document, or against the message body for the MessageBody
 * scope.
 */
final class FilterPolicyMatcher {

    private FilterPolicyMatcher() {
    }

    /** Checks a policy as SetSubscriptionAttributes/Subscribe do. */
    static void check(String policy) {
        String problem;
        try {
            JsonNode parsed = Json.MAPPER.readTree(policy);
            problem = parsed == null || !parsed.isObject() ? "the policy is not a JSON object"
                    : JsonRuleCompiler.check(policy);
        } catch (IOException e) {
            problem = "the policy is not JSON";
        }
        if (problem != null) {
            throw new AwsServiceException(400, "InvalidParameter", "Invalid parameter: FilterPolicy: " + problem);
        }
    }

    /** Whether a message passes a subscription's filter policy; no policy lets everything through. */
    static boolean accepts(SnsSubscription subscription, String message, Map<String, SnsMessageAttribute> attributes) {
        String policy = subscription.filterPolicy();
        if (policy == null || policy.isBlank() || policy.trim().equals("{}")) {
            return true;
        }
        String document = subscription.filtersMessageBody() ? bodyDocument(message) : attributeDocument(attributes);
        if (document == null) {
            return false;
        }
        try {
            Machine machine = Machine.builder().build();
            machine.addRule("policy", policy);
            return !machine.rulesForJSONEvent(document).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    static String attributeDocument(Map<String, SnsMessageAttribute> attributes) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, SnsMessageAttribute> entry : attributes.entrySet()) {
            SnsMessageAttribute attribute = entry.getValue();
            String type = attribute.dataType();
            if (type.startsWith("Number")) {
                try {
                    document.put(entry.getKey(), new BigDecimal(attribute.stringValue()));
                } catch (NumberFormatException e) {
                    document.put(entry.getKey(), attribute.stringValue());
                }
            } else if (type.startsWith("String.Array")) {
                try {
                    JsonNode array = Json.MAPPER.readTree(attribute.stringValue());
                    document.set(entry.getKey(), array);
                } catch (IOException e) {
                    document.put(entry.getKey(), attribute.stringValue());
                }
            } else if (type.startsWith("String")) {
                document.put(entry.getKey(), attribute.stringValue());
            }
        }
        return document.toString();
    }

    private static String bodyDocument(String message) {
        try {
            JsonNode body = Json.MAPPER.readTree(message);
            return body != null && body.isObject() ? body.toString() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
