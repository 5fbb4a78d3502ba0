package org.emotionanalyser.local.analyser.domain;

/** A face recognised as a known person: the person's name, a stable id and the match confidence 0..100. */
public record GalleryMatch(String name, String id, double matchConfidence) {
}
