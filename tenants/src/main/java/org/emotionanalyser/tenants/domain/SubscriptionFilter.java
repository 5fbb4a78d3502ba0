package org.emotionanalyser.tenants.domain;

import java.util.EnumSet;
import java.util.Set;
import org.emotionanalyser.router.domain.Emotion;

/**
 * Which notifications a subscriber wants. Every part is optional and all given parts must hold:
 * at least one face with one of {@code emotions}, at least one recognised celebrity, at least {@code minFaces} faces.
 *
 * @param emotions        empty means any emotion
 * @param minFaces        {@code null} means no lower bound
 */
public record SubscriptionFilter(Set<Emotion> emotions, boolean celebritiesOnly, Integer minFaces) {

    public SubscriptionFilter {
        emotions = emotions == null || emotions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(emotions));
        if (minFaces != null && minFaces < 0) {
            throw new IllegalArgumentException("minFaces must not be negative");
        }
    }

    /** The filter that lets everything through. */
    public static SubscriptionFilter none() {
        return new SubscriptionFilter(Set.of(), false, null);
    }

    /** True when nothing is filtered out. */
    public boolean isEmpty() {
        return emotions.isEmpty() && !celebritiesOnly && minFaces == null;
    }
}
