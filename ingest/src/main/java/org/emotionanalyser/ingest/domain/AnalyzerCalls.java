package org.emotionanalyser.ingest.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many analyser operations one image cost, by operation name, and how many attempts were repeated after
 * throttling or server errors. Logged once per image so the cost per image can be read from the logs.
 */
public record AnalyzerCalls(Map<String, Integer> byOperation, int retries) {

    public AnalyzerCalls {
        byOperation = Collections.unmodifiableMap(new LinkedHashMap<>(byOperation));
    }

    /** No calls at all (the image was rejected before analysis). */
    public static AnalyzerCalls none() {
        return new AnalyzerCalls(Map.of(), 0);
    }

    /** Calls over all operations, retries not included. */
    public int total() {
        return byOperation.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Calls of one operation. */
    public int of(String operation) {
        return byOperation.getOrDefault(operation, 0);
    }
}
