package org.emotionanalyser.local.runtime.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/** Reads resolved resource properties, which are plain maps, lists and scalars, leniently where absent is fine. */
public final class PropertyValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertyValues() {
    }

    /** A required property as text. */
    public static String string(Map<String, Object> properties, String key, TemplateResource resource) {
        Object value = properties.get(key);
        if (value == null) {
            throw new TemplateException(resource.logicalId() + " has no " + key);
        }
        return String.valueOf(value);
    }

    public static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The value as a mapping; empty when absent or not a mapping. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The value as a list; empty when absent or not a list. */
    public static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** The value written as JSON, as the SDK takes policies and patterns. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON", e);
        }
    }
}
