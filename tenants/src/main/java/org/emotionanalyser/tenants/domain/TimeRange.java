package org.emotionanalyser.tenants.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A half-open time range {@code [from, to)} from optional ISO-8601 query parameters: {@code to} defaults to now and
 * {@code from} to 24 hours before {@code to}.
 */
public record TimeRange(Instant from, Instant to) {

    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("'from' must be before 'to'");
        }
    }

    /** Parses the parameters; either may be {@code null}. */
    public static TimeRange parse(String fromText, String toText, Clock clock) {
        Instant to = toText == null ? clock.instant() : instant("to", toText);
        Instant from = fromText == null ? to.minus(DEFAULT_SPAN) : instant("from", fromText);
        return new TimeRange(from, to);
    }

    public Duration span() {
        return Duration.between(from, to);
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("'" + name + "' must be an ISO-8601 UTC time, e.g. 2026-11-21T10:00:00Z");
        }
    }
}
