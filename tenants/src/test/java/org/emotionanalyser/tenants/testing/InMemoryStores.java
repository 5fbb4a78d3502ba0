package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.IdempotencyStore;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.TenantDirectory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * In-memory versions of the stores for unit tests of the domain and the handlers. They keep the semantics the
 * consumer relies on (conditional first write, idempotent puts, leases) and page like the real adapters. Page
 * tokens are bound to the tenant and listing like the real adapters' (whose binding the DynamoDB integration
 * tests check); here they are plain text so a test can forge one with {@link #token}.
 */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** The page token these stores issue for the page of {@code listing} that starts at {@code offset}. */
    public static String token(String listing, String tenantId, int offset) {
        return listing + "|" + (tenantId == null ? "-" : tenantId) + "|" + offset;
    }

    private static int offset(String token, String listing, String tenantId) {
        if (token == null) {
            return 0;
        }
        String[] parts = token.split("\\|");
        if (parts.length != 3 || !parts[0].equals(listing)
                || !parts[1].equals(tenantId == null ? "-" : tenantId)) {
            throw new InvalidPageTokenException("the page token was not issued for this listing");
        }
        return Integer.parseInt(parts[2]);
    }

    private static <T> Page<T> page(List<T> all, String pageToken, int limit, String listing, String tenantId) {
        int offset = offset(pageToken, listing, tenantId);
        int end = Math.min(all.size(), offset + limit);
        return new Page<>(all.subList(Math.min(offset, all.size()), end),
                end < all.size() ? token(listing, tenantId, end) : null);
    }

    /** Tenants by id, listed in id order. */
    public static final class Tenants implements TenantDirectory {
        /** The stored tenants by id; tests inspect it directly. */
        public final Map<String, Tenant> tenants = new ConcurrentSkipListMap<>();
        private int reads;

        @Override
        public Optional<Tenant> find(String tenantId) {
            reads++;
            return Optional.ofNullable(tenants.get(tenantId));
        }

        /** How often {@link #find} was called. */
        public int reads() {
            return reads;
        }

        @Override
        public void save(Tenant tenant) {
            tenants.put(tenant.tenantId(), tenant);
        }

        @Override
        public boolean saveIfAbsent(Tenant tenant) {
            return tenants.putIfAbsent(tenant.tenantId(), tenant) == null;
        }

        @Override
        public boolean replaceIfUnchanged(Tenant current, Tenant replacement) {
            boolean[] replaced = {false};
            tenants.computeIfPresent(replacement.tenantId(), (id, stored) -> {
                replaced[0] = stored.status() == current.status()
                        && java.util.Objects.equals(stored.keyHash(), current.keyHash());
                return replaced[0] ? replacement : stored;
            });
            return replaced[0];
        }

        @Override
        public Page<Tenant> list(int limit, String pageToken) {
            return page(List.copyOf(tenants.values()), pageToken, limit, "tenants", null);
        }

        @Override
        public void delete(String tenantId) {
            tenants.remove(tenantId);
        }
    }

    /** Image records by tenant, in image id (key) order. */
    public static final class Images implements ImageCatalogue {
        private final Map<String, TreeMap<String, ImageRecord>> byTenant = new ConcurrentHashMap<>();

        private TreeMap<String, ImageRecord> of(String tenantId) {
            return byTenant.getOrDefault(tenantId, new TreeMap<>());
        }

        @Override
        public Optional<ImageRecord> find(String tenantId, String imageId) {
            return Optional.ofNullable(of(tenantId).get(imageId));
        }

        @Override
        public void put(ImageRecord record) {
            byTenant.computeIfAbsent(record.tenantId(), t -> new TreeMap<>()).put(record.imageId(), record);
        }

        @Override
        public ImageRecord recordIfAbsent(ImageRecord record) {
            return byTenant.computeIfAbsent(record.tenantId(), t -> new TreeMap<>())
                    .computeIfAbsent(record.imageId(), id -> record);
        }

        @Override
        public Page<ImageRecord> list(String tenantId, ImageStatus status, int limit, String pageToken) {
            List<ImageRecord> all = of(tenantId).values().stream()
                    .filter(record -> status == null || record.status() == status)
                    .sorted(Comparator.comparing(ImageRecord::analyzedAt).thenComparing(ImageRecord::imageId)
                            .reversed())
                    .toList();
            return page(all, pageToken, limit, "images:" + status, tenantId);
        }

        @Override
        public List<ImageRecord> firstInKeyOrder(String tenantId, int limit) {
            return of(tenantId).values().stream().limit(limit).toList();
        }

        @Override
        public void delete(String tenantId, String imageId) {
            of(tenantId).remove(imageId);
        }

        /** Every stored record of every tenant. */
        public List<ImageRecord> all() {
            return byTenant.values().stream().flatMap(records -> records.values().stream()).toList();
        }
    }

    /** Emotion rows keyed by tenant, emotion and sort key. */
    public static final class Timeline implements EmotionTimeline {
        /** The stored rows in write order; tests inspect them directly. */
        public final List<EmotionRow> rows = new ArrayList<>();

        @Override
        public synchronized void putAll(List<EmotionRow> newRows) {
            for (EmotionRow row : newRows) {
                rows.removeIf(existing -> same(existing, row.tenantId(), row.emotion(), row.sortKey()));
                rows.add(row);
            }
        }

        private List<EmotionRow> select(String tenantId, Emotion emotion, Instant from, Instant to) {
            return rows.stream()
                    .filter(row -> row.tenantId().equals(tenantId) && row.emotion() == emotion)
                    .filter(row -> from == null || !row.analyzedAt().isBefore(from))
                    .filter(row -> to == null || row.analyzedAt().isBefore(to))
                    .sorted(Comparator.comparing(EmotionRow::sortKey))
                    .toList();
        }

        @Override
        public synchronized Page<EmotionRow> query(String tenantId, Emotion emotion, Instant from, Instant to,
                                                   int limit, String pageToken) {
            List<EmotionRow> newestFirst = new ArrayList<>(select(tenantId, emotion, from, to));
            Collections.reverse(newestFirst);
            return page(newestFirst, pageToken, limit, "emotion:" + emotion, tenantId);
        }

        @Override
        public synchronized void forEach(String tenantId, Emotion emotion, Instant from, Instant to,
                                         Consumer<EmotionRow> action) {
            select(tenantId, emotion, from, to).forEach(action);
        }

        @Override
        public synchronized void deleteImage(String tenantId, String imageId, Instant analyzedAt,
                                             Collection<Emotion> emotions) {
            String key = EmotionRow.sortKey(analyzedAt, imageId);
            rows.removeIf(row -> emotions.contains(row.emotion()) && same(row, tenantId, row.emotion(), key));
        }

        private static boolean same(EmotionRow row, String tenantId, Emotion emotion, String sortKey) {
            return row.tenantId().equals(tenantId) && row.emotion() == emotion && row.sortKey().equals(sortKey);
        }

        /** A copy of every stored row. */
        public synchronized List<EmotionRow> all() {
            return List.copyOf(rows);
        }
    }

    /** Claims, publishing marks and completions by key. */
    public static final class Idempotency implements IdempotencyStore {
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
}
