package org.emotionanalyser.local.runtime.edge;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackGuardTest {

    private final LoopbackGuard guard = new LoopbackGuard(4566);

    @Test
    void refusal_whenHostIsALoopbackNameOnTheOwnPort_servesIt() {
        assertThat(guard.refusal("localhost:4566", null, null, false)).isEmpty();
        assertThat(guard.refusal("127.0.0.1:4566", null, null, false)).isEmpty();
        assertThat(guard.refusal("[::1]:4566", null, null, false)).isEmpty();
        assertThat(guard.refusal("my-bucket.localhost:4566", null, null, false)).isEmpty();
    }

    @Test
    void refusal_whenHostIsAnotherNameOrPort_refusesItAsDnsRebinding() {
        assertThat(guard.refusal("evil.example:4566", null, null, false)).hasValueSatisfying(
                why -> assertThat(why).contains("evil.example").contains("4566"));
        assertThat(guard.refusal("localhost.evil.example:4566", null, null, false)).isPresent();
        assertThat(guard.refusal("localhost:8080", null, null, false)).isPresent();
        assertThat(guard.refusal("localhost", null, null, false)).isPresent();
        assertThat(guard.refusal(null, null, null, false)).isPresent();
    }

    @Test
    void refusal_whenAPageOfAnotherOriginCalls_refusesItUnlessThatOriginWasAllowed() {
        assertThat(guard.refusal("localhost:4566", "https://evil.example", null, false)).isPresent();
        assertThat(guard.refusal("localhost:4566", "http://localhost:8080", "same-site", false)).isPresent();
        assertThat(guard.refusal("localhost:4566", "null", null, false)).isPresent();
        assertThat(guard.refusal("localhost:4566", "http://localhost:4566", "same-origin", false)).isEmpty();

        guard.allowOrigin(URI.create("http://localhost:8080"));

        assertThat(guard.refusal("127.0.0.1:4566", "http://localhost:8080", "cross-site", false)).isEmpty();
        assertThat(guard.refusal("127.0.0.1:4566", "http://127.0.0.1:8080", null, false)).isEmpty();
        assertThat(guard.allowsOrigin("http://localhost:8080")).isTrue();
        assertThat(guard.allowsOrigin("http://localhost:3000")).isFalse();
    }

    @Test
    void refusal_whenABrowserSaysCrossSiteWithoutOrigin_refusesAllButPresignedReads() {
        assertThat(guard.refusal("127.0.0.1:4566", null, "cross-site", false)).isPresent();
        assertThat(guard.refusal("127.0.0.1:4566", null, "cross-site", true)).isEmpty();
        assertThat(guard.refusal("127.0.0.1:4566", null, "none", false)).isEmpty();
    }
}
