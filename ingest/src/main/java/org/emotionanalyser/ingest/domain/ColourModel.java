package org.emotionanalyser.ingest.domain;

/** How an image stores its pixels, as far as deciding whether Rekognition can read it is concerned. */
public enum ColourModel {
    GRAY, GRAY_ALPHA, RGB, RGB_ALPHA, PALETTE, CMYK, OTHER
}
