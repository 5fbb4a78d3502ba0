package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;
import org.emotionanalyser.local.runtime.sqs.SqsMessageSource;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQS event source mappings of the local stack: created from the template or through the local Lambda API,
 * persisted in the data directory (so a restart resumes polling). Like Lambda, which scales its pollers with the
 * queue up to the function's concurrency, each enabled mapping runs as many {@link SqsPoller} threads as its
 * function's concurrency, of which all but the first poll only while batches come back full (a backlog: see
 * {@link PollerScaling}); the function's own limit caps the invocations of all its mappings together.
 */
public final class EventSourceMappings implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMappings.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionRegistry functions;
    private final SqsMessageSource sqs;
    private final String region;
    private final JsonStateFile file;
    private final Map<String, EventSourceMapping> mappings = new LinkedHashMap<>();
    private final Map<String, Running> pollers = new LinkedHashMap<>();
    private boolean closed;

    private record Running(List<SqsPoller> pollers, List<Thread> threads) {
        void stop() {
            pollers.forEach(SqsPoller::stop);
        }
    }

    /** Loads the mappings persisted by a previous run (none are polled until {@link #startAll()}). */
    public EventSourceMappings(FunctionRegistry functions, SqsMessageSource sqs, String region, Path dataDir) {
        this.functions = functions;
        this.sqs = sqs;
        this.region = region;
        this.file = new JsonStateFile(dataDir.resolve("event-source-mappings.json"));
        try {
            file.load(new TypeReference<List<EventSourceMapping>>() {
            }).ifPresent(stored -> stored.forEach(m -> mappings.put(m.uuid(), m)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + "; fix or delete it (mappings are "
                    + "recreated from the template, tenant mappings by re-onboarding)", e);
        }
    }

    /** Starts a poller for every enabled mapping. */
    public synchronized void startAll() {
        mappings.values().stream().filter(EventSourceMapping::enabled).forEach(this::startPoller);
    }

    /**
     * Creates a mapping (Lambda's CreateEventSourceMapping).
     *
     * @throws UnknownFunctionException   when the function is not in the stack
     * @throws MappingConflictException   when the queue is already mapped to that function
     */
    public synchronized EventSourceMapping create(String eventSourceArn, String functionName, Integer batchSize,
                                                  Boolean enabled, List<String> functionResponseTypes) {
        return create(eventSourceArn, functionName, batchSize, enabled, functionResponseTypes, null);
    }

    /**
     * Creates a mapping with a batching window (Lambda's CreateEventSourceMapping).
     *
     * @param maximumBatchingWindowInSeconds 0-300; batch sizes over 10 need at least 1, as in Lambda
     * @throws UnknownFunctionException   when the function is not in the stack
     * @throws MappingConflictException   when the queue is already mapped to that function
     */
    public synchronized EventSourceMapping create(String eventSourceArn, String functionName, Integer batchSize,
                                                  Boolean enabled, List<String> functionResponseTypes,
                                                  Integer maximumBatchingWindowInSeconds) {
        if (eventSourceArn == null || !eventSourceArn.startsWith("arn:") || !eventSourceArn.contains(":sqs:")) {
            throw new InvalidMappingException("EventSourceArn " + eventSourceArn
                    + " is not an SQS queue ARN; local mode maps SQS queues only");
        }
        LocalFunction function = functions.require(functionName);
        Optional<EventSourceMapping> existing = mappings.values().stream()
                .filter(m -> m.eventSourceArn().equals(eventSourceArn)
                        && m.functionArn().equals(function.definition().arn()))
                .findFirst();
        if (existing.isPresent()) {
            throw new MappingConflictException("An event source mapping with SQS arn (\" " + eventSourceArn
                    + " \") and function (\" " + function.definition().name() + " \") already exists. Please update "
                    + "or delete the existing mapping with UUID " + existing.get().uuid());
        }
        int size = batchSize == null ? 10 : batchSize;
        int window = maximumBatchingWindowInSeconds == null ? 0 : maximumBatchingWindowInSeconds;
        checkBatching(size, window);
        EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), eventSourceArn,
                function.definition().arn(), size, enabled == null || enabled,
                functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes),
                Instant.now().getEpochSecond(), window);
        mappings.put(mapping.uuid(), mapping);
        save();
        if (mapping.enabled()) {
            startPoller(mapping);
        }
        LOG.info("event source mapping {}: {} -> {}", mapping.uuid(), eventSourceArn, function.definition().name());
        return mapping;
    }

    /** Lambda's rules for an SQS mapping's batch size and batching window. */
    private static void checkBatching(int batchSize, int window) {
        if (window < 0 || window > 300) {
            throw new InvalidMappingException("MaximumBatchingWindowInSeconds " + window + " is outside 0-300");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new InvalidMappingException("BatchSize " + batchSize + " is outside 1-10000");
        }
        if (batchSize > 10 && window < 1) {
            throw new InvalidMappingException("Maximum batch window in seconds must be greater than 0 if maximum "
                    + "batch size is greater than 10 (BatchSize " + batchSize + ")");
        }
    }

    /** Creates a template mapping unless the same queue is already mapped to the same function. */
    public synchronized void ensure(String eventSourceArn, String functionName, int batchSize, boolean enabled,
                                    boolean reportBatchItemFailures) {
        ensure(eventSourceArn, functionName, batchSize, enabled, reportBatchItemFailures, 0);
    }

    /** Creates a template mapping, with its batching window, unless the queue is already mapped to the function. */
    public synchronized void ensure(String eventSourceArn, String functionName, int batchSize, boolean enabled,
                                    boolean reportBatchItemFailures, int maximumBatchingWindowInSeconds) {
        String functionArn = functions.require(functionName).definition().arn();
        boolean exists = mappings.values().stream()
                .anyMatch(m -> m.eventSourceArn().equals(eventSourceArn) && m.functionArn().equals(functionArn));
        if (!exists) {
            create(eventSourceArn, functionName, batchSize, enabled,
                    reportBatchItemFailures ? List.of("ReportBatchItemFailures") : List.of(),
                    maximumBatchingWindowInSeconds);
        }
    }

    public synchronized Optional<EventSourceMapping> get(String uuid) {
        return Optional.ofNullable(mappings.get(uuid));
    }

    /** Mappings filtered by queue and/or function (null = any). */
    public synchronized List<EventSourceMapping> list(String eventSourceArn, String functionName) {
        String functionArn = functionName == null ? null : functions.require(functionName).definition().arn();
        List<EventSourceMapping> result = new ArrayList<>();
        for (EventSourceMapping m : mappings.values()) {
            if ((eventSourceArn == null || m.eventSourceArn().equals(eventSourceArn))
                    && (functionArn == null || m.functionArn().equals(functionArn))) {
                result.add(m);
            }
        }
        return result;
    }

    /** Changes batch size, enabled state or response types (Lambda's UpdateEventSourceMapping). */
    public synchronized Optional<EventSourceMapping> update(String uuid, Integer batchSize, Boolean enabled,
                                                            List<String> functionResponseTypes) {
        return update(uuid, batchSize, enabled, functionResponseTypes, null);
    }

    /** Changes batch size, enabled state, response types or batching window (null: unchanged). */
    public synchronized Optional<EventSourceMapping> update(String uuid, Integer batchSize, Boolean enabled,
                                                            List<String> functionResponseTypes,
                                                            Integer maximumBatchingWindowInSeconds) {
        EventSourceMapping current = mappings.get(uuid);
        if (current == null) {
            return Optional.empty();
        }
        int size = batchSize == null ? current.batchSize() : batchSize;
        int window = maximumBatchingWindowInSeconds == null ? current.maximumBatchingWindowInSeconds()
                : maximumBatchingWindowInSeconds;
        checkBatching(size, window);
        EventSourceMapping updated = new EventSourceMapping(uuid, current.eventSourceArn(), current.functionArn(),
                size, enabled == null ? current.enabled() : enabled,
                functionResponseTypes == null ? current.functionResponseTypes() : List.copyOf(functionResponseTypes),
                Instant.now().getEpochSecond(), window);
        stopPoller(uuid);
        mappings.put(uuid, updated);
        save();
        if (updated.enabled()) {
            startPoller(updated);
        }
        return Optional.of(updated);
    }

    /** Removes a mapping and stops its poller. */
    public synchronized Optional<EventSourceMapping> delete(String uuid) {
        EventSourceMapping removed = mappings.remove(uuid);
        if (removed != null) {
            stopPoller(uuid);
            save();
            LOG.info("event source mapping {} deleted", uuid);
        }
        return Optional.ofNullable(removed);
    }

    private void startPoller(EventSourceMapping mapping) {
        if (closed || pollers.containsKey(mapping.uuid())) {
            return;
        }
        LocalFunction function = functions.find(mapping.functionArn()).orElse(null);
        if (function == null) {
            LOG.warn("event source mapping {} targets {}, which is no longer in the stack; not polling",
                    mapping.uuid(), mapping.functionArn());
            return;
        }
        List<SqsPoller> started = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        PollerScaling scaling = new PollerScaling();
        for (int i = 1; i <= function.concurrency(); i++) {
            SqsPoller poller = new SqsPoller(mapping, function, sqs, region, scaling, i == 1);
            Thread thread = DaemonThreads.named("sqs-poller-" + mapping.uuid().substring(0, 8) + "-" + i)
                    .newThread(poller);
            thread.start();
            started.add(poller);
            threads.add(thread);
        }
        pollers.put(mapping.uuid(), new Running(started, threads));
    }

    private void stopPoller(String uuid) {
        Running running = pollers.remove(uuid);
        if (running != null) {
            running.stop();
            running.threads().forEach(EventSourceMappings::join);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void save() {
        try {
            file.save(new ArrayList<>(mappings.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the event source mappings to " + file.path(), e);
        }
    }

    /** Stops every poller; a batch being processed is finished first. */
    @Override
    public void close() {
        List<Running> running;
        synchronized (this) {
            closed = true;
            running = new ArrayList<>(pollers.values());
            pollers.clear();
        }
        running.forEach(Running::stop);
        running.forEach(r -> r.threads().forEach(EventSourceMappings::join));
    }
}
