package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.ingest.IngestWiring;
import org.emotionanalyser.ingest.domain.ProcessingOutcome;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.domain.UploadedObject;
import org.emotionanalyser.lambdasupport.sqs.SqsBatchProcessor;
import org.emotionanalyser.router.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reader's on-failure destination, drained: each message is Lambda's record of a reader invocation that
 * failed after all its asynchronous retries ({@code requestPayload} is the S3 notification, {@code
 * responsePayload} the last error). Every upload in it is recorded as {@code ImageRejected / ANALYSIS_FAILED}
 * with the error, so no photo stays PENDING forever. A photo an earlier attempt did analyse keeps its result: the
 * consumer records the first outcome of an image id and drops the rest.
 *
 * <p>A message that cannot be handled (store or bus unavailable) is reported in the batch response and retried;
 * after the queue's maxReceiveCount it moves to the reader failure DLQ, which has an alarm.
 */
public final class ReaderFailureHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderFailureHandler.class);
    private static final SqsBatchProcessor BATCH = SqsBatchProcessor.forHandler(ReaderFailureHandler.class);
    /** A rejection message stays readable in the catalogue and the notification. */
    private static final int MAX_ERROR_CHARS = 300;

    private final UploadProcessor processor;

    /** Used by Lambda. */
    public ReaderFailureHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public ReaderFailureHandler(Map<String, String> env) {
        this(IngestWiring.fromEnvironment(env).uploadProcessor());
    }

    /** With a ready processor (tests, custom wiring). */
    public ReaderFailureHandler(UploadProcessor processor) {
        this.processor = processor;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return BATCH.process(event, this::handle);
    }

    /** Records the uploads of one failed invocation; returns how many. */
    private int handle(SQSEvent.SQSMessage message) {
        JsonNode record;
        try {
            record = EventJson.mapper().readTree(message.getBody());
        } catch (IOException e) {
            LOG.error("message {} is not a Lambda destination record and is dropped: {}", message.getMessageId(),
                    e.getMessage());
            return 0;
        }
        String why = "the analysis failed after " + record.path("requestContext").path("approximateInvokeCount")
                .asInt(1) + " invocation(s) of the reader (" + error(record.path("responsePayload"))
                + "); upload the image again later";
        List<UploadedObject> uploads = uploads(record.path("requestPayload"));
        for (UploadedObject upload : uploads) {
            ProcessingOutcome outcome = processor.giveUp(upload, why);
            LOG.info("gave up on s3://{}/{} after the reader's retries: {}", upload.bucket(), upload.key(),
                    outcome instanceof ProcessingOutcome.Published published ? published.event().imageId()
                            : outcome);
        }
        return uploads.size();
    }

    private static String error(JsonNode response) {
        String text = response.path("errorType").asText("unknown error") + ": "
                + response.path("errorMessage").asText("");
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "...";
    }

    /** The objects of an S3 notification; S3 URL-encodes keys, spaces as '+'. */
    private static List<UploadedObject> uploads(JsonNode s3Event) {
        List<UploadedObject> uploads = new ArrayList<>();
        for (JsonNode record : s3Event.path("Records")) {
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText(null);
            String key = s3.path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                LOG.warn("ignoring a record without bucket or key: {}", record.path("eventName").asText());
                continue;
            }
            try {
                key = URLDecoder.decode(key, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                LOG.warn("ignoring a record whose key is not valid URL encoding: {}", key);
                continue;
            }
            uploads.add(new UploadedObject(bucket, key, s3.path("object").path("eTag").asText(null),
                    s3.path("object").path("versionId").asText(null)));
        }
        return uploads;
    }
}
