package org.emotionanalyser.router.testing;

import org.emotionanalyser.router.port.IdempotencyStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdempotencyStore} in memory with the DynamoDB store's claim, lease and completion rules. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(boolean completed, Instant leaseUntil) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public synchronized Claim tryClaim(String key, Instant now, Duration lease) {
        Entry entry = entries.get(key);
        if (entry != null && entry.completed()) {
            return Claim.COMPLETED;
        }
        if (entry != null && now.isBefore(entry.leaseUntil())) {
            return Claim.IN_PROGRESS;
        }
        entries.put(key, new Entry(false, now.plus(lease)));
        return Claim.CLAIMED;
    }

    @Override
    public synchronized void complete(String key, Instant expiresAt) {
        entries.put(key, new Entry(true, Instant.MAX));
    }

    @Override
    public synchronized void release(String key) {
        entries.computeIfPresent(key, (k, entry) -> entry.completed() ? entry : null);
    }

    public synchronized boolean isCompleted(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.completed();
    }
}
