package org.emotionanalyser.local.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.sqs.SqsMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One poller of an SQS event source mapping, with Lambda's semantics: long-polls the queue, hands up to
 * {@code batchSize} messages to the function as one {@code SQSEvent} (gathered over the mapping's batching
 * window when it has one), deletes the batch when the function
 * succeeds; when it throws, nothing is deleted; with {@code ReportBatchItemFailures} only the messages not listed
 * in {@code batchItemFailures} are deleted. Messages left undeleted reappear after the queue's visibility timeout
 * and, after {@code maxReceiveCount} receives, the queue's redrive policy moves them to the DLQ. A mapping's
 * pollers beyond the first poll only while batches come back full ({@link PollerScaling}).
 *
 * <p>It receives and deletes through the local SQS in the same process ({@link SqsMessageSource}), not over HTTP:
 * Lambda's pollers are the service's own, and an SDK call per receive and per delete cost more CPU than the message.
 */
final class SqsPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Short enough that stopping a mapping (or the runtime) never waits long on an open receive.
    private static final int WAIT_SECONDS = 2;

    private final EventSourceMapping mapping;
    private final LocalFunction function;
    private final SqsMessageSource sqs;
    private final String region;
    private final PollerScaling scaling;
    private final boolean first;
    private volatile boolean running = true;

    /**
     * @param scaling shared by the mapping's pollers
     * @param first   whether this is the mapping's first poller, which always polls; the others poll only while
     *                {@code scaling} reports a backlog
     */
    SqsPoller(EventSourceMapping mapping, LocalFunction function, SqsMessageSource sqs, String region,
              PollerScaling scaling, boolean first) {
        this.mapping = mapping;
        this.function = function;
        this.sqs = sqs;
        this.region = region;
        this.scaling = scaling;
        this.first = first;
    }

    void stop() {
        running = false;
        scaling.stop();
    }

    @Override
    public void run() {
        String queueName = mapping.eventSourceArn().substring(mapping.eventSourceArn().lastIndexOf(':') + 1);
        while (running) {
            try {
                if (!first && !scaling.awaitBacklog(WAIT_SECONDS * 1000L)) {
                    continue;
                }
                pollOnce(queueName);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (QueueDoesNotExistException e) {
                LOG.warn("mapping {}: queue {} does not exist; retrying in 5 s", mapping.uuid(), queueName);
                pause(5_000);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("mapping {}: polling {} failed, retrying: {}", mapping.uuid(), queueName, e.toString());
                    pause(1_000);
                }
            }
        }
    }

    private void pollOnce(String queueName) {
        List<Message> messages = new ArrayList<>(receive(queueName, mapping.batchSize(), WAIT_SECONDS));
        if (messages.isEmpty()) {
            scaling.batchReceived(0, mapping.batchSize());
            return;
        }
        // Lambda's batching window: the batch closes when it is full or the window has passed. Waiting the window
        // out and then taking what has arrived costs one receive, where receiving while waiting would cost one per
        // arriving message (a long poll returns as soon as there is one).
        if (mapping.maximumBatchingWindowInSeconds() > 0 && messages.size() < mapping.batchSize()) {
            pause(TimeUnit.SECONDS.toMillis(mapping.maximumBatchingWindowInSeconds()));
            while (running && messages.size() < mapping.batchSize()) {
                int wanted = Math.min(10, mapping.batchSize() - messages.size());
                List<Message> more = receive(queueName, wanted, 0);
                messages.addAll(more);
                if (more.size() < wanted) {
                    break;
                }
            }
        }
        scaling.batchReceived(messages.size(), mapping.batchSize());
        String event = event(messages);
        Set<String> failed = new HashSet<>();
        try {
            String response = function.invoke(event);
            if (mapping.reportsBatchItemFailures()) {
                failed.addAll(batchItemFailures(response, messages));
            }
        } catch (FunctionInvocationException e) {
            LOG.warn("mapping {}: {} failed on a batch of {}; the messages return after the visibility timeout: {}",
                    mapping.uuid(), function.definition().name(), messages.size(), e.getMessage());
            return;
        }
        for (Message handled : messages) {
            if (!failed.contains(handled.messageId())) {
                delete(queueName, handled);
            }
        }
        if (!failed.isEmpty()) {
            LOG.info("mapping {}: {} of {} message(s) reported failed; they return after the visibility timeout",
                    mapping.uuid(), failed.size(), messages.size());
        }
    }

    private List<Message> receive(String queueName, int atMost, int waitSeconds) {
        return sqs.receiveMessages(queueName, Math.min(10, atMost), waitSeconds);
    }

    /**
     * As Lambda: a message whose delete is refused (its receipt handle went stale when its visibility timeout ran out
     * during the invocation) stays in the queue and is handled again; the batch's other messages are still deleted.
     */
    private void delete(String queueName, Message handled) {
        try {
            sqs.deleteMessage(queueName, handled.receiptHandle());
        } catch (SqsException e) {
            LOG.warn("mapping {}: message {} could not be deleted from {}; it returns after the visibility timeout: {}",
                    mapping.uuid(), handled.messageId(), queueName, e.getMessage());
        }
    }

    /**
     * The ids in {@code batchItemFailures}. As in Lambda, a response naming an id that is not in the batch (or an
     * empty id) counts as a failure of the whole batch.
     */
    private Set<String> batchItemFailures(String response, List<Message> messages) {
        Set<String> ids = new HashSet<>();
        if (response == null || response.isBlank()) {
            return ids;
        }
        Set<String> inBatch = new HashSet<>();
        messages.forEach(m -> inBatch.add(m.messageId()));
        try {
            for (JsonNode failure : JSON.readTree(response).path("batchItemFailures")) {
                String id = failure.path("itemIdentifier").asText("");
                if (!inBatch.contains(id)) {
                    LOG.warn("mapping {}: batchItemFailures names '{}' which is not in the batch; the whole batch "
                            + "counts as failed", mapping.uuid(), id);
                    return inBatch;
                }
                ids.add(id);
            }
        } catch (IOException e) {
            LOG.warn("mapping {}: the function's response is not JSON; the whole batch counts as failed",
                    mapping.uuid());
            return inBatch;
        }
        return ids;
    }

    /** The SQS event Lambda builds for a batch. */
    private String event(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> a : m.messageAttributes().entrySet()) {
                ObjectNode value = messageAttributes.putObject(a.getKey());
                if (a.getValue().stringValue() != null) {
                    value.put("stringValue", a.getValue().stringValue());
                }
                if (a.getValue().binaryValue() != null) {
                    value.put("binaryValue", a.getValue().binaryValue().asByteArray());
                }
                value.putArray("stringListValues");
                value.putArray("binaryListValues");
                value.put("dataType", a.getValue().dataType());
            }
            record.put("md5OfBody", m.md5OfBody());
            if (m.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", mapping.eventSourceArn());
            record.put("awsRegion", region);
        }
        return event.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
