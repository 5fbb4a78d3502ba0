package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.RejectionReason;

import java.util.Objects;

/** The verdict on an uploaded object before analysis: an image to analyse, or a rejection. */
public sealed interface Inspection permits Inspection.Accepted, Inspection.Rejected {

    /**
     * An image to analyse.
     *
     * @param header     the uploaded image's own header
     * @param transcoded true when {@code image} is a JPEG re-encoded from the upload
     */
    record Accepted(ImageReference image, ImageFormat format, ImageHeader header, boolean transcoded)
            implements Inspection {
        public Accepted {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(header, "header");
        }
    }

    /** Not an image the pipeline can analyse; {@code message} says why and what to do. */
    record Rejected(RejectionReason reason, String message) implements Inspection {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
