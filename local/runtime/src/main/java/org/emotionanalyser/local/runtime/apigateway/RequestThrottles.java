package org.emotionanalyser.local.runtime.apigateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API Gateway's request throttling: one token bucket for the whole stage ({@code MethodSettings}, the ceiling over
 * every caller) and one per usage-plan key with its plan's rate and burst, so one key over its limit is answered 429
 * while the other keys are served.
 */
public final class RequestThrottles {

    private final TokenBucket stage;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> perKey = new ConcurrentHashMap<>();

    /**
     * @param stageLimit the stage's limit, or {@code null} for none
     * @param nanoClock  a monotonic clock in nanoseconds
     */
    public RequestThrottles(ApiDefinition.Throttle stageLimit, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.stage = stageLimit == null ? null
                : new TokenBucket(stageLimit.rateLimit(), stageLimit.burstLimit(), nanoClock);
    }

    /** Takes a token from the key's bucket under its plan's limit: false when the key is over it. */
    public boolean keyAllows(String keyValue, UsagePlanStore.Grant grant) {
        if (grant.throttle() == null) {
            return true;
        }
        ApiDefinition.Throttle limit = grant.throttle();
        // Keyed by plan and limit too, so a key moved to another plan, or a changed limit, gets a fresh bucket.
        return perKey.computeIfAbsent(grant.planId() + '\n' + limit + '\n' + keyValue,
                k -> new TokenBucket(limit.rateLimit(), limit.burstLimit(), nanoClock)).tryTake();
    }

    /** Takes a token from the stage's bucket: false when the stage is over its limit. */
    public boolean stageAllows() {
        return stage == null || stage.tryTake();
    }
}
