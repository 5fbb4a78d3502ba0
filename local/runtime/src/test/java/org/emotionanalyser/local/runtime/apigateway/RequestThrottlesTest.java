package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RequestThrottlesTest {

    private static final ApiDefinition.Throttle TENANT_LIMIT = new ApiDefinition.Throttle(10, 20);
    private final AtomicLong now = new AtomicLong();

    @Test
    void keyAllows_whenOneKeyUsesUpItsBurst_otherKeysOfThePlanAreStillServed() {
        RequestThrottles throttles = new RequestThrottles(null, now::get);
        UsagePlanStore.Grant plan = new UsagePlanStore.Grant("tenantusageplan", TENANT_LIMIT);

        int servedA = 0;
        for (int i = 0; i < 60; i++) {
            servedA += throttles.keyAllows("key-of-a", plan) ? 1 : 0;
        }

        assertThat(servedA).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(throttles.keyAllows("key-of-b", plan)).as("tenant B request %d", i).isTrue();
        }
    }

    @Test
    void keyAllows_whenThePlanHasNoThrottle_neverThrottlesTheKey() {
        RequestThrottles throttles = new RequestThrottles(null, now::get);
        UsagePlanStore.Grant unthrottled = new UsagePlanStore.Grant("adminusageplan", null);

        for (int i = 0; i < 1_000; i++) {
            assertThat(throttles.keyAllows("admin", unthrottled)).isTrue();
        }
    }

    @Test
    void stageAllows_whenOverTheStageLimit_throttlesWhateverTheKey() {
        RequestThrottles throttles = new RequestThrottles(new ApiDefinition.Throttle(50, 100), now::get);

        int served = 0;
        for (int i = 0; i < 150; i++) {
            served += throttles.stageAllows() ? 1 : 0;
        }

        assertThat(served).isEqualTo(100);
    }
}
