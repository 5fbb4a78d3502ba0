package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import org.emotionanalyser.ingest.IngestWiring;
import org.emotionanalyser.ingest.domain.ProcessingOutcome;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.domain.UploadedObject;
import org.emotionanalyser.lambdasupport.logging.StructuredLog;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reader Lambda: S3 ObjectCreated notifications for {@code uploads/} in, one {@code ImageAnalyzed} or
 * {@code ImageRejected} event per image out. Every record of a notification is processed even when one fails;
 * only failures a retry can fix (the store, the analyser or the bus unavailable or throttling) fail the
 * invocation, so that Lambda's asynchronous retries run it again, with their back-off - images already published
 * are then published again with the same image id, which consumers deduplicate. After Lambda's last retry the
 * event goes to the on-failure destination, where {@link ReaderFailureHandler} records each image as rejected.
 * The analyser's own retries stay within {@code getRemainingTimeInMillis()}.
 *
 * <p>Logs one JSON line per record with the outcome and the analyser calls it cost.
 */
public final class ReaderHandler implements RequestHandler<S3Event, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderHandler.class);
    private static final StructuredLog OUTCOMES = StructuredLog.of(ReaderHandler.class);

    private final UploadProcessor processor;

    /** Used by Lambda. */
    public ReaderHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public ReaderHandler(Map<String, String> env) {
        this(IngestWiring.fromEnvironment(env).uploadProcessor());
    }

    /** With a ready processor (tests, custom wiring). */
    public ReaderHandler(UploadProcessor processor) {
        this.processor = processor;
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        List<RuntimeException> failures = new ArrayList<>();
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        InvocationBudget budget = context == null ? InvocationBudget.unlimited()
                : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
        for (S3EventNotificationRecord record : records) {
            UploadedObject upload = uploadOf(record);
            if (upload == null) {
                continue;
            }
            long started = System.nanoTime();
            try {
                ProcessingOutcome outcome = processor.process(upload, budget);
                logOutcome(upload, outcome, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // Store, analyser or bus unavailable (or a bug): the other records still run, then Lambda retries
                // the event; after its last retry the on-failure destination records the image as rejected.
                String code = e instanceof EmotionAnalyserException known ? known.code() : e.getClass().getName();
                LOG.error("processing s3://{}/{} failed and will be retried by Lambda: [{}] {}", upload.bucket(),
                        upload.key(), code, e.getMessage(), e);
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return null;
    }

    /** The record's object, or null (logged) when the record is not an object notification we can read. */
    private static UploadedObject uploadOf(S3EventNotificationRecord record) {
        S3Entity s3 = record == null ? null : record.getS3();
        if (s3 == null || s3.getBucket() == null || s3.getObject() == null || s3.getObject().getKey() == null) {
            LOG.warn("ignoring a record without bucket or key: {}", record == null ? null : record.getEventName());
            return null;
        }
        String key;
        try {
            // S3 URL-encodes keys in notifications, spaces as '+'.
            key = s3.getObject().getUrlDecodedKey();
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring a record whose key is not valid URL encoding: {}", s3.getObject().getKey());
            return null;
        }
        return new UploadedObject(s3.getBucket().getName(), key, s3.getObject().geteTag(),
                s3.getObject().getVersionId());
    }

    private static void logOutcome(UploadedObject upload, ProcessingOutcome outcome, long millis) {
        StructuredLog.Line line = OUTCOMES.info("image processed").with("bucket", upload.bucket())
                .with("key", upload.key());
        if (outcome instanceof ProcessingOutcome.Published published) {
            AnalysisEvent event = published.event();
            line.with("outcome", event.detailType()).with("tenantId", event.tenantId())
                    .with("imageId", event.imageId());
            if (event instanceof ImageAnalyzed analyzed) {
                line.with("personDetected", analyzed.person().detected()).with("faces", analyzed.faces().size())
                        .with("celebrities", analyzed.celebrities().size())
                        .with("dominantEmotion", analyzed.dominantEmotion());
            } else if (event instanceof ImageRejected rejected) {
                line.with("reason", rejected.reason()).with("detail", rejected.message());
            }
            line.with("delivery", published.delivery()).with("analyzerCalls", published.calls().byOperation())
                    .with("analyzerCallsTotal", published.calls().total())
                    .with("analyzerRetries", published.calls().retries());
        } else if (outcome instanceof ProcessingOutcome.Ignored ignored) {
            line.with("outcome", "Ignored").with("detail", ignored.why());
        } else if (outcome instanceof ProcessingOutcome.Missing missing) {
            line.with("outcome", "Missing").with("detail", missing.why());
        } else if (outcome instanceof ProcessingOutcome.TenantDeleted deleted) {
            line.with("outcome", "TenantDeleted").with("tenantId", deleted.tenantId())
                    .with("detail", "the tenant is being or has been deleted: the object was deleted, not analysed");
        } else if (outcome instanceof ProcessingOutcome.AlreadyProcessed already) {
            line.with("outcome", "AlreadyProcessed").with("imageId", already.imageId());
        }
        line.with("millis", millis).write();
    }
}
