package org.emotionanalyser.local.runtime.apigateway;

import java.util.function.LongSupplier;

/**
 * The token bucket API Gateway throttles with: it holds at most {@code burst} tokens, starts full, refills at
 * {@code rate} tokens a second, and each request takes one; a request that finds less than one token is throttled
 * (429). So a client may send {@code burst} requests at once and then {@code rate} a second.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerSecond;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
     */
    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (ratePerSecond < 0 || burst < 0) {
            throw new IllegalArgumentException("a token bucket needs a rate and a burst of 0 or more, not "
                    + ratePerSecond + " and " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacity = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes a token if there is one: true when the request may go ahead. */
    public synchronized boolean tryTake() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / NANOS_PER_SECOND * ratePerSecond);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
