package org.emotionanalyser.lambdasupport.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one reader of a function's environment: {@link System#getenv()} in Lambda, the local runtime's map in local
 * mode. Blank values count as unset and values are trimmed. A missing or malformed value raises an
 * {@link IllegalStateException} that names the variable and says what to set it to, so a misconfigured function
 * fails at init with the fix in its log.
 */
public final class Environment {

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        Map<String, String> set = new HashMap<>();
        variables.forEach((name, value) -> {
            if (name != null && value != null) {
                set.put(name, value);
            }
        });
        this.variables = Collections.unmodifiableMap(set);
    }

    public static Environment of(Map<String, String> variables) {
        Objects.requireNonNull(variables, "variables");
        return new Environment(variables);
    }

    /** The variables as read, e.g. for {@code AwsClientSettings.fromEnvironment}. */
    public Map<String, String> asMap() {
        return variables;
    }

    /** A variable's trimmed value; empty when unset or blank. */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A variable that must be set.
     *
     * @param meaning what to set it to, e.g. {@code "the images bucket name"}
     */
    public String required(String name, String meaning) {
        return optional(name).orElseThrow(() -> new IllegalStateException(name + " is not set; set it to " + meaning));
    }

    /**
     * A decimal number from {@code min} to {@code max}, or {@code fallback} when unset.
     *
     * @param meaning the accepted values, e.g. {@code "a confidence from 0 to 100, e.g. 50"}
     */
    public double number(String name, double fallback, double min, double max, String meaning) {
        return bounded(name, fallback, min, max, meaning, Double::valueOf);
    }

    /**
     * A whole number from {@code min} to {@code max}, or {@code fallback} when unset.
     *
     * @param meaning the accepted values, e.g. {@code "a receive count from 1 to 1000"}
     */
    public long wholeNumber(String name, long fallback, long min, long max, String meaning) {
        return bounded(name, fallback, min, max, meaning, Long::valueOf);
    }

    private <T extends Comparable<T>> T bounded(String name, T fallback, T min, T max, String meaning,
                                                Function<String, T> parse) {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            T value = parse.apply(text.get());
            // NaN compares above every number, so it fails the upper bound.
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted values
        }
        throw new IllegalStateException(name + " must be " + meaning);
    }
}
