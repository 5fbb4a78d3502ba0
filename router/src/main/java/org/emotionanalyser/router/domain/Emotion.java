package org.emotionanalyser.router.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The emotion classes of the contract: Rekognition's eight plus {@link #OTHER}, which collects faces whose
 * dominant emotion is below the tenant's confidence threshold (or that Rekognition reports as UNKNOWN).
 * Each class has its own per-emotion table.
 */
public enum Emotion {
    HAPPY, SAD, ANGRY, CONFUSED, DISGUSTED, SURPRISED, CALM, FEAR, OTHER;

    /**
     * Parses a Rekognition emotion type or an emotion path segment, case-insensitively.
     *
     * @return the emotion, or empty when the name is not one of the nine classes
     */
    public static Optional<Emotion> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** The lowercase form used in resource names, e.g. the table suffix {@code happy}. */
    public String resourceSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
