package org.emotionanalyser.tenants.domain;

/**
 * What the API knows about one image: its record with a link to view it, or only that it is uploaded and waiting
 * for analysis.
 */
public sealed interface ImageView {

    /** The image was analysed or rejected. */
    record Recorded(ImageRecord record, String viewUrl) implements ImageView {
    }

    /** The upload exists but no result is recorded yet. */
    record Pending(String imageId) implements ImageView {
    }
}
