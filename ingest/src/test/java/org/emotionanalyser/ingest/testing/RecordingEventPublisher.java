package org.emotionanalyser.ingest.testing;

import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EventPublishException;
import org.emotionanalyser.router.port.EventPublisher;

import java.util.ArrayList;
import java.util.List;

/** Keeps every published event; can be told to refuse like a bus that is down. */
public final class RecordingEventPublisher implements EventPublisher {

    private final List<AnalysisEvent> events = new ArrayList<>();
    private boolean refusing;

    public void refuse() {
        refusing = true;
    }

    /** Accepts events again after {@link #refuse()}, like a bus that is back. */
    public void accept() {
        refusing = false;
    }

    public synchronized List<AnalysisEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void publish(List<? extends AnalysisEvent> batch) {
        if (refusing) {
            throw new EventPublishException("PutEvents to bus 'test-bus' failed: ServiceUnavailable");
        }
        events.addAll(batch);
    }
}
