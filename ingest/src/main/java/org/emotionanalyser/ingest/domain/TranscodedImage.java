package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * An image re-encoded as JPEG.
 *
 * @param original the source image's header (its dimensions decide TOO_SMALL)
 * @param width    width of the JPEG, smaller than the original's when it had to be scaled down to fit
 */
public record TranscodedImage(ImageHeader original, byte[] jpeg, int width, int height) {
    public TranscodedImage {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(jpeg, "jpeg");
    }
}
