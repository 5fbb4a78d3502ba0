package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.lambda.AsyncInvoker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs the EventBridge schedule rules stored by the local EventBridge: at each firing, every Lambda target gets
 * what {@link RuleTarget#payloadFor} makes of the scheduled event (the event itself, or the target's constant
 * {@code Input}, {@code InputPath} part or {@code InputTransformer} output) as an asynchronous invocation, as
 * EventBridge invokes functions. Rules are re-read every minute, so schedules added
 * while running are picked up.
 */
public final class ScheduleRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<List<ScheduleRule>> rules;
    private final AsyncInvoker invoker;
    private final String region;
    private final String accountId;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<String, Scheduled> scheduled = new HashMap<>();

    private record Scheduled(ScheduleRule rule, ScheduledFuture<?> next) {
    }

    public ScheduleRunner(Supplier<List<ScheduleRule>> rules, AsyncInvoker invoker, String region, String accountId) {
        this.rules = rules;
        this.invoker = invoker;
        this.region = region;
        this.accountId = accountId;
        this.executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("schedules"));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Schedules the current rules and re-reads them every minute. */
    public void start() {
        executor.scheduleWithFixedDelay(this::refresh, 0, 60, TimeUnit.SECONDS);
    }

    private synchronized void refresh() {
        try {
            Map<String, ScheduleRule> current = new HashMap<>();
            for (ScheduleRule rule : rules.get()) {
                if (rule.enabled()) {
                    current.put(rule.arn(), rule);
                }
            }
            scheduled.entrySet().removeIf(e -> {
                boolean gone = !e.getValue().rule().equals(current.get(e.getKey()));
                if (gone) {
                    e.getValue().next().cancel(false);
                }
                return gone;
            });
            current.values().stream().filter(rule -> !scheduled.containsKey(rule.arn()))
                    .forEach(rule -> scheduleNext(rule, Instant.now()));
        } catch (RuntimeException e) {
            LOG.error("cannot read the schedule rules: {}", e.getMessage());
        }
    }

    private synchronized void scheduleNext(ScheduleRule rule, Instant after) {
        ScheduleExpression expression;
        try {
            expression = ScheduleExpression.parse(rule.scheduleExpression());
        } catch (ScheduleExpression.InvalidScheduleException e) {
            LOG.error("rule {} is not scheduled: {}", rule.name(), e.getMessage());
            return;
        }
        Instant next = expression.nextAfter(after);
        long delay = Math.max(0, Instant.now().until(next, ChronoUnit.MILLIS));
        if (executor.isShutdown()) {
            return;
        }
        ScheduledFuture<?> future = executor.schedule(() -> fire(rule, next), delay, TimeUnit.MILLISECONDS);
        scheduled.put(rule.arn(), new Scheduled(rule, future));
        LOG.info("rule {} ({}) fires next at {}", rule.name(), rule.scheduleExpression(), next);
    }

    private void fire(ScheduleRule rule, Instant time) {
        for (Invocation invocation : invocations(rule, time)) {
            try {
                invoker.submit(invocation.functionArn(), invocation.payload());
            } catch (RuntimeException e) {
                LOG.error("rule {} cannot invoke {}: {}", rule.name(), invocation.functionArn(), e.getMessage());
            }
        }
        scheduleNext(rule, time);
    }

    /** One asynchronous invocation a firing makes. */
    record Invocation(String functionArn, String payload) {
    }

    /** The invocations one firing of the rule makes: each function target with what it receives. */
    List<Invocation> invocations(ScheduleRule rule, Instant time) {
        JsonNode event = scheduledEvent(rule, time);
        List<Invocation> invocations = new ArrayList<>();
        for (RuleTarget target : rule.targets()) {
            if (!target.arn().contains(":lambda:")) {
                LOG.warn("rule {} target {} is not a function; local schedules invoke functions only",
                        rule.name(), target.arn());
                continue;
            }
            invocations.add(new Invocation(target.arn(), target.payloadFor(event, rule.name(), rule.arn())));
        }
        return invocations;
    }

    private JsonNode scheduledEvent(ScheduleRule rule, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(rule.arn());
        event.putObject("detail");
        return event;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
