package org.emotionanalyser.tenants.domain;

import java.time.Duration;
import java.util.Optional;

/** The width of one stats bucket, as the {@code bucket} query parameter names it. */
public enum StatsBucket {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1));

    private final String parameter;
    private final Duration width;

    StatsBucket(String parameter, Duration width) {
        this.parameter = parameter;
        this.width = width;
    }

    public String parameter() {
        return parameter;
    }

    public Duration width() {
        return width;
    }

    /** Parses {@code 1m}, {@code 5m} or {@code 1h}. */
    public static Optional<StatsBucket> parse(String text) {
        for (StatsBucket bucket : values()) {
            if (bucket.parameter.equals(text)) {
                return Optional.of(bucket);
            }
        }
        return Optional.empty();
    }
}
