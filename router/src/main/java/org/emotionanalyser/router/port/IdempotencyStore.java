package org.emotionanalyser.router.port;

import java.time.Duration;
import java.time.Instant;

/**
 * Records which pieces of work are done, so at-least-once delivery does them once. A key is claimed for a short
 * lease before the work, marked completed after it, and released when the work failed.
 */
public interface IdempotencyStore {

    /** What {@link #tryClaim} found. */
    enum Claim {
        /** Nobody holds the key (or the holder's lease ran out): the caller now holds it and does the work. */
        CLAIMED,
        /** The work is done already. */
        COMPLETED,
        /** Someone else is doing the work right now. */
        IN_PROGRESS
    }

    /** Claims the key until {@code now + lease}, atomically. */
    Claim tryClaim(String key, Instant now, Duration lease);

    /** Marks the work done; the record is forgotten at {@code expiresAt}. */
    void complete(String key, Instant expiresAt);

    /** Gives up a claim after the work failed, so a retry can claim it at once. */
    void release(String key);
}
