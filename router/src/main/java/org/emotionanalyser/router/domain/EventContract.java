package org.emotionanalyser.router.domain;

/**
 * Names every module agrees on for events on the bus.
 */
public final class EventContract {

    /** The EventBridge source of every event the reader publishes. */
    public static final String SOURCE = "emotion-analyser.ingest";

    private EventContract() {
    }

    /**
     * The per-tenant rule pattern: events from the reader whose detail names this tenant. The tenant id is
     * validated first, so it can never inject pattern syntax.
     */
    public static String tenantEventPattern(String tenantId) {
        return "{\"source\":[\"" + SOURCE + "\"],\"detail\":{\"tenantId\":[\"" + TenantId.require(tenantId) + "\"]}}";
    }
}
