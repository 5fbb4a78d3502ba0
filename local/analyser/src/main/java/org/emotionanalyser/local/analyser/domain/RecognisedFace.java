package org.emotionanalyser.local.analyser.domain;

import java.util.Optional;

/** A face with its analysis and, when it matches a known person above the threshold, that person. */
public record RecognisedFace(AnalyzedFace face, Optional<GalleryMatch> match) {
}
