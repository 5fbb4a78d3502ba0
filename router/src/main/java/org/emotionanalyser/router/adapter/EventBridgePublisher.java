package org.emotionanalyser.router.adapter;

import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EventContract;
import org.emotionanalyser.router.domain.EventPublishException;
import org.emotionanalyser.router.domain.EventTooLargeException;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.router.port.EventPublisher;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes contract events with PutEvents: at most 10 entries per call, each checked against the 256 KB entry
 * limit before sending, and entries that the response reports as failed (throttling, internal errors) sent again
 * with backoff. The SDK itself retries whole-call failures.
 */
public record EventBridgePublisher(EventBridgeClient client, String busName, Sleeper sleeper)
        implements EventPublisher {

    /** PutEvents' limit on one entry, measured as EventBridge measures it. */
    public static final int MAX_ENTRY_BYTES = 256 * 1024;
    private static final int MAX_ENTRIES_PER_CALL = 10;
    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this(client, busName, Thread::sleep);
    }

    @Override
    public void publish(List<? extends AnalysisEvent> events) {
        List<PutEventsRequestEntry> entries = new ArrayList<>(events.size());
        for (AnalysisEvent event : events) {
            entries.add(toEntry(event));
        }
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES_PER_CALL) {
            sendWithRetries(entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES_PER_CALL)));
        }
    }

    private PutEventsRequestEntry toEntry(AnalysisEvent event) {
        String detail = EventJson.toJson(event);
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(EventContract.SOURCE)
                .detailType(event.detailType())
                .detail(detail)
                .build();
        int size = entrySize(entry);
        if (size > MAX_ENTRY_BYTES) {
            throw new EventTooLargeException(event.detailType() + " for image " + event.imageId() + " is " + size
                    + " bytes, over EventBridge's 256 KB (" + MAX_ENTRY_BYTES + "-byte) entry limit; shorten the "
                    + "message or trim the face list before publishing");
        }
        return entry;
    }

    /** Entry size as EventBridge computes it: source, detail-type, detail and resources in UTF-8, plus 14 for Time. */
    static int entrySize(PutEventsRequestEntry entry) {
        int size = 14;
        size += utf8Length(entry.source());
        size += utf8Length(entry.detailType());
        size += utf8Length(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8Length(resource);
        }
        return size;
    }

    private static int utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void sendWithRetries(List<PutEventsRequestEntry> batch) {
        List<PutEventsRequestEntry> pending = batch;
        String lastError = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PutEventsResponse response;
            try {
                response = client.putEvents(PutEventsRequest.builder().entries(pending).build());
            } catch (SdkException e) {
                throw new EventPublishException("PutEvents to bus '" + busName + "' failed: " + e.getMessage()
                        + "; check that the bus exists and the function may call events:PutEvents on it", e);
            }
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < results.size() && i < pending.size(); i++) {
                PutEventsResultEntry result = results.get(i);
                if (result.errorCode() != null) {
                    failed.add(pending.get(i));
                    lastError = result.errorCode() + ": " + result.errorMessage();
                }
            }
            pending = failed;
            if (pending.isEmpty()) {
                return;
            }
            if (attempt < MAX_ATTEMPTS) {
                pause(FIRST_BACKOFF_MILLIS << (attempt - 1));
            }
        }
        throw new EventPublishException(pending.size() + " event(s) were still refused by bus '" + busName
                + "' after " + MAX_ATTEMPTS + " attempts; last error " + lastError);
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while retrying PutEvents", e);
        }
    }
}
