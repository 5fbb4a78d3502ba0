package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.JsonProtocol;
import org.emotionanalyser.local.runtime.sqs.SqsDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge over the AWS JSON 1.1 protocol: event buses, rules (event patterns matched by AWS's event-ruler, or
 * schedule expressions stored for the runtime to run), targets, and PutEvents delivering matched events to SQS
 * targets. Buses, rules and targets are saved to a JSON file after every change.
 *
 * <p>Delivery happens before PutEvents answers (AWS delivers asynchronously; a caller cannot tell the difference,
 * except that a local test need not wait). A failed delivery is retried in the background within the target's
 * {@code RetryPolicy}, then given to its {@code DeadLetterConfig} queue ({@link RuleDelivery}). Targets other than
 * SQS queues are stored but receive nothing here.
 */
public final class EventBridgeService implements EdgeService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeService.class);

    /** The service principal a queue's policy must allow for EventBridge to deliver into it. */
    static final String EVENTBRIDGE_PRINCIPAL = "events.amazonaws.com";
    private static final int MAX_ENTRIES = 10;
    private static final int MAX_REQUEST_BYTES = 256 * 1024;
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final String region;
    private final String accountId;
    /** Guarded by this service's lock. */
    private final EventBusStore store;
    private final RuleDelivery delivery;

    /** Runs the delivery retries; one daemon thread, as retries only wait and send. */
    private final ScheduledThreadPoolExecutor retries;

    public EventBridgeService(Path directory, String region, String accountId, SqsDelivery sqs) throws IOException {
        this.region = region;
        this.accountId = accountId;
        this.store = new EventBusStore(directory, region, accountId);
        this.retries = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("local-eventbridge-retries"));
        this.delivery = new RuleDelivery((ruleArn, queueArn, body, attributes) ->
                sqs.sendAs(EVENTBRIDGE_PRINCIPAL, ruleArn, queueArn, body, attributes),
                (task, delay) -> retries.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
                Clock.systemUTC(), region, accountId);
    }

    /** Stops the retries; deliveries still waiting for one are dropped, and counted in the log. */
    @Override
    public void close() {
        List<Runnable> waiting = retries.shutdownNow();
        if (!waiting.isEmpty()) {
            LOG.warn("local EventBridge: stopping with {} target deliveries waiting for a retry; they are dropped",
                    waiting.size());
        }
        try {
            retries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) {
        try {
            JsonNode body = JsonProtocol.body(request);
            String operation = JsonProtocol.operation(request);
            ObjectNode answer;
            synchronized (this) {
                answer = switch (operation) {
                    case "CreateEventBus" -> createEventBus(body);
                    case "DescribeEventBus" -> describeEventBus(body);
                    case "DeleteEventBus" -> deleteEventBus(body);
                    case "ListEventBuses" -> listEventBuses();
                    case "PutRule" -> putRule(body);
                    case "DescribeRule" -> describeRule(body);
                    case "ListRules" -> listRules(body);
                    case "DeleteRule" -> deleteRule(body);
                    case "EnableRule" -> setState(body, "ENABLED");
                    case "DisableRule" -> setState(body, "DISABLED");
                    case "PutTargets" -> putTargets(body);
                    case "RemoveTargets" -> removeTargets(body);
                    case "ListTargetsByRule" -> listTargetsByRule(body);
                    case "TestEventPattern" -> testEventPattern(body);
                    case "PutEvents" -> null;
                    default -> throw new AwsServiceException(400, "UnknownOperationException",
                            "The local EventBridge does not support " + operation + ".");
                };
            }
            if (answer == null) {
                // Outside the lock: delivery calls ElasticMQ, and rule changes need not wait for it.
                answer = putEvents(body);
            }
            return JsonProtocol.ok(answer);
        } catch (AwsServiceException e) {
            return JsonProtocol.error(e);
        }
    }

    /** Every schedule rule of every bus, with its targets. */
    public synchronized List<ScheduleRule> scheduleRules() {
        return store.scheduleRules();
    }

    private ObjectNode createEventBus(JsonNode body) {
        String name = JsonProtocol.required(body, "Name");
        if (!name.matches("[/.\\-_A-Za-z0-9]{1,256}") || name.equals(EventBusStore.DEFAULT_BUS)) {
            throw validation("Event bus name " + name + " is not valid.");
        }
        if (!store.addBus(name)) {
            throw new AwsServiceException(400, "ResourceAlreadyExistsException", "Event bus " + name
                    + " already exists.");
        }
        return Json.MAPPER.createObjectNode().put("EventBusArn", store.busArn(name));
    }

    private ObjectNode describeEventBus(JsonNode body) {
        String name = store.existingBus(JsonProtocol.optional(body, "Name"));
        return Json.MAPPER.createObjectNode().put("Name", name).put("Arn", store.busArn(name));
    }

    private ObjectNode deleteEventBus(JsonNode body) {
        String name = EventBusStore.busName(JsonProtocol.required(body, "Name"));
        if (EventBusStore.DEFAULT_BUS.equals(name)) {
            throw validation("Cannot delete event bus default.");
        }
        store.removeBus(name);
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode listEventBuses() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("EventBuses");
        for (String bus : store.buses()) {
            list.addObject().put("Name", bus).put("Arn", store.busArn(bus));
        }
        return answer;
    }

    private ObjectNode putRule(JsonNode body) {
        String name = JsonProtocol.required(body, "Name");
        String bus = store.existingBus(JsonProtocol.optional(body, "EventBusName"));
        String pattern = JsonProtocol.optional(body, "EventPattern");
        String schedule = JsonProtocol.optional(body, "ScheduleExpression");
        if (pattern == null && schedule == null) {
            throw validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule != null && !EventBusStore.DEFAULT_BUS.equals(bus)) {
            throw validation("ScheduleExpression is supported only on the default event bus.");
        }
        if (schedule != null && !schedule.matches("(rate|cron)\\(.+\\)")) {
            throw validation("Parameter ScheduleExpression is not valid.");
        }
        if (pattern != null) {
            EventPatterns.check(pattern);
        }
        EventBridgeRule existing = store.rule(bus, name);
        String state = JsonProtocol.optional(body, "State");
        EventBridgeRule rule = new EventBridgeRule(bus, name, pattern, schedule,
                state == null ? "ENABLED" : state, JsonProtocol.optional(body, "Description"),
                existing == null ? Map.of() : existing.targets());
        store.put(rule);
        return Json.MAPPER.createObjectNode().put("RuleArn", rule.arn(region, accountId));
    }

    private ObjectNode describeRule(JsonNode body) {
        EventBridgeRule rule = existingRule(body, "Name");
        return ruleJson(rule).put("CreatedBy", accountId);
    }

    private ObjectNode listRules(JsonNode body) {
        String bus = store.existingBus(JsonProtocol.optional(body, "EventBusName"));
        String prefix = JsonProtocol.optional(body, "NamePrefix");
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("Rules");
        for (EventBridgeRule rule : store.rules(bus)) {
            if (prefix == null || rule.name().startsWith(prefix)) {
                list.add(ruleJson(rule));
            }
        }
        return answer;
    }

    private ObjectNode deleteRule(JsonNode body) {
        String bus = store.existingBus(JsonProtocol.optional(body, "EventBusName"));
        String name = JsonProtocol.required(body, "Name");
        EventBridgeRule rule = store.rule(bus, name);
        if (rule != null) {
            if (!rule.targets().isEmpty() && !body.path("Force").asBoolean(false)) {
                throw validation("Rule can't be deleted since it has targets.");
            }
            store.remove(bus, name);
        }
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode setState(JsonNode body, String state) {
        EventBridgeRule rule = existingRule(body, "Name");
        store.put(rule.withState(state));
        return Json.MAPPER.createObjectNode();
    }

    private ObjectNode putTargets(JsonNode body) {
        EventBridgeRule rule = existingRule(body, "Rule");
        Map<String, RuleTarget> targets = new LinkedHashMap<>(rule.targets());
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode failed = answer.putArray("FailedEntries");
        for (JsonNode member : body.path("Targets")) {
            RuleTargetJson.Parsed parsed = RuleTargetJson.read(member);
            if (parsed.problem() != null) {
                failed.addObject().put("TargetId", member.path("Id").asText("")).put("ErrorCode", "ValidationException")
                        .put("ErrorMessage", parsed.problem());
                continue;
            }
            targets.put(parsed.target().id(), parsed.target());
        }
        store.put(rule.withTargets(targets));
        answer.put("FailedEntryCount", failed.size());
        return answer;
    }

    private ObjectNode removeTargets(JsonNode body) {
        EventBridgeRule rule = existingRule(body, "Rule");
        Map<String, RuleTarget> targets = new LinkedHashMap<>(rule.targets());
        for (JsonNode id : body.path("Ids")) {
            targets.remove(id.asText());
        }
        store.put(rule.withTargets(targets));
        ObjectNode answer = Json.MAPPER.createObjectNode().put("FailedEntryCount", 0);
        answer.putArray("FailedEntries");
        return answer;
    }

    private ObjectNode listTargetsByRule(JsonNode body) {
        EventBridgeRule rule = existingRule(body, "Rule");
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("Targets");
        for (RuleTarget target : rule.targets().values()) {
            RuleTargetJson.write(target, list.addObject());
        }
        return answer;
    }

    private ObjectNode putEvents(JsonNode body) {
        checkPutEventsLimits(body.path("Entries"));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode results = Json.MAPPER.createArrayNode();
        int failed = 0;
        for (JsonNode entry : body.path("Entries")) {
            ObjectNode result = results.addObject();
            try {
                ObjectNode event = envelope(entry);
                String bus = EventBusStore.busName(JsonProtocol.optional(entry, "EventBusName"));
                List<EventBridgeRule> matched;
                synchronized (this) {
                    matched = store.matching(bus, event);
                }
                for (EventBridgeRule rule : matched) {
                    delivery.deliver(rule, event);
                }
                result.put("EventId", event.get("id").asText());
            } catch (AwsServiceException e) {
                failed++;
                result.put("ErrorCode", e.code()).put("ErrorMessage", e.getMessage());
            }
        }
        answer.put("FailedEntryCount", failed);
        answer.set("Entries", results);
        return answer;
    }

    /** The request limits PutEvents enforces: 1 to 10 entries, 256 KiB in all, sized as EventBridge sizes them. */
    private static void checkPutEventsLimits(JsonNode entries) {
        if (!entries.isArray() || entries.isEmpty() || entries.size() > MAX_ENTRIES) {
            throw validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        long total = 0;
        for (JsonNode entry : entries) {
            total += entry.hasNonNull("Time") ? 14 : 0;
            for (String member : List.of("Source", "DetailType", "Detail")) {
                total += JsonProtocol.optional(entry, member) == null ? 0
                        : JsonProtocol.optional(entry, member).getBytes(StandardCharsets.UTF_8).length;
            }
            for (JsonNode resource : entry.path("Resources")) {
                total += resource.asText().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (total > MAX_REQUEST_BYTES) {
            throw validation("Total size of the entries in the request is over the limit.");
        }
    }

    /** Matches one event against one pattern with the same matcher PutEvents uses. */
    private ObjectNode testEventPattern(JsonNode body) {
        String pattern = JsonProtocol.required(body, "EventPattern");
        String eventText = JsonProtocol.required(body, "Event");
        EventPatterns.check(pattern);
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(eventText);
        } catch (IOException e) {
            throw validation("Parameter Event is not valid.");
        }
        for (String member : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (event == null || !event.hasNonNull(member)) {
                throw validation("Parameter Event is not valid: the event has no " + member + ".");
            }
        }
        return Json.MAPPER.createObjectNode().put("Result", EventPatterns.matches(pattern, event));
    }

    /** The event as rules see it and targets receive it. */
    private ObjectNode envelope(JsonNode entry) {
        String source = requiredEntryMember(entry, "Source");
        String detailType = requiredEntryMember(entry, "DetailType");
        String detailText = requiredEntryMember(entry, "Detail");
        JsonNode detail;
        try {
            detail = Json.MAPPER.readTree(detailText);
        } catch (IOException e) {
            throw new AwsServiceException(400, "MalformedDetail", "Detail is malformed.");
        }
        if (detail == null || !detail.isObject()) {
            throw new AwsServiceException(400, "MalformedDetail", "Detail is malformed.");
        }
        Instant time = entry.hasNonNull("Time")
                ? Instant.ofEpochMilli((long) (entry.get("Time").asDouble() * 1000)) : Instant.now();
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", accountId);
        event.put("time", EVENT_TIME.format(time));
        event.put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        event.set("detail", detail);
        return event;
    }

    private static String requiredEntryMember(JsonNode entry, String member) {
        String value = JsonProtocol.optional(entry, member);
        if (value == null || value.isEmpty()) {
            throw new AwsServiceException(400, "InvalidArgument", "Parameter " + member
                    + " is not valid. Reason: " + member + " is a required argument.");
        }
        return value;
    }

    private EventBridgeRule existingRule(JsonNode body, String nameMember) {
        String bus = store.existingBus(JsonProtocol.optional(body, "EventBusName"));
        return store.existingRule(bus, JsonProtocol.required(body, nameMember));
    }

    private ObjectNode ruleJson(EventBridgeRule rule) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("Name", rule.name())
                .put("Arn", rule.arn(region, accountId));
        if (rule.eventPattern() != null) {
            node.put("EventPattern", rule.eventPattern());
        }
        if (rule.scheduleExpression() != null) {
            node.put("ScheduleExpression", rule.scheduleExpression());
        }
        node.put("State", rule.state());
        if (rule.description() != null) {
            node.put("Description", rule.description());
        }
        node.put("EventBusName", rule.busName());
        return node;
    }

    private static AwsServiceException validation(String message) {
        return new AwsServiceException(400, "ValidationException", message);
    }
}
