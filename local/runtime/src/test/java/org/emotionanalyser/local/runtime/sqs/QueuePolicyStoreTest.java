package org.emotionanalyser.local.runtime.sqs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What deliveries into a queue are allowed as its policy is set, replaced, removed and read back after a restart. */
class QueuePolicyStoreTest {

    private static final String QUEUE_NAME = "subscriber";
    private static final String QUEUE = "arn:aws:sqs:eu-west-1:000000000000:" + QUEUE_NAME;
    private static final String TOPIC = "arn:aws:sns:eu-west-1:000000000000:emotion-analyser-local-tenant-acme";
    private static final String OTHER_TOPIC = TOPIC + "-other";
    private static final String SNS = "sns.amazonaws.com";

    @TempDir
    Path directory;

    @Test
    void parsedPolicy_whenThePolicyIsReplaced_allowsWhatTheNewPolicyAllows() {
        QueuePolicyStore store = new QueuePolicyStore(directory.resolve("policies.json"));
        store.put(QUEUE_NAME, QueueAccess.topicPolicy(QUEUE, TOPIC));
        assertThat(store.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, TOPIC)).isTrue();

        store.put(QUEUE_NAME, QueueAccess.topicPolicy(QUEUE, OTHER_TOPIC));

        assertThat(store.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
        assertThat(store.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, OTHER_TOPIC)).isTrue();
    }

    @Test
    void parsedPolicy_whenThePolicyIsRemovedOrBlank_refusesAsSqsDoesWithoutAPolicy() {
        QueuePolicyStore store = new QueuePolicyStore(directory.resolve("policies.json"));
        store.put(QUEUE_NAME, QueueAccess.topicPolicy(QUEUE, TOPIC));
        store.put(QUEUE_NAME, " ");
        assertThat(store.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();

        store.put(QUEUE_NAME, QueueAccess.topicPolicy(QUEUE, TOPIC));
        store.remove(QUEUE_NAME);

        assertThat(store.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
        assertThat(store.policy(QUEUE_NAME)).isEmpty();
    }

    @Test
    void parsedPolicy_whenTheStoreIsLoadedAgain_allowsWhatItAllowedBeforeTheRestart() {
        Path file = directory.resolve("policies.json");
        new QueuePolicyStore(file).put(QUEUE_NAME, QueueAccess.topicPolicy(QUEUE, TOPIC));

        QueuePolicyStore restarted = new QueuePolicyStore(file);

        assertThat(restarted.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, TOPIC)).isTrue();
        assertThat(restarted.parsedPolicy(QUEUE_NAME).allowsSendMessage(SNS, QUEUE, OTHER_TOPIC)).isFalse();
    }
}
