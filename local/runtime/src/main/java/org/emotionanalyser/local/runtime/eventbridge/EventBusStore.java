package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event buses and their rules (with targets), saved to {@code eventbridge.json} after every change, and one
 * event-ruler matcher per bus, rebuilt whenever a bus's rules change. Not thread-safe: {@link EventBridgeService}
 * holds its lock around every use.
 */
final class EventBusStore {

    static final String DEFAULT_BUS = "default";

    /** What is saved: the buses and every rule with its targets. */
    record SavedState(List<String> buses, List<EventBridgeRule> rules) {
    }

    private final JsonStateFile stateFile;
    private final String region;
    private final String accountId;
    private final Set<String> buses = new LinkedHashSet<>();
    /** Rules by bus, then by name. */
    private final Map<String, Map<String, EventBridgeRule>> rules = new LinkedHashMap<>();
    /** One matcher per bus holding that bus's enabled pattern rules. */
    private final Map<String, Machine> matchers = new LinkedHashMap<>();

    /** Loads what an earlier run saved in {@code directory}. */
    EventBusStore(Path directory, String region, String accountId) throws IOException {
        this.stateFile = new JsonStateFile(directory.resolve("eventbridge.json"));
        this.region = region;
        this.accountId = accountId;
        Files.createDirectories(directory);
        buses.add(DEFAULT_BUS);
        Optional<SavedState> saved = stateFile.load(SavedState.class);
        if (saved.isPresent()) {
            buses.addAll(saved.get().buses());
            for (EventBridgeRule rule : saved.get().rules()) {
                rules.computeIfAbsent(rule.busName(), b -> new LinkedHashMap<>()).put(rule.name(), rule);
            }
        }
        for (String bus : buses) {
            rebuildMatcher(bus);
        }
    }

    Set<String> buses() {
        return buses;
    }

    /** Adds a bus; {@code false} when it exists already. */
    boolean addBus(String name) {
        if (!buses.add(name)) {
            return false;
        }
        save();
        return true;
    }

    /** Removes a bus with its rules. */
    void removeBus(String name) {
        buses.remove(name);
        rules.remove(name);
        matchers.remove(name);
        save();
    }

    /** The bus named (by name, ARN or nothing for the default bus), which must exist. */
    String existingBus(String nameOrArn) {
        String name = busName(nameOrArn);
        if (!buses.contains(name)) {
            throw new AwsServiceException(400, "ResourceNotFoundException", "Event bus " + name
                    + " does not exist.");
        }
        return name;
    }

    /** A bus name from a name, an ARN or nothing (the default bus). */
    static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT_BUS;
        }
        int slash = nameOrArn.indexOf(":event-bus/");
        return slash >= 0 ? nameOrArn.substring(slash + ":event-bus/".length()) : nameOrArn;
    }

    String busArn(String name) {
        return "arn:aws:events:" + region + ":" + accountId + ":event-bus/" + name;
    }

    /** The rule, or {@code null} when the bus has none of that name. */
    EventBridgeRule rule(String bus, String name) {
        return rules.getOrDefault(bus, Map.of()).get(name);
    }

    /** The rule, which must exist. */
    EventBridgeRule existingRule(String bus, String name) {
        EventBridgeRule rule = rule(bus, name);
        if (rule == null) {
            throw new AwsServiceException(400, "ResourceNotFoundException",
                    "Rule " + name + " does not exist on EventBus " + bus + ".");
        }
        return rule;
    }

    Collection<EventBridgeRule> rules(String bus) {
        return rules.getOrDefault(bus, Map.of()).values();
    }

    /** Stores a rule, replacing the one of the same name on its bus. */
    void put(EventBridgeRule rule) {
        rules.computeIfAbsent(rule.busName(), b -> new LinkedHashMap<>()).put(rule.name(), rule);
        rebuildMatcher(rule.busName());
        save();
    }

    void remove(String bus, String name) {
        rules.getOrDefault(bus, new LinkedHashMap<>()).remove(name);
        rebuildMatcher(bus);
        save();
    }

    /** The enabled pattern rules of the bus that the event matches, each once. */
    List<EventBridgeRule> matching(String bus, ObjectNode event) {
        if (!buses.contains(bus)) {
            throw new AwsServiceException(400, "NotFoundException", "Event bus " + bus + " does not exist.");
        }
        List<String> names;
        try {
            names = matchers.get(bus).rulesForJSONEvent(event.toString());
        } catch (Exception e) {
            throw new AwsServiceException(400, "MalformedDetail", "Detail is malformed.");
        }
        List<EventBridgeRule> matched = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            matched.add(rules.get(bus).get(name));
        }
        return matched;
    }

    /** Every schedule rule of every bus, with its targets. */
    List<ScheduleRule> scheduleRules() {
        List<ScheduleRule> schedules = new ArrayList<>();
        for (Map<String, EventBridgeRule> busRules : rules.values()) {
            for (EventBridgeRule rule : busRules.values()) {
                if (rule.scheduleExpression() != null) {
                    schedules.add(new ScheduleRule(rule.busName(), rule.name(), rule.arn(region, accountId),
                            rule.scheduleExpression(), rule.enabled(), rule.targetList()));
                }
            }
        }
        return schedules;
    }

    private void rebuildMatcher(String bus) {
        matchers.put(bus, EventPatterns.matcher(rules(bus)));
    }

    private void save() {
        List<EventBridgeRule> all = new ArrayList<>();
        rules.values().forEach(busRules -> all.addAll(busRules.values()));
        try {
            stateFile.save(new SavedState(new ArrayList<>(buses), all));
        } catch (IOException e) {
            throw new UncheckedIOException("local EventBridge could not save its rules to " + stateFile.path(), e);
        }
    }
}
