package org.emotionanalyser.router.domain;

import java.util.Objects;

/** A celebrity present in an image, as listed at the top level of {@link ImageAnalyzed}. */
public record CelebritySummary(String name, double matchConfidence) {
    public CelebritySummary {
        Objects.requireNonNull(name, "name");
    }
}
