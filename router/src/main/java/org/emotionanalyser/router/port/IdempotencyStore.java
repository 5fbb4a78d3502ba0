package org.emotionanalyser.router.port;

import java.time.Duration;
import java.time.Instant;

/**
 * Records which pieces of work are done, so at-least-once delivery does them once. A key is claimed for a short
 * lease before the work, marked publishing just before a side effect that cannot be taken back (a notification),
 * marked completed after it, and released when the work failed. A key released or abandoned while publishing
 * remembers it, so the next holder knows the side effect may already have happened.
 */
public interface IdempotencyStore {

    /** What {@link #tryClaim} found. */
    enum Claim {
        /** Nobody holds the key (or the holder's lease ran out): the caller now holds it and does the work. */
        CLAIMED,
        /**
         * As {@link #CLAIMED}, but an earlier holder had marked the key publishing and then failed or stopped: its
         * notification may have gone out, so publishing again may deliver a second copy.
         */
        CLAIMED_AFTER_INTERRUPTED_PUBLISH,
        /** The work is done already. */
        COMPLETED,
        /** Someone else is doing the work right now. */
        IN_PROGRESS
    }

    /** Claims the key until {@code now + lease}, atomically. */
    Claim tryClaim(String key, Instant now, Duration lease);

    /**
     * Records, before publishing, that the holder is about to publish, and renews its lease until {@code now +
     * lease}.
     *
     * @throws RuntimeException when the caller no longer holds the key
     */
    void markPublishing(String key, Instant now, Duration lease);

    /** Marks the work done; the record is forgotten at {@code expiresAt}. */
    void complete(String key, Instant expiresAt);

    /**
     * Gives up a claim after the work failed, so a retry can claim it at once; a key marked publishing stays so
     * marked (the retry gets {@link Claim#CLAIMED_AFTER_INTERRUPTED_PUBLISH}).
     */
    void release(String key);
}
