package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.ingest.port.FaceAnalyzer;
import org.emotionanalyser.ingest.port.ImageStore;
import org.emotionanalyser.ingest.port.TenantLookup;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.StoredObject;
import org.emotionanalyser.router.domain.UploadKeys;
import org.emotionanalyser.router.port.EventPublisher;
import org.emotionanalyser.router.port.IdempotencyStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The reader's use case: one uploaded object in, one {@code ImageAnalyzed} or {@code ImageRejected} event out.
 * Bad images and the analyser's refusals become rejections; failures a retry can fix (store, analyser or bus
 * unavailable) escape as exceptions, and {@link #giveUp} turns an upload whose retries all failed into a rejection,
 * so every upload ends analysed or rejected. The image id is derived from the object version, so a redelivered
 * notification maps to the same id.
 *
 * <p>Each object version is processed once: it is claimed in the idempotency store (key {@code reader#<imageId>})
 * before anything is read, and marked done after its event is published, so a redelivered notification or a
 * Lambda retry of a finished version costs one read of that store, not a second analysis (Rekognition is billed per
 * call) nor a second event. A failure releases the claim, so the retry does the work.
 */
public record UploadProcessor(ImageStore store, ImageInspector inspector, FaceAnalyzer analyzer,
                              EventPublisher publisher, Clock clock, String analyzerName, double emotionThreshold,
                              IdempotencyStore processed, TenantLookup tenants) {

    /** Longer than the reader's 60 s timeout: a claim outlives the invocation holding it. */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    /** Longer than S3's redelivery and Lambda's 6 h asynchronous retry window. */
    static final Duration DONE_RETENTION = Duration.ofDays(7);
    private static final String CLAIM_PREFIX = "reader#";
    private static final Logger LOG = LoggerFactory.getLogger(UploadProcessor.class);

    /** Processes one notification with no deadline but the analyser's own attempt limits. */
    public ProcessingOutcome process(UploadedObject upload) {
        return process(upload, InvocationBudget.unlimited());
    }

    /**
     * Processes one notification.
     *
     * @param budget the time the invocation has left; the analyser's retries stay within it
     * @throws StoreUnavailableException                               when the store fails transiently
     * @throws AnalyzerUnavailableException                            when the analyser keeps throttling or failing
     * @throws org.emotionanalyser.router.domain.EventPublishException when the bus refuses the event
     * @throws VersionInProgressException                              when another invocation holds the version
     */
    public ProcessingOutcome process(UploadedObject upload, InvocationBudget budget) {
        Located located = locate(upload);
        if (located.skipped() != null) {
            return located.skipped();
        }
        ObjectMetadata metadata = located.start().metadata();
        StoredObject object = storedObject(upload, metadata);
        String imageId = imageIdOf(upload, object);
        String claim = CLAIM_PREFIX + imageId;
        switch (processed.tryClaim(claim, clock.instant(), CLAIM_LEASE)) {
            case COMPLETED:
                return new ProcessingOutcome.AlreadyProcessed(imageId);
            case IN_PROGRESS:
                throw new VersionInProgressException(upload.key());
            case CLAIMED:
            default:
                break;
        }
        ProcessingOutcome outcome;
        try {
            outcome = analyseAndPublish(upload, located.tenantId(), located.start(), object, imageId, budget);
        } catch (RuntimeException failure) {
            try {
                processed.release(claim);
            } catch (RuntimeException releaseFailure) {
                // The lease runs out instead; the retry waits for it.
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        try {
            if (outcome instanceof ProcessingOutcome.Published) {
                processed.complete(claim, clock.instant().plus(DONE_RETENTION));
            } else {
                processed.release(claim);
            }
        } catch (RuntimeException markFailure) {
            // The event is out: failing now would make Lambda's retry analyse and publish again. Unmarked, a later
            // redelivery is analysed again, and its event (same image id) is dropped by the consumer.
            LOG.warn("could not mark {} as processed: {}", claim, markFailure.toString(), markFailure);
        }
        return outcome;
    }

    /**
     * Records that an upload could not be analysed after every retry (the reader's on-failure destination): an
     * {@code ImageRejected} with {@code ANALYSIS_FAILED} and {@code why}, under the same image id as the analysis
     * would have had. If an earlier attempt did publish a result, the consumer keeps that one.
     *
     * @throws StoreUnavailableException                               when the store fails transiently
     * @throws org.emotionanalyser.router.domain.EventPublishException when the bus refuses the event
     */
    public ProcessingOutcome giveUp(UploadedObject upload, String why) {
        Located located = locate(upload);
        if (located.skipped() != null) {
            return located.skipped();
        }
        StoredObject object = storedObject(upload, located.start().metadata());
        AnalysisEvent event = ImageRejected.of(located.tenantId(), imageIdOf(upload, object), object,
                clock.instant(), RejectionReason.ANALYSIS_FAILED, why);
        publisher.publish(event);
        return new ProcessingOutcome.Published(event, AnalyzerCalls.none(), "none");
    }

    /** An upload's tenant and the start of the stored object, or (in {@code skipped}) why there is nothing to do. */
    private record Located(String tenantId, ObjectStart start, ProcessingOutcome skipped) {
    }

    private Located locate(UploadedObject upload) {
        Optional<String> tenant = UploadKeys.tenantOfUpload(upload.key());
        if (tenant.isEmpty()) {
            return new Located(null, null,
                    new ProcessingOutcome.Ignored("key is not of the form uploads/{tenantId}/{file}"));
        }
        if (!tenants.acceptsUploads(tenant.get())) {
            // The delete's own sweep of uploads/<t>/ ran before this object landed (or is running): this is the
            // sweep for objects written later, through presigned URLs issued before the delete. A PROVISIONING or
            // FAILED tenant never had a working key, so its uploads were made for an earlier tenant of that id.
            store.delete(upload.bucket(), upload.key(), upload.versionId());
            return new Located(null, null, new ProcessingOutcome.TenantDeleted(tenant.get()));
        }
        // One ranged read gives the size (from Content-Range), the type, the entity tag and the bytes holding the
        // format and, usually, the header: no separate HeadObject. An oversized object's body is not read.
        Optional<ObjectStart> start = store.readStart(upload.bucket(), upload.key(), upload.versionId(),
                ImageInspector.LEADING_BYTES, inspector.maxImageBytes());
        return start.map(found -> new Located(tenant.get(), found, null)).orElseGet(() -> new Located(null, null,
                new ProcessingOutcome.Missing("the object no longer exists (deleted before analysis)")));
    }

    private static StoredObject storedObject(UploadedObject upload, ObjectMetadata metadata) {
        String eTag = unquote(upload.eTag() != null ? upload.eTag() : metadata.eTag());
        return new StoredObject(upload.bucket(), upload.key(), metadata.size(), eTag, metadata.contentType());
    }

    private static String imageIdOf(UploadedObject upload, StoredObject object) {
        String identity = object.etag() != null ? object.etag() : upload.versionId();
        return ImageId.forObject(upload.bucket(), upload.key(), identity);
    }

    private ProcessingOutcome analyseAndPublish(UploadedObject upload, String tenantId, ObjectStart start,
                                                StoredObject object, String imageId, InvocationBudget budget) {
        Inspection inspection;
        try {
            inspection = inspector.inspect(upload, start);
        } catch (ObjectMissingException e) {
            return new ProcessingOutcome.Missing(e.getMessage());
        }
        AnalysisEvent event;
        AnalyzerCalls calls;
        String delivery;
        if (inspection instanceof Inspection.Rejected rejected) {
            event = ImageRejected.of(tenantId, imageId, object, clock.instant(), rejected.reason(),
                    rejected.message());
            calls = AnalyzerCalls.none();
            delivery = "none";
        } else {
            Inspection.Accepted accepted = (Inspection.Accepted) inspection;
            FaceAnalysis analysis = analyzer.analyze(accepted.image(), budget);
            calls = analysis.calls();
            delivery = describe(accepted);
            if (analysis instanceof FaceAnalysis.Completed completed) {
                event = ImageAnalyzed.of(tenantId, imageId, object, clock.instant(), analyzerName,
                        completed.person(), toFaces(completed.faces()));
            } else {
                FaceAnalysis.Failed failed = (FaceAnalysis.Failed) analysis;
                event = ImageRejected.of(tenantId, imageId, object, clock.instant(), failed.reason(),
                        failed.message());
            }
        }
        publisher.publish(event);
        return new ProcessingOutcome.Published(event, calls, delivery);
    }

    private List<Face> toFaces(List<DetectedFace> detected) {
        return detected.stream()
                .map(face -> Face.of(face.boundingBox(), face.confidence(), face.emotions(), face.celebrity(),
                        emotionThreshold))
                .toList();
    }

    private static String describe(Inspection.Accepted accepted) {
        if (accepted.image() instanceof ImageReference.StoredImage) {
            return "stored-object";
        }
        return accepted.transcoded() ? "bytes-transcoded-from-" + accepted.format().extension() : "bytes";
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
