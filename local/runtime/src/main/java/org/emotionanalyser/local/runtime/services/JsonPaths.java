package org.emotionanalyser.local.runtime.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The subset of JSONPath local targets accept for InputPath: {@code $} and dotted member paths. */
final class JsonPaths {

    private JsonPaths() {
    }

    static boolean isSupported(String path) {
        return path.matches("\\$(\\.[A-Za-z0-9_\\-]+)*");
    }

    /** The selected part, or JSON {@code null} when the path selects nothing. */
    static JsonNode select(JsonNode root, String path) {
        JsonNode node = root;
        for (String member : path.substring(1).split("\\.")) {
            if (!member.isEmpty()) {
                node = node.path(member);
            }
        }
        return node instanceof MissingNode ? Json.MAPPER.nullNode() : node;
    }
}
