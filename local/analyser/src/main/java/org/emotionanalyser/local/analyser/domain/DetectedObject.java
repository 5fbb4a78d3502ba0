package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;

/** An object the object detector found: a Rekognition-style label name, its box as image ratios, confidence 0..1. */
public record DetectedObject(String label, BoundingBox box, double confidence) {
}
