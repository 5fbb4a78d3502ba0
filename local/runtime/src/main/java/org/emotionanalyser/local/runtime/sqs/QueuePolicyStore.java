package org.emotionanalyser.local.runtime.sqs;

import com.fasterxml.jackson.core.type.TypeReference;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code Policy} attribute of local queues, by queue name, kept in one JSON file so it survives restarts.
 * ElasticMQ accepts but drops the attribute, so the edge records it here on its way through, and SNS delivery
 * checks it here before sending to a queue, as SQS would.
 */
public final class QueuePolicyStore {

    private final JsonStateFile file;
    private final Map<String, String> policies;

    /** Loads the policies kept in {@code file} (none when it does not exist yet). */
    public QueuePolicyStore(Path file) {
        this.file = new JsonStateFile(file);
        try {
            this.policies = this.file.load(new TypeReference<TreeMap<String, String>>() { }).orElseGet(TreeMap::new);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the queue policies in " + file
                    + "; delete the file to start without policies", e);
        }
    }

    /** The policy of the queue, if one was set. */
    public synchronized Optional<String> policy(String queueName) {
        return Optional.ofNullable(policies.get(queueName));
    }

    /** Sets (or, with a blank policy, removes) the queue's policy. */
    public synchronized void put(String queueName, String policy) {
        if (policy == null || policy.isBlank()) {
            policies.remove(queueName);
        } else {
            policies.put(queueName, policy);
        }
        save();
    }

    /** Forgets a deleted queue's policy. */
    public synchronized void remove(String queueName) {
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
