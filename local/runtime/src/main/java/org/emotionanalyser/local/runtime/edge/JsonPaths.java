package org.emotionanalyser.local.runtime.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of JSONPath local targets accept for InputPath and InputPathsMap: {@code $}, dotted member paths and
 * array indices ({@code $.resources[0]}).
 */
public final class JsonPaths {

    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_\\-]+)|\\[(\\d+)]");

    private JsonPaths() {
    }

    public static boolean isSupported(String path) {
        return path.matches("\\$(\\.[A-Za-z0-9_\\-]+(\\[\\d+])*)*");
    }

    /** The selected part, or JSON {@code null} when the path selects nothing. */
    public static JsonNode select(JsonNode root, String path) {
        JsonNode node = find(root, path);
        return node.isMissingNode() ? Json.MAPPER.nullNode() : node;
    }

    /** The selected part, or a missing node when the path selects nothing. */
    public static JsonNode find(JsonNode root, String path) {
        JsonNode node = root;
        Matcher step = STEP.matcher(path);
        int at = 1;
        while (at < path.length() && step.find(at) && step.start() == at) {
            node = step.group(1) != null ? node.path(step.group(1)) : node.path(Integer.parseInt(step.group(2)));
            at = step.end();
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
