package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.SubscriptionFilter;

/**
 * Translates a {@link SubscriptionFilter} to an SNS filter policy over the message attributes the consumer
 * publishes ({@code emotion} String.Array, {@code celebrity} String.Array, {@code faceCount} Number) and back.
 */
public final class SnsFilterPolicies {

    static final String EMOTION = "emotion";
    static final String CELEBRITY = "celebrity";
    static final String FACE_COUNT = "faceCount";
    /** The policy applies to message attributes, where the consumer puts these values. */
    static final String SCOPE = "MessageAttributes";

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private SnsFilterPolicies() {
    }

    /** The policy JSON, or empty when the filter lets everything through (SNS then needs no policy). */
    public static Optional<String> toJson(SubscriptionFilter filter) {
        if (filter.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode policy = MAPPER.createObjectNode();
        if (!filter.emotions().isEmpty()) {
            ArrayNode names = policy.putArray(EMOTION);
            EnumSet.copyOf(filter.emotions()).forEach(emotion -> names.add(emotion.name()));
        }
        if (filter.celebritiesOnly()) {
            policy.putArray(CELEBRITY).addObject().put("exists", true);
        }
        if (filter.minFaces() != null) {
            policy.putArray(FACE_COUNT).addObject().putArray("numeric").add(">=").add(filter.minFaces());
        }
        return Optional.of(policy.toString());
    }

    /**
     * Reads back a policy this class wrote. Parts it does not recognise (a policy edited by hand in the console)
     * are left out rather than guessed.
     */
    public static SubscriptionFilter fromJson(String policyJson) {
        if (policyJson == null || policyJson.isBlank()) {
            return SubscriptionFilter.none();
        }
        JsonNode policy;
        try {
            policy = MAPPER.readTree(policyJson);
        } catch (JsonProcessingException e) {
            return SubscriptionFilter.none();
        }
        Set<Emotion> emotions = EnumSet.noneOf(Emotion.class);
        policy.path(EMOTION).forEach(node -> Emotion.parse(node.asText()).ifPresent(emotions::add));
        boolean celebritiesOnly = policy.path(CELEBRITY).path(0).path("exists").asBoolean(false);
        JsonNode numeric = policy.path(FACE_COUNT).path(0).path("numeric");
        Integer minFaces = ">=".equals(numeric.path(0).asText()) && numeric.path(1).canConvertToInt()
                ? numeric.path(1).asInt() : null;
        return new SubscriptionFilter(emotions, celebritiesOnly, minFaces);
    }
}
