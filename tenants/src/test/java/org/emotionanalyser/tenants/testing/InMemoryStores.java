package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-memory versions of the stores for unit tests of the domain and the handler. They keep the semantics the
 * consumer relies on (conditional first write, idempotent puts, leases) but no pagination: listings return one
 * page. The DynamoDB adapters are tested against DynamoDB Local.
 */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** Tenants by id. */
    public static final class Tenants implements TenantDirectory {
        private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
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
            return new Page<>(List.copyOf(tenants.values()), null);
        }

        @Override
        public void delete(String tenantId) {
            tenants.remove(tenantId);
        }
    }

    /** Image records by tenant and id. */
    public static final class Images implements ImageCatalogue {
        private final Map<String, ImageRecord> records = new ConcurrentHashMap<>();

        @Override
        public Optional<ImageRecord> find(String tenantId, String imageId) {
            return Optional.ofNullable(records.get(tenantId + '/' + imageId));
        }

        @Override
        public void put(ImageRecord record) {
            records.put(record.tenantId() + '/' + record.imageId(), record);
        }

        @Override
        public ImageRecord recordIfAbsent(ImageRecord record) {
            ImageRecord existing = records.putIfAbsent(record.tenantId() + '/' + record.imageId(), record);
            return existing == null ? record : existing;
        }

        @Override
        public Page<ImageRecord> list(String tenantId, ImageStatus status, int limit, String pageToken) {
            return new Page<>(records.values().stream()
                    .filter(r -> r.tenantId().equals(tenantId) && (status == null || r.status() == status))
                    .sorted(Comparator.comparing(ImageRecord::analyzedAt).thenComparing(ImageRecord::imageId)
                            .reversed())
                    .toList(), null);
        }

        @Override
        public List<ImageRecord> firstInKeyOrder(String tenantId, int limit) {
            return records.values().stream().filter(r -> r.tenantId().equals(tenantId))
                    .sorted(Comparator.comparing(ImageRecord::imageId)).limit(limit).toList();
        }

        @Override
        public void delete(String tenantId, String imageId) {
            records.remove(tenantId + '/' + imageId);
        }

        public List<ImageRecord> all() {
            return List.copyOf(records.values());
        }
    }

    /** Emotion rows by emotion, tenant and sort key. */
    public static final class Timeline implements EmotionTimeline {
        private final Map<String, EmotionRow> rows = new TreeMap<>();

        private static String key(String tenantId, Emotion emotion, String sortKey) {
            return emotion + "/" + tenantId + "/" + sortKey;
        }

        @Override
        public synchronized void putAll(List<EmotionRow> newRows) {
            newRows.forEach(row -> rows.put(key(row.tenantId(), row.emotion(), row.sortKey()), row));
        }

        @Override
        public synchronized Page<EmotionRow> query(String tenantId, Emotion emotion, Instant from, Instant to,
                                                   int limit, String pageToken) {
            List<EmotionRow> found = new ArrayList<>();
            forEach(tenantId, emotion, from, to, found::add);
            java.util.Collections.reverse(found);
            return new Page<>(found, null);
        }

        @Override
        public synchronized void forEach(String tenantId, Emotion emotion, Instant from, Instant to,
                                         Consumer<EmotionRow> action) {
            rows.values().stream()
                    .filter(r -> r.tenantId().equals(tenantId) && r.emotion() == emotion)
                    .filter(r -> (from == null || !r.analyzedAt().isBefore(from))
                            && (to == null || r.analyzedAt().isBefore(to)))
                    .sorted(Comparator.comparing(EmotionRow::sortKey))
                    .forEach(action);
        }

        @Override
        public synchronized void deleteImage(String tenantId, String imageId, Instant analyzedAt,
                                             Collection<Emotion> emotions) {
            emotions.forEach(e -> rows.remove(key(tenantId, e, EmotionRow.sortKey(analyzedAt, imageId))));
        }

        public synchronized List<EmotionRow> all() {
            return List.copyOf(rows.values());
        }
    }

    /** Claims and completions by key. */
    public static final class Idempotency implements IdempotencyStore {
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
}
