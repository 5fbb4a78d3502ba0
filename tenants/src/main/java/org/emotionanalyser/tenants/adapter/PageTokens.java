package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opaque page tokens: base64url of {@code {"v":1,"listing":...,"tenantId":...,"key":{...}}}, where {@code key} is
 * the table key of the last item returned.
 *
 * <p>A token is only accepted for the listing and tenant it was issued for, and only when its key has exactly the
 * table's key attributes and its partition key is that tenant. Every query also pins the partition key to the
 * caller's tenant, so an edited token can at most skip around inside the caller's own data; it can never reach
 * another tenant's rows.
 */
final class PageTokens {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final int VERSION = 1;
    private static final int MAX_TOKEN_LENGTH = 2048;
    private static final String INVALID = "the page token was not issued for this listing; "
            + "repeat the request without it to start from the first page";

    private PageTokens() {
    }

    /**
     * A token continuing after {@code lastKey}.
     *
     * @param tenantId the tenant the listing belongs to, or {@code null} for a listing across tenants (admin)
     */
    static String issue(String listing, String tenantId, Map<String, AttributeValue> lastKey) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.put("listing", listing);
        root.put("tenantId", tenantId);
        ObjectNode key = root.putObject("key");
        lastKey.forEach((name, value) -> key.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /**
     * The exclusive start key in a token, after checking it belongs to this listing and tenant.
     *
     * @param keyNames       the table's key attribute names, partition key first; all are strings
     * @param partitionValue the value the partition key must have, or {@code null} when any is allowed
     * @throws InvalidPageTokenException when it does not
     */
    static Map<String, AttributeValue> accept(String token, String listing, String tenantId, List<String> keyNames,
                                              String partitionValue) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidPageTokenException(INVALID);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidPageTokenException(INVALID);
        }
        if (root == null || !root.isObject() || root.path("v").asInt() != VERSION
                || !listing.equals(root.path("listing").asText(null))
                || !equalOrBothNull(tenantId, root.path("tenantId").isNull() ? null : root.path("tenantId").asText(null))) {
            throw new InvalidPageTokenException(INVALID);
        }
        JsonNode key = root.path("key");
        if (!key.isObject() || key.size() != keyNames.size()) {
            throw new InvalidPageTokenException(INVALID);
        }
        Map<String, AttributeValue> startKey = new LinkedHashMap<>();
        for (String name : keyNames) {
            JsonNode value = key.get(name);
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw new InvalidPageTokenException(INVALID);
            }
            startKey.put(name, AttributeValue.fromS(value.asText()));
        }
        if (partitionValue != null && !partitionValue.equals(startKey.get(keyNames.get(0)).s())) {
            throw new InvalidPageTokenException(INVALID);
        }
        return startKey;
    }

    private static boolean equalOrBothNull(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

}
