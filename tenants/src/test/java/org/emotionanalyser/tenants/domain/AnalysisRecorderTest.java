package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.router.port.IdempotencyStore;
import org.emotionanalyser.tenants.testing.Analyses;
import org.emotionanalyser.tenants.testing.FixedImageLinks;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.emotionanalyser.tenants.testing.RecordingNotifier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisRecorderTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:20:00Z");
    private static final String IMAGE = "3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a";

    private final InMemoryStores.Tenants tenants = new InMemoryStores.Tenants();
    private final InMemoryStores.Images images = new InMemoryStores.Images();
    private final InMemoryStores.Timeline timeline = new InMemoryStores.Timeline();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingNotifier notifier = new RecordingNotifier();

    /** An idempotency store whose completion marker cannot be written. */
    private final IdempotencyStore markerFails = new IdempotencyStore() {
        @Override
        public Claim tryClaim(String key, Instant now, Duration lease) {
            return idempotency.tryClaim(key, now, lease);
        }

        @Override
        public void complete(String key, Instant expiresAt) {
            throw new IllegalStateException("simulated throttling of the idempotency table");
        }

        @Override
        public void release(String key) {
            idempotency.release(key);
        }
    };

    private AnalysisRecorder recorder(IdempotencyStore store) {
        tenants.save(Tenant.newTenant("acme", "Acme", 50, 30, NOW)
                .withResources("arn:aws:sns:eu-west-1:1:p-tenant-acme", null, null, null, null, null, null));
        return new AnalysisRecorder(tenants, images, timeline, notifier, store, new FixedImageLinks(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void record_whenCompletionMarkerCannotBeWrittenAfterPublishing_succeedsSoTheMessageIsNotRedelivered() {
        RecordOutcome outcome = recorder(markerFails).record(Analyses.happyAndSad("acme", IMAGE, NOW));

        assertThat(outcome).isEqualTo(RecordOutcome.RECORDED_WITHOUT_MARKER);
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void record_whenTenantIsUnknown_failsBeforeWritingAnything() {
        AnalysisRecorder recorder = recorder(idempotency);

        assertThatThrownBy(() -> recorder.record(Analyses.happyAndSad("ghost", IMAGE, NOW)))
                .isInstanceOf(TenantNotFoundException.class)
                .hasMessageContaining("POST /tenants");
        assertThat(images.all()).isEmpty();
        assertThat(idempotency.isCompleted(AnalysisRecorder.notifiedKey("ghost", IMAGE))).isFalse();
    }

    @Test
    void record_whenImageWasRejectedFirstAndAnalysedOnRetry_keepsTheFirstOutcome() {
        AnalysisRecorder recorder = recorder(idempotency);

        recorder.record(Analyses.rejected("acme", IMAGE, NOW));
        RecordOutcome retry = recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(5)));

        assertThat(retry).isEqualTo(RecordOutcome.DUPLICATE);
        assertThat(images.find("acme", IMAGE).orElseThrow().status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(timeline.all()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
    }
}
