package org.emotionanalyser.router.domain;

import java.util.Objects;

/** A recognised known face attached to a detected face. */
public record CelebrityMatch(String name, String id, double matchConfidence) {
    public CelebrityMatch {
        Objects.requireNonNull(name, "name");
    }
}
