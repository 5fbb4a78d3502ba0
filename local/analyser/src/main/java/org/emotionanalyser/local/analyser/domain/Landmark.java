package org.emotionanalyser.local.analyser.domain;

/**
 * A facial landmark as a ratio of the image's width and height. {@code type} uses Rekognition's names
 * ({@code eyeLeft}, {@code eyeRight}, {@code nose}): only the points the detector really locates.
 */
public record Landmark(String type, double x, double y) {
}
