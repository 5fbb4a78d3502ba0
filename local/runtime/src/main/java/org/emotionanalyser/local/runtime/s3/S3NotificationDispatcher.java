package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.lambda.AsyncInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the S3 server's object-created events into asynchronous invocations of the functions the bucket's
 * {@code NotificationConfiguration} names, one event per record (as S3 sends them), filtered by prefix and suffix
 * on the decoded key.
 */
public final class S3NotificationDispatcher implements Consumer<String> {

    private static final Logger LOG = LoggerFactory.getLogger(S3NotificationDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<BucketNotification> notifications;
    private final AsyncInvoker invoker;

    public S3NotificationDispatcher(List<BucketNotification> notifications, AsyncInvoker invoker) {
        this.notifications = List.copyOf(notifications);
        this.invoker = invoker;
    }

    /** Receives one S3 event ({@code {"Records": [...]}}). */
    @Override
    public void accept(String s3EventJson) {
        JsonNode event;
        try {
            event = JSON.readTree(s3EventJson);
        } catch (IOException e) {
            throw new UncheckedIOException("the S3 server sent an event that is not JSON", e);
        }
        for (JsonNode record : event.path("Records")) {
            String bucket = record.path("s3").path("bucket").path("name").asText();
            // Keys in S3 events are URL-encoded (spaces as '+'); filters apply to the real key.
            String key = URLDecoder.decode(record.path("s3").path("object").path("key").asText(),
                    StandardCharsets.UTF_8);
            String eventName = record.path("eventName").asText();
            for (BucketNotification notification : notifications) {
                if (notification.matches(bucket, eventName, key)) {
                    ObjectNode single = JSON.createObjectNode();
                    single.putArray("Records").add(record);
                    LOG.debug("s3://{}/{} -> {}", bucket, key, notification.functionArn());
                    invoker.submit(notification.functionArn(), single.toString());
                }
            }
        }
    }
}
