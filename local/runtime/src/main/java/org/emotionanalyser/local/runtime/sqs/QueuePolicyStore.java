package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.core.type.TypeReference;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code Policy} attribute of local queues, by queue name, kept in one JSON file so it survives restarts.
 * ElasticMQ accepts but drops the attribute, so the edge records it here on its way through, and SNS and EventBridge
 * deliveries check it here before sending to a queue, as SQS would. Each policy is parsed once, when it is set or
 * loaded, not on every delivery.
 */
public final class QueuePolicyStore {

    private final JsonStateFile file;
    private final Map<String, String> policies;
    /** The same policies parsed, by queue name. */
    private final Map<String, QueuePolicy> parsed = new HashMap<>();

    /** Loads the policies kept in {@code file} (none when it does not exist yet). */
    public QueuePolicyStore(Path file) {
        this.file = new JsonStateFile(file);
        try {
            this.policies = this.file.load(new TypeReference<TreeMap<String, String>>() { }).orElseGet(TreeMap::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the queue policies in " + file
                    + "; delete the file to start without policies", e);
        }
        policies.forEach((queueName, policy) -> parsed.put(queueName, QueuePolicy.parse(policy)));
    }

    /** The policy of the queue, if one was set. */
    public synchronized Optional<String> policy(String queueName) {
        return Optional.ofNullable(policies.get(queueName));
    }

    /** The queue's policy as SQS applies it; one that allows nothing when the queue has none. */
    public synchronized QueuePolicy parsedPolicy(String queueName) {
        QueuePolicy policy = parsed.get(queueName);
        return policy != null ? policy : QueuePolicy.parse(null);
    }

    /** Sets (or, with a blank policy, removes) the queue's policy. */
    public synchronized void put(String queueName, String policy) {
        if (policy == null || policy.isBlank()) {
            policies.remove(queueName);
            parsed.remove(queueName);
        } else {
            policies.put(queueName, policy);
            parsed.put(queueName, QueuePolicy.parse(policy));
        }
        save();
    }

    /** Forgets a deleted queue's policy. */
    public synchronized void remove(String queueName) {
        parsed.remove(queueName);
        if (policies.remove(queueName) != null) {
            save();
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.path().getParent());
            file.save(policies);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the queue policies in " + file.path(), e);
        }
    }
}
