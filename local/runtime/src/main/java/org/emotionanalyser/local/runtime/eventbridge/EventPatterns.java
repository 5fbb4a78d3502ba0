package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.Collection;

/**
 * Event pattern matching, by AWS's event-ruler: the matcher EventBridge itself is built on. Failures are the
 * {@code InvalidEventPatternException} PutRule and TestEventPattern answer with.
 */
final class EventPatterns {

    private EventPatterns() {
    }

    /** Checks a pattern the way PutRule does. */
    static void check(String pattern) {
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw invalid(problem);
        }
    }

    /** One matcher holding every enabled pattern rule, each under its rule name. */
    static Machine matcher(Collection<EventBridgeRule> rules) {
        Machine machine = Machine.builder().build();
        for (EventBridgeRule rule : rules) {
            if (rule.eventPattern() != null && rule.enabled()) {
                try {
                    machine.addRule(rule.name(), rule.eventPattern());
                } catch (IOException | RuntimeException e) {
                    throw invalid(e.getMessage());
                }
            }
        }
        return machine;
    }

    /** Whether one event matches one pattern, as TestEventPattern answers. */
    static boolean matches(String pattern, JsonNode event) {
        Machine machine = Machine.builder().build();
        try {
            machine.addRule("pattern", pattern);
            return !machine.rulesForJSONEvent(event.toString()).isEmpty();
        } catch (Exception e) {
            throw invalid(e.getMessage());
        }
    }

    private static AwsServiceException invalid(String reason) {
        return new AwsServiceException(400, "InvalidEventPatternException",
                "Event pattern is not valid. Reason: " + reason);
    }
}
