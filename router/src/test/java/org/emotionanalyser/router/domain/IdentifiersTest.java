package org.emotionanalyser.router.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "rock-fest-2026", "0-0", "a234567890123456789012345678901234567890"})
    void isValid_whenLowercaseDigitsAndDash_accepts(String id) {
        assertThat(TenantId.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Rock", "../x", "a/b", "a b", "café", "a_b",
            "a2345678901234567890123456789012345678901", "abc\n"})
    void isValid_whenAnythingElse_rejects(String id) {
        assertThat(TenantId.isValid(id)).isFalse();
        assertThatThrownBy(() -> TenantId.require(id)).isInstanceOf(InvalidTenantIdException.class)
                .hasMessageNotContaining(id.isEmpty() ? "\u0000" : id);
    }

    @Test
    void forObject_whenFileStemIsAnImageId_usesIt() {
        assertThat(ImageId.forObject("b", "uploads/abc/0123456789abcdef0123456789abcdef.jpg", "e1"))
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void forObject_whenSameObjectSeenTwice_givesTheSameIdAndDifferentContentGivesAnother() {
        String first = ImageId.forObject("b", "uploads/abc/holiday photo.jpg", "\"e1\"");

        assertThat(ImageId.forObject("b", "uploads/abc/holiday photo.jpg", "e1")).isEqualTo(first);
        assertThat(ImageId.forObject("b", "uploads/abc/holiday photo.jpg", "e2")).isNotEqualTo(first);
        assertThat(ImageId.isValid(first)).isTrue();
    }

    @Test
    void newRandom_whenCalledTwice_givesDistinctValidIds() {
        String a = ImageId.newRandom();
        String b = ImageId.newRandom();

        assertThat(ImageId.isValid(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void tenantOfUpload_whenKeyIsAnUpload_returnsTheTenant() {
        assertThat(UploadKeys.tenantOfUpload("uploads/rock-fest/a b+ü.jpg")).contains("rock-fest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exports/rock-fest/2026-11-20.csv", "uploads/rock-fest/", "uploads/Rock/a.jpg",
            "uploads/rock-fest/nested/a.jpg", "uploads//a.jpg", "other/uploads/abc/a.jpg", "uploads/abc"})
    void tenantOfUpload_whenKeyIsNotAnUpload_isEmpty(String key) {
        assertThat(UploadKeys.tenantOfUpload(key)).isEmpty();
    }

    @Test
    void tenantEventPattern_whenTenantValid_matchesOnlyThatTenantsReaderEvents() {
        assertThat(EventContract.tenantEventPattern("rock-fest")).isEqualTo(
                "{\"source\":[\"emotion-analyser.ingest\"],\"detail\":{\"tenantId\":[\"rock-fest\"]}}");
    }

    @Test
    void tenantEventPattern_whenTenantCouldInjectPatternSyntax_refuses() {
        assertThatThrownBy(() -> EventContract.tenantEventPattern("a\"],\"x\":[\"b"))
                .isInstanceOf(InvalidTenantIdException.class);
    }
}
