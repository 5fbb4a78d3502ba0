package org.emotionanalyser.router.testing;

import org.emotionanalyser.router.port.IdempotencyStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link IdempotencyStore} in memory with the DynamoDB store's claim, lease, publishing-mark and completion
 * rules.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private enum State { IN_PROGRESS, PUBLISHING, COMPLETED }

    private record Entry(State state, Instant leaseUntil) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public synchronized Claim tryClaim(String key, Instant now, Duration lease) {
        Entry entry = entries.get(key);
        if (entry != null && entry.state() == State.COMPLETED) {
            return Claim.COMPLETED;
        }
        if (entry != null && now.isBefore(entry.leaseUntil())) {
            return Claim.IN_PROGRESS;
        }
        entries.put(key, new Entry(State.IN_PROGRESS, now.plus(lease)));
        return entry != null && entry.state() == State.PUBLISHING ? Claim.CLAIMED_AFTER_INTERRUPTED_PUBLISH
                : Claim.CLAIMED;
    }

    @Override
    public synchronized void markPublishing(String key, Instant now, Duration lease) {
        Entry entry = entries.get(key);
        if (entry == null || entry.state() == State.COMPLETED) {
            throw new IllegalStateException("the key " + key + " is not held");
        }
        entries.put(key, new Entry(State.PUBLISHING, now.plus(lease)));
    }

    @Override
    public synchronized void complete(String key, Instant expiresAt) {
        entries.put(key, new Entry(State.COMPLETED, Instant.MAX));
    }

    @Override
    public synchronized void release(String key) {
        entries.computeIfPresent(key, (k, entry) -> switch (entry.state()) {
            case COMPLETED -> entry;
            case PUBLISHING -> new Entry(State.PUBLISHING, Instant.MIN);
            case IN_PROGRESS -> null;
        });
    }

    public synchronized boolean isCompleted(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.state() == State.COMPLETED;
    }
}
