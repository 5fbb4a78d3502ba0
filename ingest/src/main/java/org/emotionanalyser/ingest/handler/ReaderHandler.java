package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.emotionanalyser.ingest.IngestConfig;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer;
import org.emotionanalyser.ingest.adapter.S3ImageStore;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.ingest.domain.ProcessingOutcome;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.domain.UploadedObject;
import org.emotionanalyser.router.adapter.EventBridgePublisher;
import org.emotionanalyser.router.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private static final Duration S3_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REKOGNITION_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(10);

    private final UploadProcessor processor;

    /** Used by Lambda. */
    public ReaderHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public ReaderHandler(Map<String, String> env) {
        this(wire(IngestConfig.fromEnvironment(env)));
    }

    /** With a ready processor (tests, custom wiring). */
    public ReaderHandler(UploadProcessor processor) {
        this.processor = processor;
    }

    /** The reader's use case with its clients; also what {@link ReaderFailureHandler} records give-ups with. */
    static UploadProcessor wire(IngestConfig config) {
        S3Client s3 = config.s3().build(S3Client.builder().forcePathStyle(config.s3().endpoint().isPresent()),
                S3_TIMEOUT);
        RekognitionClient rekognition = config.rekognition().build(
                RekognitionClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()),
                REKOGNITION_TIMEOUT);
        EventBridgeClient events = config.aws().build(EventBridgeClient.builder(), EVENTS_TIMEOUT);
        S3ImageStore store = new S3ImageStore(s3);
        ImageInspector inspector = new ImageInspector(store, new ImageIoCodec(), config.imageDelivery(),
                config.maxImageBytes(), config.minImageDimension());
        return new UploadProcessor(store, inspector,
                new RekognitionFaceAnalyzer(rekognition, config.personConfidenceThreshold()),
                new EventBridgePublisher(events, config.eventBusName()),
                Clock.systemUTC(), config.analyzerName(), config.defaultEmotionThreshold());
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
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("message", "image processed");
        line.put("bucket", upload.bucket());
        line.put("key", upload.key());
        if (outcome instanceof ProcessingOutcome.Published published) {
            AnalysisEvent event = published.event();
            line.put("outcome", event.detailType());
            line.put("tenantId", event.tenantId());
            line.put("imageId", event.imageId());
            if (event instanceof ImageAnalyzed analyzed) {
                line.put("personDetected", analyzed.person().detected());
                line.put("faces", analyzed.faces().size());
                line.put("celebrities", analyzed.celebrities().size());
                line.put("dominantEmotion", analyzed.dominantEmotion());
            } else if (event instanceof ImageRejected rejected) {
                line.put("reason", rejected.reason());
                line.put("detail", rejected.message());
            }
            line.put("delivery", published.delivery());
            line.put("analyzerCalls", published.calls().byOperation());
            line.put("analyzerCallsTotal", published.calls().total());
            line.put("analyzerRetries", published.calls().retries());
        } else if (outcome instanceof ProcessingOutcome.Ignored ignored) {
            line.put("outcome", "Ignored");
            line.put("detail", ignored.why());
        } else if (outcome instanceof ProcessingOutcome.Missing missing) {
            line.put("outcome", "Missing");
            line.put("detail", missing.why());
        }
        line.put("millis", millis);
        try {
            LOG.info(EventJson.mapper().writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.info("image processed: {}", line);
        }
    }
}
