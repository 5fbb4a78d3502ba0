package org.emotionanalyser.cloudformation.yaml;

import java.util.List;
import java.util.Map;

/**
 * Lenient reads of a parsed template's values (plain maps, lists and scalars), for properties where absent is
 * fine: one copy for the table layout here and for local mode's resource provisioners.
 */
public final class YamlValues {

    private YamlValues() {
    }

    /** The value as text; null when absent. */
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
}
