package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SQS queue's resource policy, asked the one question local delivery needs: may a service principal (SNS,
 * EventBridge) send to this queue on behalf of a source ARN? As in SQS, a queue without a policy, or whose policy
 * has no matching Allow, refuses, and a matching Deny wins over any Allow.
 *
 * <p>Understood: {@code Effect}, {@code Principal} ({@code "*"}, {@code {"AWS": "*"}}, {@code {"Service": ...}}),
 * {@code Action} ({@code sqs:SendMessage}, {@code sqs:*}, {@code *}), {@code Resource} (the queue ARN, with
 * {@code *}/{@code ?} wildcards) and the conditions {@code ArnEquals}, {@code ArnLike}, {@code StringEquals},
 * {@code StringLike} on {@code aws:SourceArn}. A statement with any other condition does not match (fails
 * closed), so a policy local mode cannot evaluate never lets more through than SQS would.
 */
public final class QueuePolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode statements;

    private QueuePolicy(JsonNode statements) {
        this.statements = statements;
    }

    /** The policy of a queue's {@code Policy} attribute; null or blank is a queue without a policy. */
    public static QueuePolicy parse(String policyJson) {
        if (policyJson == null || policyJson.isBlank()) {
            return new QueuePolicy(JSON.createArrayNode());
        }
        try {
            JsonNode statement = JSON.readTree(policyJson).path("Statement");
            return new QueuePolicy(statement.isArray() ? statement : JSON.createArrayNode().add(statement));
        } catch (IOException e) {
            return new QueuePolicy(JSON.createArrayNode());
        }
    }

    /** Whether {@code servicePrincipal} (e.g. {@code sns.amazonaws.com}) may SendMessage for {@code sourceArn}. */
    public boolean allowsSendMessage(String servicePrincipal, String queueArn, String sourceArn) {
        boolean allowed = false;
        for (JsonNode statement : statements) {
            if (!matches(statement, servicePrincipal, queueArn, sourceArn)) {
                continue;
            }
            if ("Deny".equals(statement.path("Effect").asText())) {
                return false;
            }
            allowed |= "Allow".equals(statement.path("Effect").asText());
        }
        return allowed;
    }

    private static boolean matches(JsonNode statement, String principal, String queueArn, String sourceArn) {
        return principalMatches(statement.path("Principal"), principal)
                && anyMatches(statement.path("Action"), List.of("sqs:sendmessage"), true)
                && anyMatches(statement.path("Resource"), List.of(queueArn), false)
                && conditionsHold(statement.path("Condition"), sourceArn);
    }

    private static boolean principalMatches(JsonNode principal, String service) {
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        return values(principal.path("AWS")).contains("*") || values(principal.path("Service")).contains(service);
    }

    private static boolean conditionsHold(JsonNode conditions, String sourceArn) {
        if (conditions.isMissingNode() || conditions.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> operator : iterable(conditions)) {
            for (Map.Entry<String, JsonNode> key : iterable(operator.getValue())) {
                if (!key.getKey().equalsIgnoreCase("aws:SourceArn")) {
                    return false;
                }
                List<String> expected = values(key.getValue());
                boolean holds = switch (operator.getKey()) {
                    case "ArnEquals", "StringEquals" -> expected.contains(sourceArn);
                    case "ArnLike", "StringLike" -> expected.stream().anyMatch(p -> wildcard(p, sourceArn, false));
                    default -> false;
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anyMatches(JsonNode patterns, List<String> candidates, boolean ignoreCase) {
        for (String pattern : values(patterns)) {
            for (String candidate : candidates) {
                if (pattern.equals("*") || wildcard(pattern, candidate, ignoreCase)
                        || ignoreCase && pattern.equalsIgnoreCase("sqs:*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * IAM's wildcard match: {@code *} is any run of characters, {@code ?} any one, every other character itself. A
     * scan with one backtracking point rather than a regular expression, so no pattern is compiled per message.
     */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int star = -1;
        int resumeAt = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                resumeAt = vi;
            } else if (star >= 0) {
                // let the last * take one more character and try the rest of the pattern again
                pi = star + 1;
                vi = ++resumeAt;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
