package org.emotionanalyser.tenants.domain;

/** What {@link AnalysisRecorder#record} did with an event. */
public enum RecordOutcome {
    /** The image was recorded (or its earlier partial recording finished) and subscribers were notified. */
    RECORDED,
    /** The image was recorded, but the tenant has no topic yet, so nobody was notified. */
    RECORDED_WITHOUT_NOTIFICATION,
    /**
     * The image was recorded and notified, but marking it completed failed: the message still succeeds, since
     * failing it would notify again on redelivery; only a rare later duplicate delivery can notify a second time.
     */
    RECORDED_WITHOUT_MARKER,
    /**
     * An earlier delivery stopped while publishing (failed or crashed after marking the image PUBLISHING), so its
     * notification may have gone out: it was published again, with the same {@code notificationId}.
     */
    REPUBLISHED,
    /** The image had been recorded and notified before: nothing was written or published. */
    DUPLICATE,
    /**
     * The tenant is being deleted (DELETING), as read past any cache: nothing was written or published, and the
     * message is done with.
     */
    DROPPED_TENANT_DELETED
}
