package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.router.port.IdempotencyStore.Claim;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbIdempotencyStoreIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:20:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private DynamoDbIdempotencyStore store;

    @BeforeEach
    void setUp() {
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        store = new DynamoDbIdempotencyStore(server.enhancedClient(), server.newStack().idempotencyTable());
    }

    @Test
    void tryClaim_whenKeyIsHeldWithinItsLease_reportsInProgress() {
        assertThat(store.tryClaim("k", NOW, LEASE)).isEqualTo(Claim.CLAIMED);

        assertThat(store.tryClaim("k", NOW.plusSeconds(29), LEASE)).isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void tryClaim_whenHoldersLeaseRanOut_claimsAgain() {
        store.tryClaim("k", NOW, LEASE);

        assertThat(store.tryClaim("k", NOW.plusSeconds(31), LEASE)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void tryClaim_whenCompleted_reportsCompletedEvenAfterTheLease() {
        store.tryClaim("k", NOW, LEASE);
        store.complete("k", NOW.plus(Duration.ofDays(7)));

        assertThat(store.tryClaim("k", NOW.plusSeconds(3600), LEASE)).isEqualTo(Claim.COMPLETED);
    }

    @Test
    void release_whenClaimed_letsTheNextDeliveryClaimAtOnce() {
        store.tryClaim("k", NOW, LEASE);

        store.release("k");

        assertThat(store.tryClaim("k", NOW.plusSeconds(1), LEASE)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void release_whenAlreadyCompleted_keepsItCompleted() {
        store.tryClaim("k", NOW, LEASE);
        store.complete("k", NOW.plus(Duration.ofDays(7)));

        store.release("k");

        assertThat(store.tryClaim("k", NOW.plusSeconds(1), LEASE)).isEqualTo(Claim.COMPLETED);
    }

    @Test
    void tryClaim_whenKeysDiffer_claimsEachIndependently() {
        assertThat(store.tryClaim("notified#acme#1", NOW, LEASE)).isEqualTo(Claim.CLAIMED);
        assertThat(store.tryClaim("notified#globex#1", NOW, LEASE)).isEqualTo(Claim.CLAIMED);
    }

    @Test
    void tryClaim_whenTheHolderDiedWhilePublishing_waitsForItsLeaseThenSaysThePublishWasInterrupted() {
        store.tryClaim("k", NOW, LEASE);
        store.markPublishing("k", NOW.plusSeconds(1), LEASE);

        assertThat(store.tryClaim("k", NOW.plusSeconds(30), LEASE)).isEqualTo(Claim.IN_PROGRESS);
        assertThat(store.tryClaim("k", NOW.plusSeconds(32), LEASE)).isEqualTo(Claim.CLAIMED_AFTER_INTERRUPTED_PUBLISH);
        assertThat(store.tryClaim("k", NOW.plusSeconds(33), LEASE)).isEqualTo(Claim.IN_PROGRESS);
    }

    @Test
    void release_whenPublishing_letsTheNextDeliveryClaimAtOnceAndRemembersThePublish() {
        store.tryClaim("k", NOW, LEASE);
        store.markPublishing("k", NOW, LEASE);

        store.release("k");

        assertThat(store.tryClaim("k", NOW.plusSeconds(1), LEASE)).isEqualTo(Claim.CLAIMED_AFTER_INTERRUPTED_PUBLISH);
    }

    @Test
    void markPublishing_whenTheKeyWasCompleted_refuses() {
        store.tryClaim("k", NOW, LEASE);
        store.complete("k", NOW.plus(Duration.ofDays(7)));

        assertThatThrownBy(() -> store.markPublishing("k", NOW, LEASE))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }
}
