package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.ingest.port.FaceAnalyzer;
import org.emotionanalyser.ingest.port.ImageStore;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.StoredObject;
import org.emotionanalyser.router.domain.UploadKeys;
import org.emotionanalyser.router.port.EventPublisher;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The reader's use case: one uploaded object in, one {@code ImageAnalyzed} or {@code ImageRejected} event out.
 * Bad images and the analyser's refusals become rejections; failures a retry can fix (store, analyser or bus
 * unavailable) escape as exceptions, and {@link #giveUp} turns an upload whose retries all failed into a rejection,
 * so every upload ends analysed or rejected. The image id is derived from the object, so a redelivered notification
 * publishes an event with the same id, which consumers deduplicate (the first recorded outcome wins).
 */
public final class UploadProcessor {

    private final ImageStore store;
    private final ImageInspector inspector;
    private final FaceAnalyzer analyzer;
    private final EventPublisher publisher;
    private final Clock clock;
    private final String analyzerName;
    private final double emotionThreshold;

    public UploadProcessor(ImageStore store, ImageInspector inspector, FaceAnalyzer analyzer,
                           EventPublisher publisher, Clock clock, String analyzerName, double emotionThreshold) {
        this.store = store;
        this.inspector = inspector;
        this.analyzer = analyzer;
        this.publisher = publisher;
        this.clock = clock;
        this.analyzerName = analyzerName;
        this.emotionThreshold = emotionThreshold;
    }

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
     */
    public ProcessingOutcome process(UploadedObject upload, InvocationBudget budget) {
        Located located = locate(upload);
        if (located.skipped() != null) {
            return located.skipped();
        }
        ObjectMetadata metadata = located.metadata();
        StoredObject object = storedObject(upload, metadata);
        String imageId = imageIdOf(upload, object);
        Inspection inspection;
        try {
            inspection = inspector.inspect(upload, metadata);
        } catch (ObjectMissingException e) {
            return new ProcessingOutcome.Missing(e.getMessage());
        }
        AnalysisEvent event;
        AnalyzerCalls calls;
        String delivery;
        if (inspection instanceof Inspection.Rejected rejected) {
            event = ImageRejected.of(located.tenantId(), imageId, object, clock.instant(), rejected.reason(),
                    rejected.message());
            calls = AnalyzerCalls.none();
            delivery = "none";
        } else {
            Inspection.Accepted accepted = (Inspection.Accepted) inspection;
            FaceAnalysis analysis = analyzer.analyze(accepted.image(), budget);
            calls = analysis.calls();
            delivery = describe(accepted);
            if (analysis instanceof FaceAnalysis.Completed completed) {
                event = ImageAnalyzed.of(located.tenantId(), imageId, object, clock.instant(), analyzerName,
                        completed.person(), toFaces(completed.faces()));
            } else {
                FaceAnalysis.Failed failed = (FaceAnalysis.Failed) analysis;
                event = ImageRejected.of(located.tenantId(), imageId, object, clock.instant(), failed.reason(),
                        failed.message());
            }
        }
        publisher.publish(event);
        return new ProcessingOutcome.Published(event, calls, delivery);
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
        StoredObject object = storedObject(upload, located.metadata());
        AnalysisEvent event = ImageRejected.of(located.tenantId(), imageIdOf(upload, object), object,
                clock.instant(), RejectionReason.ANALYSIS_FAILED, why);
        publisher.publish(event);
        return new ProcessingOutcome.Published(event, AnalyzerCalls.none(), "none");
    }

    /** An upload's tenant and stored metadata, or (in {@code skipped}) why there is nothing to process. */
    private record Located(String tenantId, ObjectMetadata metadata, ProcessingOutcome skipped) {
    }

    private Located locate(UploadedObject upload) {
        Optional<String> tenant = UploadKeys.tenantOfUpload(upload.key());
        if (tenant.isEmpty()) {
            return new Located(null, null,
                    new ProcessingOutcome.Ignored("key is not of the form uploads/{tenantId}/{file}"));
        }
        Optional<ObjectMetadata> head = store.head(upload.bucket(), upload.key(), upload.versionId());
        return head.map(metadata -> new Located(tenant.get(), metadata, null)).orElseGet(() -> new Located(null, null,
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
