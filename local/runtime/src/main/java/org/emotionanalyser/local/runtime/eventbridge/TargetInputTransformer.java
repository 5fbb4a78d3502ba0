package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.JsonPaths;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code InputTransformer} of a rule target: variables taken from the event by JSONPath, filled into a template.
 *
 * <p>Filling follows EventBridge's documented rules. In a JSON template (one starting with a curly brace) a
 * placeholder outside quotes becomes the variable's JSON value (strings quoted, objects and arrays as JSON), and a
 * placeholder inside a quoted string becomes the raw text: strings without quotes or escaping, objects and arrays
 * with their inner quotes removed. Any other template is text, and every placeholder becomes raw text. A variable
 * whose path selects nothing in the event is not created and its placeholder leaves nothing in the output;
 * a placeholder naming no variable stays as written. The predefined variables {@code aws.events.rule-name},
 * {@code aws.events.rule-arn}, {@code aws.events.event} (the event without its detail),
 * {@code aws.events.event.json} (the whole event) and {@code aws.events.event.ingestion-time} are available
 * without a path.
 *
 * @param inputPathsMap variable name to JSONPath into the event ({@code $}, {@code $.a.b}, {@code $.a[0]})
 * @param inputTemplate the template with {@code <variable>} placeholders
 */
public record TargetInputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    public TargetInputTransformer {
        inputPathsMap = inputPathsMap == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
    }

    /**
     * Why PutTargets must refuse this transformer, or {@code null} when local mode can apply it.
     */
    String problem() {
        if (inputTemplate == null || inputTemplate.isEmpty()) {
            return "InputTransformer needs an InputTemplate.";
        }
        for (Map.Entry<String, String> variable : inputPathsMap.entrySet()) {
            if (variable.getKey().toLowerCase(Locale.ROOT).startsWith("aws.")) {
                return "InputPathsMap key " + variable.getKey() + " is reserved: keys cannot start with aws.";
            }
            if (variable.getValue() == null || !JsonPaths.isSupported(variable.getValue())) {
                return "InputPathsMap path " + variable.getValue() + " of " + variable.getKey()
                        + " is not supported by local mode: use $, $.a.b or $.a[0].";
            }
        }
        return null;
    }

    /** The text the target receives for this event. */
    String apply(JsonNode event, String ruleName, String ruleArn) {
        Map<String, JsonNode> variables = variables(event, ruleName, ruleArn);
        boolean json = inputTemplate.stripLeading().startsWith("{");
        StringBuilder out = new StringBuilder(inputTemplate.length());
        boolean inString = false;
        int i = 0;
        while (i < inputTemplate.length()) {
            char c = inputTemplate.charAt(i);
            if (c == '\\' && inString && i + 1 < inputTemplate.length()) {
                out.append(c).append(inputTemplate.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            int close = c == '<' ? inputTemplate.indexOf('>', i + 1) : -1;
            if (close > i) {
                String name = inputTemplate.substring(i + 1, close);
                if (VARIABLE_NAME.matcher(name).matches() && (variables.containsKey(name)
                        || inputPathsMap.containsKey(name))) {
                    JsonNode value = variables.get(name);
                    if (value != null) {
                        out.append(json && !inString ? value.toString() : rawText(value));
                    }
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private Map<String, JsonNode> variables(JsonNode event, String ruleName, String ruleArn) {
        Map<String, JsonNode> variables = new HashMap<>();
        for (Map.Entry<String, String> variable : inputPathsMap.entrySet()) {
            JsonNode value = JsonPaths.find(event, variable.getValue());
            if (!value.isMissingNode()) {
                variables.put(variable.getKey(), value);
            }
        }
        JsonNode withoutDetail = event.deepCopy();
        if (withoutDetail instanceof ObjectNode object) {
            object.remove("detail");
        }
        variables.put("aws.events.event", withoutDetail);
        variables.put("aws.events.event.json", event);
        variables.put("aws.events.rule-name", Json.MAPPER.getNodeFactory().textNode(ruleName));
        variables.put("aws.events.rule-arn", Json.MAPPER.getNodeFactory().textNode(ruleArn));
        variables.put("aws.events.event.ingestion-time", Json.MAPPER.getNodeFactory()
                .textNode(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()));
        return variables;
    }

    /** EventBridge inserts values unescaped; inside a string it drops the quotes of objects and arrays. */
    private static String rawText(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        return value.isContainerNode() ? value.toString().replace("\"", "") : value.toString();
    }
}
