package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.edge.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the event notification JSON S3 sends to Lambda for an object write. */
public final class S3EventNotifications {

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String region;
    /** S3's sequencer orders events of one key; a counter seeded with the clock keeps order across restarts. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    S3EventNotifications(String region) {
        this.region = region;
    }

    /**
     * One {@code {"Records":[...]}} document.
     *
     * @param eventName e.g. {@code ObjectCreated:Put}
     */
    String objectCreated(String eventName, String bucket, String key, long size, String eTag, Instant time) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", EVENT_TIME.format(time));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        record.putObject("responseElements").put("x-amz-request-id", requestId).put("x-amz-id-2", requestId);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "local-object-created");
        ObjectNode bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "LOCAL");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("eTag", eTag);
        object.put("sequencer", String.format("%018X", sequence.incrementAndGet()));
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode records = root.putArray("Records");
        records.add(record);
        return root.toString();
    }

    /**
     * Encodes a key as S3 does in notifications: form URL encoding (space as {@code +}, non-ASCII as UTF-8
     * percent escapes) with {@code /} left as it is.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
