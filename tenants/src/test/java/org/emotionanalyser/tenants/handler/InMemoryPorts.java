package org.emotionanalyser.tenants.handler;

import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.emotionanalyser.tenants.domain.ExportFile;
import org.emotionanalyser.tenants.domain.ExportNotice;
import org.emotionanalyser.tenants.domain.ProvisionedResources;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;
import org.emotionanalyser.router.domain.TenantResourceNames;
import org.emotionanalyser.tenants.port.ExportNotifier;
import org.emotionanalyser.tenants.port.ExportStore;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.Subscriptions;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.emotionanalyser.tenants.port.TenantResources;
import org.emotionanalyser.tenants.port.TenantUsageKeys;
import org.emotionanalyser.tenants.domain.UsageKey;

/**
 * In-memory versions of the ports that only the handler tests need. The stores (tenants, images, emotion rows)
 * are shared with the domain tests in {@link org.emotionanalyser.tenants.testing.InMemoryStores}.
 */
final class InMemoryPorts {

    private InMemoryPorts() {
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
                    "https://sqs/" + names.deadLetterQueueName(), "arn:aws:sqs:eu-west-1:123456789012:" + names.deadLetterQueueName(), names.ruleName(),
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

    /** Usage-plan keys by name, each with a generated value, as API Gateway keeps them in the plan. */
    static final class UsageKeys implements TenantUsageKeys {
        final Map<String, UsageKey> byName = new ConcurrentHashMap<>();
        final List<String> calls = new ArrayList<>();
        RuntimeException failEnsure;
        private int next = 1;

        @Override
        public synchronized UsageKey ensure(String keyName) {
            calls.add("ensure " + keyName);
            if (failEnsure != null) {
                throw failEnsure;
            }
            return byName.computeIfAbsent(keyName, name -> new UsageKey("key" + next,
                    "usage-value-" + next++ + "-0123456789abcdef"));
        }

        @Override
        public synchronized void remove(String keyName) {
            calls.add("remove " + keyName);
            byName.remove(keyName);
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
