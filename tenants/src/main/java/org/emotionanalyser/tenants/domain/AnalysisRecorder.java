package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.router.port.IdempotencyStore;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.Notifier;
import org.emotionanalyser.tenants.port.TenantDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Records one analysis event for its tenant: the catalogue row, one row per emotion present, and one notification
 * to the tenant's topic - once per image under at-least-once delivery, with the exceptions stated below.
 *
 * <p>How duplicates are kept out, per tenant and image (never per message, since a retried reader sends the same
 * image in a new message with a new {@code analyzedAt}):
 * <ol>
 *   <li>a short lease on the key {@code notified#tenant#image} is claimed; a completed key means the image was
 *       recorded and notified before, and nothing more happens;</li>
 *   <li>the catalogue row is written only if absent, and the stored row is used from then on, so the first
 *       analysis (its time and results) wins and emotion rows are rewritten with identical keys and values;</li>
 *   <li>the key is marked PUBLISHING, then the notification is published (one attempt: the SNS client does not
 *       retry), then the key is marked completed. A failure before PUBLISHING releases the lease and fails the
 *       message, so a redelivery repeats the idempotent writes and publishes once.</li>
 * </ol>
 * <p>The guarantee: every recorded image is notified <em>at least once</em>, and every copy of its notification
 * carries the same {@link ImageNotification#notificationId()}. A second copy is possible only when the delivery
 * stopped between marking PUBLISHING and marking completed (Publish failed or timed out after SNS may have accepted
 * it, or the function crashed or timed out right then); the redelivery then publishes again and reports
 * {@link RecordOutcome#REPUBLISHED}. Subscribers that must act once de-duplicate on {@code notificationId}.
 */
public final class AnalysisRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisRecorder.class);

    /** How long a presigned link in a notification stays valid. */
    public static final Duration LINK_VALIDITY = Duration.ofHours(24);
    /** How long a delivery holds an image; far longer than recording one image takes. */
    public static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    /** How long a completed image is remembered; longer than any SQS retention plus DLQ redrive delay. */
    public static final Duration COMPLETED_RETENTION = Duration.ofDays(7);

    private final TenantDirectory tenants;
    private final ImageCatalogue catalogue;
    private final EmotionTimeline timeline;
    private final Notifier notifier;
    private final IdempotencyStore idempotency;
    private final ImageLinks links;
    private final Clock clock;

    public AnalysisRecorder(TenantDirectory tenants, ImageCatalogue catalogue, EmotionTimeline timeline,
                            Notifier notifier, IdempotencyStore idempotency, ImageLinks links, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The idempotency key of an image's recording. */
    public static String notifiedKey(String tenantId, String imageId) {
        return "notified#" + tenantId + '#' + imageId;
    }

    /**
     * Records the event.
     *
     * @throws TenantNotFoundException  when the event's tenant is not registered
     * @throws ImageInProgressException when another delivery of the image is being recorded
     */
    public RecordOutcome record(AnalysisEvent event) {
        String tenantId = TenantId.require(event.tenantId());
        // One read past any cache per message: a tenant being deleted (tombstoned DELETING first) gets no more rows
        // or notifications, and the same read gives the settings, so a cached read first would only add a read.
        Tenant tenant = tenants.findCurrent(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId));
        // A tenant still PROVISIONING keeps its events: its rule and queue exist before its topic (see
        // RecordOutcome.RECORDED_WITHOUT_NOTIFICATION); only a delete's tombstone, or its end, stops them.
        if (tenant.status() == TenantStatus.DELETING) {
            LOG.info("dropping image {} of tenant {}: the tenant is {}", event.imageId(), tenantId,
                    tenant.status().name());
            return RecordOutcome.DROPPED_TENANT_DELETED;
        }
        Instant now = clock.instant();
        String key = notifiedKey(tenantId, event.imageId());
        IdempotencyStore.Claim claim = idempotency.tryClaim(key, now, CLAIM_LEASE);
        switch (claim) {
            case COMPLETED:
                return RecordOutcome.DUPLICATE;
            case IN_PROGRESS:
                throw new ImageInProgressException(tenantId, event.imageId());
            case CLAIMED:
            case CLAIMED_AFTER_INTERRUPTED_PUBLISH:
            default:
                break;
        }
        ImageNotification notification;
        try {
            ImageRecord stored = store(tenant, event);
            if (tenant.topicArn() == null) {
                return complete(key, RecordOutcome.RECORDED_WITHOUT_NOTIFICATION);
            }
            notification = ImageNotification.of(stored, links.presignedGet(stored.s3Key(), LINK_VALIDITY));
            idempotency.markPublishing(key, clock.instant(), CLAIM_LEASE);
        } catch (RuntimeException failure) {
            releaseQuietly(key, failure);
            throw failure;
        }
        try {
            notifier.publish(tenant.topicArn(), notification);
        } catch (RuntimeException failure) {
            // SNS may have accepted it (a timeout): the key stays PUBLISHING, so the redelivery knows.
            releaseQuietly(key, failure);
            throw failure;
        }
        return complete(key, claim == IdempotencyStore.Claim.CLAIMED_AFTER_INTERRUPTED_PUBLISH
                ? RecordOutcome.REPUBLISHED : RecordOutcome.RECORDED);
    }

    private RecordOutcome complete(String key, RecordOutcome outcome) {
        try {
            idempotency.complete(key, clock.instant().plus(COMPLETED_RETENTION));
            return outcome;
        } catch (RuntimeException markerFailure) {
            // Subscribers were notified: failing the message now would make its redelivery notify them again.
            return RecordOutcome.RECORDED_WITHOUT_MARKER;
        }
    }

    private ImageRecord store(Tenant tenant, AnalysisEvent event) {
        ImageRecord candidate;
        if (event instanceof ImageAnalyzed analyzed) {
            candidate = ImageRecord.analyzed(analyzed.withEmotionThreshold(tenant.emotionThreshold()),
                    expiry(analyzed.analyzedAt(), tenant));
        } else {
            ImageRejected rejected = (ImageRejected) event;
            candidate = ImageRecord.rejected(rejected, expiry(rejected.rejectedAt(), tenant));
        }
        ImageRecord stored = catalogue.recordIfAbsent(candidate);
        timeline.putAll(stored.emotionRows());
        return stored;
    }

    private static Instant expiry(Instant recordedAt, Tenant tenant) {
        return tenant.retentionDays() == 0 ? null : recordedAt.plus(Duration.ofDays(tenant.retentionDays()));
    }

    private void releaseQuietly(String key, RuntimeException cause) {
        try {
            idempotency.release(key);
        } catch (RuntimeException releaseFailure) {
            // The lease runs out on its own; the original failure is what the caller must see.
            cause.addSuppressed(releaseFailure);
        }
    }
}
