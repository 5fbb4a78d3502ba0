package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lambda's asynchronous invocation (how S3 notifications and schedules invoke functions): the event is queued
 * durably, the function is called, and on error it is retried ({@code MaximumRetryAttempts}, two by default)
 * after a delay; an event that still fails is appended to {@code failed-invocations.jsonl} and, when the template
 * configures one, sent to the on-failure destination (SQS queue or SNS topic) in Lambda's destination format.
 *
 * <p>The queue is a directory of one file per pending event, written before {@link #submit} returns and removed
 * once the event is done; a runtime stopped mid-flight runs the remaining events on its next start, so every
 * event is delivered at least once, as in Lambda. Retry delays are seconds, not Lambda's minutes.
 *
 * <p>Each function has its own threads, as many as its concurrency, so a slow function (a long export, a webhook
 * that hangs) never holds up the events of another; a function's timeout (enforced by {@link LocalFunction}) is a
 * failure retried like any other.
 */
public final class AsyncInvoker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvoker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionRegistry functions;
    private final Map<String, AsyncInvokeConfig> configs;
    private final Path queueDir;
    private final Path failedLog;
    private final List<Duration> retryDelays;
    private final SqsClient sqs;
    private final SnsClient sns;
    /** Only waits out retry delays; the invocations themselves run on their function's own threads. */
    private final ScheduledThreadPoolExecutor retries;
    private final Map<String, ExecutorService> perFunction = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /**
     * @param dataDir     where the queue directory and the failure log live
     * @param retryDelays delay before the first and second retry
     */
    public AsyncInvoker(FunctionRegistry functions, Map<String, AsyncInvokeConfig> configs, Path dataDir,
                        List<Duration> retryDelays, SqsClient sqs, SnsClient sns) {
        this.functions = functions;
        this.configs = configs;
        this.queueDir = dataDir.resolve("async-queue");
        this.failedLog = dataDir.resolve("failed-invocations.jsonl");
        this.retryDelays = List.copyOf(retryDelays);
        this.sqs = sqs;
        this.sns = sns;
        this.retries = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("lambda-async-retries"));
        // Pending retries stay in the queue directory and run after the next start.
        retries.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        try {
            Files.createDirectories(queueDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + queueDir + "; check the data directory is writable", e);
        }
    }

    /** Runs the events a previous run left queued. */
    public void resumePending() {
        try (Stream<Path> files = Files.list(queueDir)) {
            List<Path> pending = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            if (!pending.isEmpty()) {
                LOG.info("resuming {} asynchronous invocation(s) left from the previous run", pending.size());
            }
            for (Path file : pending) {
                try {
                    dispatch(JSON.readTree(file.toFile()).path("function").asText(), file);
                } catch (IOException e) {
                    LOG.error("unreadable queued invocation {} dropped: {}", file.getFileName(), e.getMessage());
                    delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the asynchronous invocation queue " + queueDir, e);
        }
    }

    /**
     * Queues an asynchronous invocation; the event is on disk when this returns.
     *
     * @throws UnknownFunctionException when the function is not in the stack
     */
    public void submit(String functionNameOrArn, String eventJson) {
        LocalFunction function = functions.require(functionNameOrArn);
        ObjectNode entry = JSON.createObjectNode();
        entry.put("function", function.definition().name());
        entry.put("attempts", 0);
        entry.put("queuedAt", Instant.now().toString());
        entry.put("event", eventJson);
        Path file = queueDir.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".json");
        write(file, entry);
        dispatch(function.definition().name(), file);
    }

    /** Runs the queued event on its function's threads. */
    private void dispatch(String functionName, Path file) {
        if (stopping) {
            return;
        }
        try {
            perFunction.computeIfAbsent(functionName, this::threadsFor).execute(() -> attempt(file));
        } catch (RejectedExecutionException e) {
            LOG.info("stopping: the invocation of {} stays queued for the next start", functionName);
        }
    }

    private ExecutorService threadsFor(String functionName) {
        int concurrency = functions.find(functionName).map(LocalFunction::concurrency).orElse(1);
        return Executors.newFixedThreadPool(concurrency, DaemonThreads.numbered("lambda-async-" + functionName));
    }

    private void attempt(Path file) {
        if (stopping) {
            // Left in the queue directory for the next start, like a stopped Lambda's pending events.
            return;
        }
        ObjectNode entry;
        try {
            entry = (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            LOG.error("unreadable queued invocation {} dropped: {}", file.getFileName(), e.getMessage());
            delete(file);
            return;
        }
        String functionName = entry.path("function").asText();
        String event = entry.path("event").asText();
        int attempts = entry.path("attempts").asInt() + 1;
        entry.put("attempts", attempts);
        write(file, entry);
        LocalFunction function = functions.find(functionName).orElse(null);
        if (function == null) {
            recordFailure(entry, functionName, "UnknownFunction", "the function is no longer in the stack");
            delete(file);
            return;
        }
        try {
            function.invoke(event);
            delete(file);
        } catch (FunctionInvocationException e) {
            AsyncInvokeConfig config = configs.getOrDefault(functionName, AsyncInvokeConfig.defaults(functionName));
            int retriesLeft = Math.min(config.maximumRetryAttempts(), retryDelays.size()) - (attempts - 1);
            if (retriesLeft > 0) {
                Duration delay = retryDelays.get(attempts - 1);
                LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", functionName, attempts,
                        delay.toMillis(), e.getMessage());
                if (!retries.isShutdown()) {
                    retries.schedule(() -> dispatch(functionName, file), delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            } else {
                LOG.error("{} failed {} time(s), giving up; recorded in {}: {}", functionName, attempts,
                        failedLog.getFileName(), e.getMessage());
                recordFailure(entry, function.definition().arn(), e.errorType(), e.errorMessage());
                sendToDestination(config, entry, function.definition().arn(), e);
                delete(file);
            }
        }
    }

    private synchronized void recordFailure(ObjectNode entry, String function, String errorType, String message) {
        ObjectNode line = JSON.createObjectNode();
        line.put("timestamp", Instant.now().toString());
        line.put("function", function);
        line.put("attempts", entry.path("attempts").asInt());
        line.put("errorType", errorType);
        line.put("errorMessage", message);
        line.set("event", parse(entry.path("event").asText()));
        try {
            Files.writeString(failedLog, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("cannot append to {}: {}", failedLog, e.getMessage());
        }
    }

    /** Lambda's destination record for {@code RetriesExhausted}. */
    private void sendToDestination(AsyncInvokeConfig config, ObjectNode entry, String functionArn,
                                   FunctionInvocationException error) {
        String destination = config.onFailureDestination();
        if (destination == null) {
            return;
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", functionArn + ":$LATEST");
        request.put("condition", "RetriesExhausted");
        request.put("approximateInvokeCount", entry.path("attempts").asInt());
        record.set("requestPayload", parse(entry.path("event").asText()));
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        ObjectNode payload = record.putObject("responsePayload");
        payload.put("errorMessage", error.errorMessage());
        payload.put("errorType", error.errorType());
        String body = record.toString();
        try {
            if (destination.contains(":sqs:")) {
                String queueName = destination.substring(destination.lastIndexOf(':') + 1);
                String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            } else if (destination.contains(":sns:")) {
                sns.publish(b -> b.topicArn(destination).message(body));
            } else {
                LOG.error("on-failure destination {} is neither a queue nor a topic; nothing sent", destination);
            }
        } catch (RuntimeException e) {
            LOG.error("cannot send the failed invocation to {}: {}", destination, e.getMessage());
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static void write(Path file, ObjectNode entry) {
        try {
            JsonStateFile.replace(file, JSON.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue an asynchronous invocation in " + file.getParent(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.error("cannot remove the finished invocation {}: {}", file, e.getMessage());
        }
    }

    /** Lets running invocations finish; queued ones stay on disk for the next start. */
    @Override
    public void close() {
        stopping = true;
        retries.shutdown();
        perFunction.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            for (ExecutorService threads : perFunction.values()) {
                if (!threads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("asynchronous invocations still running after 60 s; they will run again on next start");
                    threads.shutdownNow();
                }
            }
            retries.shutdownNow();
        } catch (InterruptedException e) {
            perFunction.values().forEach(ExecutorService::shutdownNow);
            retries.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
