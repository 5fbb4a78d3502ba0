package org.emotionanalyser.local.runtime.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Lambda authorizer's answer, evaluated as API Gateway does: an explicit Deny on the method ARN wins, then an
 * Allow grants access, anything else is an implicit deny. The {@code context} (and {@code principalId}) become
 * {@code requestContext.authorizer} of the proxy event.
 *
 * @param decision           the outcome for the method ARN
 * @param authorizer         {@code principalId} plus the context entries
 * @param usageIdentifierKey the usage-plan key the authorizer returned, or {@code null}: what API Gateway counts the
 *                           request under when the API's key source is {@code AUTHORIZER}
 */
public record AuthorizerPolicy(Decision decision, Map<String, Object> authorizer, String usageIdentifierKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of evaluating the policy. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /**
     * Evaluates the authorizer's JSON response for a method ARN. Field names are matched case-insensitively
     * ({@code policyDocument}/{@code PolicyDocument}, {@code Statement}, {@code Effect}...), as API Gateway reads
     * them.
     */
    public static AuthorizerPolicy evaluate(String responseJson, String methodArn) {
        JsonNode response;
        try {
            response = responseJson == null ? JSON.nullNode() : JSON.readTree(responseJson);
        } catch (IOException e) {
            return new AuthorizerPolicy(Decision.IMPLICIT_DENY, Map.of(), null);
        }
        boolean allowed = false;
        boolean denied = false;
        JsonNode statements = field(field(response, "policyDocument"), "Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (JsonNode statement : list) {
            String effect = field(statement, "Effect").asText("");
            if (!actionCoversInvoke(field(statement, "Action")) || !resourceMatches(field(statement, "Resource"),
                    methodArn)) {
                continue;
            }
            if (effect.equalsIgnoreCase("Deny")) {
                denied = true;
            } else if (effect.equalsIgnoreCase("Allow")) {
                allowed = true;
            }
        }
        Map<String, Object> authorizer = new LinkedHashMap<>();
        JsonNode principal = field(response, "principalId");
        if (!principal.isMissingNode() && !principal.isNull()) {
            authorizer.put("principalId", principal.asText());
        }
        JsonNode context = field(response, "context");
        if (context.isObject()) {
            // API Gateway passes context values on as strings, numbers or booleans only.
            context.fields().forEachRemaining(e -> authorizer.put(e.getKey(),
                    e.getValue().isNumber() ? e.getValue().numberValue()
                            : e.getValue().isBoolean() ? e.getValue().booleanValue() : e.getValue().asText()));
        }
        Decision decision = denied ? Decision.EXPLICIT_DENY : allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
        JsonNode usageKey = field(response, "usageIdentifierKey");
        return new AuthorizerPolicy(decision, authorizer, usageKey.isTextual() ? usageKey.asText() : null);
    }

    private static boolean actionCoversInvoke(JsonNode action) {
        if (action.isMissingNode() || action.isNull()) {
            return true;
        }
        for (JsonNode a : action.isArray() ? action : JSON.createArrayNode().add(action)) {
            if (glob(a.asText()).matcher("execute-api:Invoke").matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceMatches(JsonNode resource, String methodArn) {
        for (JsonNode r : resource.isArray() ? resource : JSON.createArrayNode().add(resource)) {
            if (glob(r.asText()).matcher(methodArn).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return JSON.missingNode();
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return node.get(candidate);
            }
        }
        return JSON.missingNode();
    }
}
