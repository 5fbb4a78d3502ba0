package org.emotionanalyser.router.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An image that could not be analysed (detail-type {@code ImageRejected}), with a reason code and a message a
 * person can act on. It never contains image bytes.
 */
public record ImageRejected(int schemaVersion,
                            String tenantId,
                            String imageId,
                            StoredObject object,
                            Instant rejectedAt,
                            RejectionReason reason,
                            String message) implements AnalysisEvent {

    public static final String DETAIL_TYPE = "ImageRejected";

    public ImageRejected {
        EventFields.requireImage(tenantId, imageId, object);
        Objects.requireNonNull(reason, "reason");
        rejectedAt = rejectedAt == null ? Instant.EPOCH : rejectedAt;
        message = message == null ? "" : message;
    }

    /** A version-1 rejection. */
    public static ImageRejected of(String tenantId, String imageId, StoredObject object, Instant rejectedAt,
                                   RejectionReason reason, String message) {
        return new ImageRejected(SCHEMA_VERSION, tenantId, imageId, object, rejectedAt, reason, message);
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
