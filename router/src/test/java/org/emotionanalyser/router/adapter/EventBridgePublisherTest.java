package org.emotionanalyser.router.adapter;

import org.emotionanalyser.router.domain.EventPublishException;
import org.emotionanalyser.router.domain.EventTooLargeException;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.StoredObject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBridgePublisherTest {

    /** An EventBridge client that records requests and answers from a script. */
    private static final class ScriptedEventBridge implements EventBridgeClient {
        final List<PutEventsRequest> requests = new ArrayList<>();
        final Deque<Function<PutEventsRequest, PutEventsResponse>> script = new ArrayDeque<>();

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            requests.add(request);
            return script.isEmpty() ? allAccepted(request) : script.poll().apply(request);
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    private final List<Long> pauses = new ArrayList<>();

    private static PutEventsResponse allAccepted(PutEventsRequest request) {
        return PutEventsResponse.builder().failedEntryCount(0)
                .entries(request.entries().stream().map(e -> PutEventsResultEntry.builder().eventId("id").build())
                        .toList())
                .build();
    }

    private static PutEventsResponse firstThrottled(PutEventsRequest request) {
        List<PutEventsResultEntry> results = new ArrayList<>();
        for (int i = 0; i < request.entries().size(); i++) {
            results.add(i == 0
                    ? PutEventsResultEntry.builder().errorCode("ThrottlingException").errorMessage("slow down").build()
                    : PutEventsResultEntry.builder().eventId("id" + i).build());
        }
        return PutEventsResponse.builder().failedEntryCount(1).entries(results).build();
    }

    private static ImageRejected rejected(String imageId, String message) {
        return ImageRejected.of("rock-fest", imageId, new StoredObject("b", "uploads/rock-fest/x.jpg", 1, "e",
                "image/jpeg"), Instant.EPOCH, RejectionReason.CORRUPT, message);
    }

    private EventBridgePublisher publisher(ScriptedEventBridge client) {
        return new EventBridgePublisher(client, "the-bus", pauses::add);
    }

    @Test
    void publish_whenAllAccepted_sendsOneEntryPerEventOnTheBusWithContractSource() {
        ScriptedEventBridge client = new ScriptedEventBridge();

        publisher(client).publish(rejected("0123456789abcdef0123456789abcdef", "bad"));

        PutEventsRequestEntry entry = client.requests.get(0).entries().get(0);
        assertThat(entry.eventBusName()).isEqualTo("the-bus");
        assertThat(entry.source()).isEqualTo("emotion-analyser.ingest");
        assertThat(entry.detailType()).isEqualTo("ImageRejected");
        assertThat(entry.detail()).contains("\"reason\":\"CORRUPT\"");
    }

    @Test
    void publish_whenAnEntryIsThrottled_resendsOnlyThatEntryAfterABackoff() {
        ScriptedEventBridge client = new ScriptedEventBridge();
        client.script.add(EventBridgePublisherTest::firstThrottled);

        publisher(client).publish(List.of(rejected("00000000000000000000000000000001", "a"),
                rejected("00000000000000000000000000000002", "b")));

        assertThat(client.requests).hasSize(2);
        assertThat(client.requests.get(1).entries()).hasSize(1);
        assertThat(client.requests.get(1).entries().get(0).detail()).contains("00000000000000000000000000000001");
        assertThat(pauses).containsExactly(100L);
    }

    @Test
    void publish_whenAnEntryKeepsFailing_throwsAfterBoundedAttempts() {
        ScriptedEventBridge client = new ScriptedEventBridge();
        IntStream.range(0, 10).forEach(i -> client.script.add(EventBridgePublisherTest::firstThrottled));

        assertThatThrownBy(() -> publisher(client).publish(rejected("0123456789abcdef0123456789abcdef", "x")))
                .isInstanceOf(EventPublishException.class)
                .hasMessageContaining("ThrottlingException");
        assertThat(client.requests).hasSize(4);
        assertThat(pauses).containsExactly(100L, 200L, 400L);
    }

    @Test
    void publish_whenMoreThanTenEvents_splitsIntoCallsOfTen() {
        ScriptedEventBridge client = new ScriptedEventBridge();

        publisher(client).publish(IntStream.range(0, 23)
                .mapToObj(i -> rejected(String.format("%032x", i), "m")).toList());

        assertThat(client.requests).extracting(r -> r.entries().size()).containsExactly(10, 10, 3);
    }

    @Test
    void publish_whenEventExceedsTheEntryLimit_throwsBeforeSendingAnything() {
        ScriptedEventBridge client = new ScriptedEventBridge();
        String huge = "x".repeat(EventBridgePublisher.MAX_ENTRY_BYTES);

        assertThatThrownBy(() -> publisher(client).publish(rejected("0123456789abcdef0123456789abcdef", huge)))
                .isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("256");
        assertThat(client.requests).isEmpty();
    }
}
