package org.emotionanalyser.tenants.handler;

import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ExportFile;
import org.emotionanalyser.tenants.domain.ExportNotice;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.ProvisionedResources;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.tenants.domain.TenantResourceNames;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ExportNotifier;
import org.emotionanalyser.tenants.port.ExportStore;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.Subscriptions;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.emotionanalyser.tenants.port.TenantResources;

/**
 * In-memory ports for handler and domain tests. Page tokens are bound to the tenant and listing like the real
 * adapters' (whose binding the DynamoDB integration test checks); here they are plain text.
 */
final class InMemoryPorts {

    private InMemoryPorts() {
    }

    static String token(String listing, String tenantId, int offset) {
        return listing + "|" + (tenantId == null ? "-" : tenantId) + "|" + offset;
    }

    static int offset(String token, String listing, String tenantId) {
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

    static <T> Page<T> page(List<T> all, int offset, int limit, String listing, String tenantId) {
        int end = Math.min(all.size(), offset + limit);
        return new Page<>(all.subList(Math.min(offset, all.size()), end),
                end < all.size() ? token(listing, tenantId, end) : null);
    }

    static final class Catalogue implements ImageCatalogue {
        final Map<String, TreeMap<String, ImageRecord>> byTenant = new ConcurrentHashMap<>();

        @Override
        public Optional<ImageRecord> find(String tenantId, String imageId) {
            return Optional.ofNullable(byTenant.getOrDefault(tenantId, new TreeMap<>()).get(imageId));
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
            String listing = "images:" + status;
            List<ImageRecord> all = byTenant.getOrDefault(tenantId, new TreeMap<>()).values().stream()
                    .filter(record -> status == null || record.status() == status)
                    .sorted(Comparator.comparing(ImageRecord::analyzedAt).thenComparing(ImageRecord::imageId)
                            .reversed())
                    .toList();
            return page(all, offset(pageToken, listing, tenantId), limit, listing, tenantId);
        }

        @Override
        public List<ImageRecord> firstInKeyOrder(String tenantId, int limit) {
            return byTenant.getOrDefault(tenantId, new TreeMap<>()).values().stream().limit(limit).toList();
        }

        @Override
        public void delete(String tenantId, String imageId) {
            byTenant.getOrDefault(tenantId, new TreeMap<>()).remove(imageId);
        }
    }

    static final class Timeline implements EmotionTimeline {
        final List<EmotionRow> rows = new ArrayList<>();

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
            String listing = "emotion:" + emotion;
            List<EmotionRow> newestFirst = new ArrayList<>(select(tenantId, emotion, from, to));
            java.util.Collections.reverse(newestFirst);
            return page(newestFirst, offset(pageToken, listing, tenantId), limit, listing, tenantId);
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
    }

    static final class Objects implements TenantObjects {
        final List<String> keys = new ArrayList<>();
        final Map<String, Integer> retention = new ConcurrentHashMap<>();
        RuntimeException failRetention;

        @Override
        public Optional<String> findUpload(String tenantId, String imageId) {
            return keys.stream().filter(key -> key.startsWith("uploads/" + tenantId + "/" + imageId + ".")).findFirst();
        }

        @Override
        public int deleteUploads(String tenantId, String imageId) {
            int before = keys.size();
            keys.removeIf(key -> key.startsWith("uploads/" + tenantId + "/" + imageId + "."));
            return before - keys.size();
        }

        @Override
        public void deleteAll(String tenantId) {
            keys.removeIf(key -> key.startsWith("uploads/" + tenantId + "/") || key.startsWith("exports/" + tenantId + "/"));
        }

        @Override
        public void applyRetention(String tenantId, int retentionDays) {
            if (failRetention != null) {
                throw failRetention;
            }
            if (retentionDays == 0) {
                retention.remove(tenantId);
            } else {
                retention.put(tenantId, retentionDays);
            }
        }
    }

    static final class Links implements ImageLinks {
        @Override
        public String presignedGet(String key, Duration validity) {
            return "https://images.example/" + key + "?X-Amz-Expires=" + validity.toSeconds();
        }
    }

    static final class Directory implements TenantDirectory {
        final Map<String, Tenant> tenants = new java.util.concurrent.ConcurrentSkipListMap<>();

        @Override
        public Optional<Tenant> find(String tenantId) {
            return Optional.ofNullable(tenants.get(tenantId));
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
            return page(List.copyOf(tenants.values()), offset(pageToken, "tenants", null), limit, "tenants", null);
        }

        @Override
        public void delete(String tenantId) {
            tenants.remove(tenantId);
        }
    }

    static final class Resources implements TenantResources {
        final List<String> calls = new ArrayList<>();
        RuntimeException failProvision;
        RuntimeException failTeardown;

        @Override
        public ProvisionedResources provision(TenantResourceNames names) {
            calls.add("provision " + names.tenantId());
            if (failProvision != null) {
                throw failProvision;
            }
            String base = "arn:aws:sqs:eu-west-1:123456789012:" + names.queueName();
            return new ProvisionedResources("https://sqs/" + names.queueName(), base,
                    "https://sqs/" + names.deadLetterQueueName(), base + "-dlq", names.ruleName(),
                    "arn:aws:events:eu-west-1:123456789012:rule/bus/" + names.ruleName(),
                    "arn:aws:sns:eu-west-1:123456789012:" + names.topicName(), "mapping-" + names.tenantId());
        }

        @Override
        public void teardown(TenantResourceNames names) {
            calls.add("teardown " + names.tenantId());
            if (failTeardown != null) {
                throw failTeardown;
            }
        }
    }

    static final class SubscriptionsOnTopics implements Subscriptions {
        final Map<String, List<Subscription>> byTopic = new ConcurrentHashMap<>();
        private int next = 1;

        @Override
        public Subscription subscribe(String topicArn, SubscriptionRequest request) {
            String id = String.format("00000000-0000-4000-8000-%012d", next++);
            Subscription subscription = new Subscription(id, request.protocol(), request.endpoint(),
                    request.filter(), false);
            byTopic.computeIfAbsent(topicArn, t -> new ArrayList<>()).add(subscription);
            return subscription;
        }

        @Override
        public List<Subscription> list(String topicArn) {
            return List.copyOf(byTopic.getOrDefault(topicArn, List.of()));
        }

        @Override
        public boolean unsubscribe(String topicArn, String subscriptionId) {
            return byTopic.getOrDefault(topicArn, new ArrayList<>())
                    .removeIf(subscription -> subscriptionId.equals(subscription.subscriptionId()));
        }
    }

    static class Exports implements ExportStore {
        final Map<String, String> contents = new TreeMap<>();

        @Override
        public ExportFile write(String tenantId, LocalDate date, Consumer<Writer> body) {
            StringWriter out = new StringWriter();
            body.accept(out);
            String key = "exports/" + tenantId + "/" + date + ".csv";
            contents.put(key, out.toString());
            return find(tenantId, date).orElseThrow();
        }

        @Override
        public Optional<ExportFile> find(String tenantId, LocalDate date) {
            String key = "exports/" + tenantId + "/" + date + ".csv";
            return Optional.ofNullable(contents.get(key)).map(text -> new ExportFile(tenantId, date, key,
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Instant.EPOCH));
        }

        @Override
        public List<ExportFile> list(String tenantId) {
            return contents.keySet().stream().filter(key -> key.startsWith("exports/" + tenantId + "/"))
                    .map(key -> LocalDate.parse(key.substring(key.lastIndexOf('/') + 1, key.length() - 4)))
                    .map(date -> find(tenantId, date).orElseThrow()).toList();
        }
    }

    static final class Notices implements ExportNotifier {
        final List<Map.Entry<String, ExportNotice>> sent = new ArrayList<>();

        @Override
        public void announce(String topicArn, ExportNotice notice) {
            sent.add(Map.entry(topicArn, notice));
        }
    }
}
