package org.emotionanalyser.local.runtime.eventbridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EventBridge rule as stored (and persisted as JSON).
 *
 * @param busName            the bus the rule belongs to
 * @param name               the rule name
 * @param eventPattern       the event pattern JSON, or {@code null} for a schedule rule
 * @param scheduleExpression {@code rate(...)}/{@code cron(...)}, or {@code null} for a pattern rule
 * @param state              {@code ENABLED} or {@code DISABLED}
 * @param description        free text, or {@code null}
 * @param targets            targets by id, in insertion order
 */
public record EventBridgeRule(String busName, String name, String eventPattern, String scheduleExpression, String state,
                       String description, Map<String, RuleTarget> targets) {

    public EventBridgeRule {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    boolean enabled() {
        return "ENABLED".equals(state);
    }

    String arn(String region, String accountId) {
        String path = EventBusStore.DEFAULT_BUS.equals(busName) ? name : busName + "/" + name;
        return "arn:aws:events:" + region + ":" + accountId + ":rule/" + path;
    }

    EventBridgeRule withTargets(Map<String, RuleTarget> newTargets) {
        return new EventBridgeRule(busName, name, eventPattern, scheduleExpression, state, description, newTargets);
    }

    EventBridgeRule withState(String newState) {
        return new EventBridgeRule(busName, name, eventPattern, scheduleExpression, newState, description, targets);
    }

    List<RuleTarget> targetList() {
        return new ArrayList<>(targets.values());
    }
}
