package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTokensTest {

    private static final List<String> KEYS = List.of("tenantId", "sk");
    private static final Map<String, AttributeValue> ACME_KEY = Map.of(
            "tenantId", AttributeValue.fromS("acme"), "sk", AttributeValue.fromS("2026-11-21T10:15:30.123Z#abc"));

    @Test
    void accept_whenTokenWasIssuedForTheSameListingAndTenant_returnsTheKey() {
        String token = PageTokens.issue("emotion:HAPPY", "acme", ACME_KEY);

        assertThat(PageTokens.accept(token, "emotion:HAPPY", "acme", KEYS, "acme")).isEqualTo(ACME_KEY);
        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void accept_whenTokenWasIssuedForAnotherTenant_rejectsIt() {
        String token = PageTokens.issue("emotion:HAPPY", "acme", ACME_KEY);

        assertThatThrownBy(() -> PageTokens.accept(token, "emotion:HAPPY", "globex", KEYS, "globex"))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void accept_whenTokenIsEditedToNameAnotherTenantButKeepsTheKey_rejectsIt() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"v\":1,\"listing\":\"emotion:HAPPY\",\"tenantId\":\"globex\",\"key\":{\"tenantId\":\"acme\","
                        + "\"sk\":\"x\"}}").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageTokens.accept(forged, "emotion:HAPPY", "globex", KEYS, "globex"))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void accept_whenTokenIsNotBase64JsonOrLacksKeys_rejectsIt() {
        String missingKey = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"v\":1,\"listing\":\"emotion:HAPPY\",\"tenantId\":\"acme\",\"key\":{\"tenantId\":\"acme\"}}"
                        .getBytes(StandardCharsets.UTF_8));

        for (String bad : List.of("%%%", "bm90IGpzb24", missingKey, "x".repeat(5000))) {
            assertThatThrownBy(() -> PageTokens.accept(bad, "emotion:HAPPY", "acme", KEYS, "acme"))
                    .isInstanceOf(InvalidPageTokenException.class);
        }
    }

    @Test
    void code_whenInvalidPageTokenRaised_isStableForTheApiMapping() {
        assertThat(new InvalidPageTokenException("x").code()).isEqualTo("InvalidPageToken");
    }
}
