package org.emotionanalyser.router.port;

import org.emotionanalyser.router.domain.AnalysisEvent;

import java.util.List;

/**
 * Publishes contract events to the bus. Implementations either publish every event or throw
 * {@link org.emotionanalyser.router.domain.EventPublishException}; an event that can never fit throws
 * {@link org.emotionanalyser.router.domain.EventTooLargeException} before anything is sent.
 */
public interface EventPublisher {

    void publish(List<? extends AnalysisEvent> events);

    /** Publishes one event. */
    default void publish(AnalysisEvent event) {
        publish(List.of(event));
    }
}
