package org.emotionanalyser.router.domain;

/** Whether the Person label was found, and its confidence (0 when absent). */
public record PersonDetection(boolean detected, double confidence) {

    /** No person in the image. */
    public static PersonDetection none() {
        return new PersonDetection(false, 0);
    }
}
