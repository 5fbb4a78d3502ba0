package org.emotionanalyser.router.domain;

import java.util.Objects;

/** What every {@link AnalysisEvent} must carry, checked in one place for both event types. */
final class EventFields {

    private EventFields() {
    }

    /**
     * Requires the tenant, image and stored object the event is about: all the router needs.
     *
     * @throws NullPointerException naming the first one missing
     */
    static void requireImage(String tenantId, String imageId, StoredObject object) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(object, "object");
    }
}
