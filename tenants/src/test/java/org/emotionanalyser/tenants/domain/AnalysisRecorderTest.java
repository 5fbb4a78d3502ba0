package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.router.testing.MovableClock;
import org.emotionanalyser.router.port.IdempotencyStore;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.Notifier;
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
        public void markPublishing(String key, Instant now, Duration lease) {
            idempotency.markPublishing(key, now, lease);
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
    void record_whenMessagesArrive_readsTheTenantOncePerMessageAndAppliesTheCurrentSettings() {
        AnalysisRecorder recorder = recorder(idempotency);

        recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW));
        tenants.save(tenants.find("acme").orElseThrow().withSettings("Acme", 99, 30));
        int readsBefore = tenants.reads();
        recorder.record(Analyses.happyAndSad("acme", "5d41402abc4b2a76b9719d911017c592", NOW));

        assertThat(tenants.reads() - readsBefore).as("one consistent read, no cached read before it").isEqualTo(1);
        assertThat(images.find("acme", "5d41402abc4b2a76b9719d911017c592").orElseThrow().emotionCounts())
                .as("a threshold of 99 counts every face as OTHER from the next message on")
                .containsOnlyKeys(Emotion.OTHER);
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

    /** The function dies at this point: no catch block, no release, only the lease running out helps. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the consumer");
        }
    }


    @Test
    void record_whenTheConsumerCrashesAfterSnsAcceptedThePublish_redeliveryRepublishesWithTheSameNotificationId() {
        MovableClock clock = new MovableClock(NOW);
        tenants.save(Tenant.newTenant("acme", "Acme", 50, 30, NOW)
                .withResources("arn:aws:sns:eu-west-1:1:p-tenant-acme", null, null, null, null, null, null));
        boolean[] crash = {true};
        Notifier acceptsThenCrashes = (topicArn, notification) -> {
            notifier.publish(topicArn, notification);
            if (crash[0]) {
                crash[0] = false;
                throw new SimulatedCrash();
            }
        };
        AnalysisRecorder recorder = new AnalysisRecorder(tenants, images, timeline, acceptsThenCrashes, idempotency,
                new FixedImageLinks(), clock);

        assertThatThrownBy(() -> recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW)))
                .isInstanceOf(SimulatedCrash.class);
        assertThatThrownBy(() -> recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(1))))
                .as("a redelivery inside the dead delivery's lease waits")
                .isInstanceOf(ImageInProgressException.class);
        clock.advance(AnalysisRecorder.CLAIM_LEASE.plusSeconds(1));
        RecordOutcome redelivered = recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(40)));
        RecordOutcome again = recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(41)));

        assertThat(redelivered).isEqualTo(RecordOutcome.REPUBLISHED);
        assertThat(again).isEqualTo(RecordOutcome.DUPLICATE);
        assertThat(notifier.published()).hasSize(2)
                .extracting(published -> published.notification().notificationId())
                .containsOnly(notifier.published().get(0).notification().notificationId());
        assertThat(notifier.published()).extracting(published -> published.notification().analyzedAt())
                .as("the copy describes the first recorded analysis").containsOnly(NOW);
        assertThat(images.all()).hasSize(1);
    }

    @Test
    void record_whenTheConsumerCrashesAfterTheTableWriteBeforePublishing_redeliveryPublishesExactlyOnce() {
        MovableClock clock = new MovableClock(NOW);
        tenants.save(Tenant.newTenant("acme", "Acme", 50, 30, NOW)
                .withResources("arn:aws:sns:eu-west-1:1:p-tenant-acme", null, null, null, null, null, null));
        boolean[] crash = {true};
        ImageLinks crashesOnce = (key, validity) -> {
            if (crash[0]) {
                crash[0] = false;
                throw new SimulatedCrash();
            }
            return new FixedImageLinks().presignedGet(key, validity);
        };
        AnalysisRecorder recorder = new AnalysisRecorder(tenants, images, timeline, notifier, idempotency,
                crashesOnce, clock);

        assertThatThrownBy(() -> recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW)))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(images.all()).hasSize(1);
        clock.advance(AnalysisRecorder.CLAIM_LEASE.plusSeconds(1));
        RecordOutcome redelivered = recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(40)));

        assertThat(redelivered).isEqualTo(RecordOutcome.RECORDED);
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void record_whenPublishFailsAfterSnsMayHaveAcceptedIt_redeliveryRepublishesAtOnceAndSaysSo() {
        RecordOutcome outcome;
        AnalysisRecorder recorder = recorder(idempotency);
        notifier.failNext(1);

        assertThatThrownBy(() -> recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW)))
                .isInstanceOf(IllegalStateException.class);
        outcome = recorder.record(Analyses.happyAndSad("acme", IMAGE, NOW.plusSeconds(1)));

        assertThat(outcome).isEqualTo(RecordOutcome.REPUBLISHED);
        assertThat(notifier.published()).hasSize(1);
    }
}
