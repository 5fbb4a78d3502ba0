package org.emotionanalyser.router.domain;

import java.time.Instant;

/**
 * An EventBridge event as a rule target receives it: the envelope fields the consumers use and the parsed detail.
 */
public record EventEnvelope(String id, String source, String detailType, Instant time, AnalysisEvent detail) {
}
