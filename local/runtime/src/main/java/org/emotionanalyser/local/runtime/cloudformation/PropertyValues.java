package org.emotionanalyser.local.runtime.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * Reads resolved resource properties, which are plain maps, lists and scalars: required ones and JSON. The lenient
 * reads where absent is fine are {@code YamlValues}'s, shared with the template's table layout.
 */
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

    /** The value written as JSON, as the SDK takes policies and patterns. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON", e);
        }
    }
}
