package org.emotionanalyser.tenants.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.emotionanalyser.router.domain.InvalidTenantIdException;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys();

    @Test
    void issue_whenCalled_returnsKeyOfTenantWhoseSecretMatchesOnlyItsOwnHash() {
        ApiKeys.IssuedKey issued = keys.issue("acme-events");

        assertThat(issued.plaintext()).startsWith("acme-events.");
        ApiKeys.PresentedKey presented = ApiKeys.parse(issued.plaintext()).orElseThrow();
        assertThat(presented.tenantId()).isEqualTo("acme-events");
        assertThat(ApiKeys.matches(presented.secret(), issued.salt(), issued.hash())).isTrue();
        assertThat(issued.hash()).doesNotContain(presented.secret());
        assertThat(issued.toString()).doesNotContain(presented.secret());
    }

    @Test
    void issue_whenRotated_oldKeyNoLongerMatchesNewHash() {
        ApiKeys.IssuedKey first = keys.issue("acme-events");
        ApiKeys.IssuedKey rotated = keys.issue("acme-events");

        String oldSecret = ApiKeys.parse(first.plaintext()).orElseThrow().secret();
        String newSecret = ApiKeys.parse(rotated.plaintext()).orElseThrow().secret();
        assertThat(ApiKeys.matches(oldSecret, rotated.salt(), rotated.hash())).isFalse();
        assertThat(ApiKeys.matches(newSecret, rotated.salt(), rotated.hash())).isTrue();
        assertThat(rotated.salt()).isNotEqualTo(first.salt());
    }

    @Test
    void matches_whenSecretAltered_isFalse() {
        ApiKeys.IssuedKey issued = keys.issue("acme-events");
        String secret = ApiKeys.parse(issued.plaintext()).orElseThrow().secret();

        assertThat(ApiKeys.matches(secret + "x", issued.salt(), issued.hash())).isFalse();
        assertThat(ApiKeys.matches(secret, issued.salt(), null)).isFalse();
        assertThat(ApiKeys.matches(secret, "00" + issued.salt(), issued.hash())).isFalse();
    }

    @Test
    void parse_whenKeyMalformed_isEmpty() {
        assertThat(ApiKeys.parse(null)).isEmpty();
        assertThat(ApiKeys.parse("no-dot-here")).isEmpty();
        assertThat(ApiKeys.parse("acme-events.")).isEmpty();
        assertThat(ApiKeys.parse("../x.secret")).isEmpty();
        assertThat(ApiKeys.parse("ACME.secret")).isEmpty();
        assertThat(ApiKeys.parse("é-tenant.secret")).isEmpty();
    }

    @Test
    void issue_whenTenantIdInvalid_throws() {
        assertThatThrownBy(() -> keys.issue("../x")).isInstanceOf(InvalidTenantIdException.class);
    }

    @Test
    void isAdminKey_whenShaMatchesInAnyCase_isTrueOtherwiseFalse() throws Exception {
        String adminKey = "admin-secret-key";
        String sha = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(adminKey.getBytes(StandardCharsets.UTF_8)));

        assertThat(ApiKeys.isAdminKey(adminKey, sha)).isTrue();
        assertThat(ApiKeys.isAdminKey(adminKey, sha.toUpperCase())).isTrue();
        assertThat(ApiKeys.isAdminKey(adminKey + "!", sha)).isFalse();
        assertThat(ApiKeys.isAdminKey(adminKey, "")).isFalse();
        assertThat(ApiKeys.isAdminKey(adminKey, null)).isFalse();
    }
}
