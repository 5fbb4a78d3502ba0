package org.emotionanalyser.router.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EventEnvelope;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.InvalidEventException;

import java.time.Instant;

/**
 * JSON for the event contract: camelCase fields, ISO-8601 instants, emotion names as map keys, explicit nulls for
 * "no celebrity" and "no dominant emotion". Unknown fields are ignored so that consumers survive additive changes;
 * a different {@code schemaVersion} is refused.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {
    }

    /** A mapper configured like the contract's; modules reuse it for their own JSON. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    /** The shared mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event's detail as JSON. */
    public static String toJson(AnalysisEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contract records always serialise", e);
        }
    }

    /** Parses a detail given its detail-type. */
    public static AnalysisEvent parseDetail(String detailType, String detailJson) {
        try {
            return parseDetail(detailType, MAPPER.readTree(detailJson));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("event detail is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses an EventBridge envelope, as delivered to an SQS target, into its detail. */
    public static EventEnvelope parseEnvelope(String envelopeJson) {
        JsonNode root;
        try {
            root = MAPPER.readTree(envelopeJson);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("message body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("message body is not an EventBridge event object");
        }
        String detailType = text(root, "detail-type");
        AnalysisEvent detail = parseDetail(detailType, root.get("detail"));
        String time = text(root, "time");
        return new EventEnvelope(text(root, "id"), text(root, "source"), detailType,
                time == null ? null : Instant.parse(time), detail);
    }

    private static AnalysisEvent parseDetail(String detailType, JsonNode detail) {
        if (detail == null || !detail.isObject()) {
            throw new InvalidEventException("event has no detail object");
        }
        Class<? extends AnalysisEvent> type;
        if (ImageAnalyzed.DETAIL_TYPE.equals(detailType)) {
            type = ImageAnalyzed.class;
        } else if (ImageRejected.DETAIL_TYPE.equals(detailType)) {
            type = ImageRejected.class;
        } else {
            throw new InvalidEventException("unknown detail-type '" + detailType
                    + "'; expected ImageAnalyzed or ImageRejected");
        }
        int version = detail.path("schemaVersion").asInt(-1);
        if (version != AnalysisEvent.SCHEMA_VERSION) {
            throw new InvalidEventException("unsupported schemaVersion " + version + "; this consumer reads version "
                    + AnalysisEvent.SCHEMA_VERSION);
        }
        try {
            return MAPPER.treeToValue(detail, type);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException(detailType + " detail does not match the contract: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
