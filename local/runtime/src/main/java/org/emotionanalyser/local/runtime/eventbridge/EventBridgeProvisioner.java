package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.json;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;

/** {@code AWS::Events::EventBus} and {@code AWS::Events::Rule} (pattern or schedule, with targets) in local EventBridge. */
public final class EventBridgeProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgeProvisioner.class);
    private static final String BUS = "AWS::Events::EventBus";
    private static final String RULE = "AWS::Events::Rule";

    private final EventBridgeClient eventBridge;

    /** @param eventBridge a client against the local edge; {@code null} when nothing is provisioned */
    public EventBridgeProvisioner(EventBridgeClient eventBridge) {
        this.eventBridge = eventBridge;
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(BUS, List.of(),
                RULE, List.of("EventBusName", "EventPattern", "ScheduleExpression", "State", "Targets"));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return BUS.equals(r.type()) || RULE.equals(r.type()) ? stack.name(r, "Name") : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        String key = r.type() + "." + attribute;
        return switch (key) {
            case BUS + ".Arn" -> stack.arn("events", "event-bus/" + stack.name(r, "Name"));
            case BUS + ".Name" -> stack.name(r, "Name");
            case RULE + ".Arn" -> stack.arn("events", "rule/" + ruleBusPath(r, stack));
            default -> null;
        };
    }

    private static String ruleBusPath(TemplateResource r, StackContext stack) {
        Object bus = r.properties().get("EventBusName");
        String busName = bus == null ? "default"
                : busName(stack.evaluator().resolveString(bus, r.logicalId() + ".EventBusName"));
        String ruleName = stack.name(r, "Name");
        return busName.equals("default") ? ruleName : busName + "/" + ruleName;
    }

    private static String busName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf("event-bus/");
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + "event-bus/".length());
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        if (BUS.equals(r.type())) {
            createBus(stack.name(r, "Name"));
        } else {
            createRule(r, p, stack);
        }
    }

    private void createBus(String name) {
        boolean exists = eventBridge.listEventBuses(b -> b.namePrefix(name)).eventBuses().stream()
                .anyMatch(bus -> bus.name().equals(name));
        if (!exists) {
            eventBridge.createEventBus(b -> b.name(name));
        }
        LOG.info("event bus {} {}", name, exists ? "exists" : "created");
    }

    private void createRule(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String name = stack.name(r, "Name");
        String bus = p.containsKey("EventBusName") ? busName(str(p.get("EventBusName"))) : "default";
        eventBridge.putRule(b -> {
            b.name(name).eventBusName(bus).state(p.containsKey("State") ? str(p.get("State")) : "ENABLED");
            if (p.containsKey("EventPattern")) {
                b.eventPattern(p.get("EventPattern") instanceof String s ? s : json(p.get("EventPattern")));
            }
            if (p.containsKey("ScheduleExpression")) {
                b.scheduleExpression(str(p.get("ScheduleExpression")));
            }
        });
        List<Target> targets = ruleTargets(r, p);
        if (!targets.isEmpty()) {
            eventBridge.putTargets(b -> b.rule(name).eventBusName(bus).targets(targets));
        }
        LOG.info("rule {} on bus {} ready", name, bus);
    }

    /**
     * The targets of a rule resource as provisioning sends them to PutTargets.
     *
     * @param p the rule's resolved properties
     */
    public static List<Target> ruleTargets(TemplateResource r, Map<String, Object> p) {
        if (!RULE.equals(r.type())) {
            throw new IllegalArgumentException(r.logicalId() + " is not an " + RULE + " of the template");
        }
        return list(p.get("Targets")).stream().map(t -> target(r, p, map(t))).toList();
    }

    private static Target target(TemplateResource r, Map<String, Object> p, Map<String, Object> t) {
        Target.Builder target = Target.builder().id(str(t.get("Id"))).arn(str(t.get("Arn")));
        if (t.containsKey("Input")) {
            target.input(t.get("Input") instanceof String s ? s : json(t.get("Input")));
        }
        if (t.containsKey("InputPath")) {
            target.inputPath(str(t.get("InputPath")));
        }
        if (t.containsKey("InputTransformer")) {
            target.inputTransformer(inputTransformer(r, map(t.get("InputTransformer"))));
        }
        if (t.containsKey("DeadLetterConfig")) {
            target.deadLetterConfig(dead -> dead.arn(str(map(t.get("DeadLetterConfig")).get("Arn"))));
        }
        if (t.containsKey("RetryPolicy")) {
            Map<String, Object> retry = map(t.get("RetryPolicy"));
            target.retryPolicy(policy -> policy
                    .maximumRetryAttempts(retry.containsKey("MaximumRetryAttempts")
                            ? Integer.valueOf(str(retry.get("MaximumRetryAttempts"))) : null)
                    .maximumEventAgeInSeconds(retry.containsKey("MaximumEventAgeInSeconds")
                            ? Integer.valueOf(str(retry.get("MaximumEventAgeInSeconds"))) : null));
        }
        if (!p.containsKey("ScheduleExpression") && str(t.get("Arn")).contains(":lambda:")) {
            throw new TemplateException(r.logicalId() + " targets function " + t.get("Arn")
                    + " with an event pattern; local mode delivers pattern rules to SQS only and "
                    + "schedules to functions");
        }
        return target.build();
    }

    /** A target's InputTransformer as PutTargets takes it; paths map values and the template are strings. */
    private static InputTransformer inputTransformer(TemplateResource r, Map<String, Object> transformer) {
        if (!transformer.containsKey("InputTemplate")) {
            throw new TemplateException(r.logicalId() + " has a target InputTransformer without InputTemplate");
        }
        Map<String, String> paths = new LinkedHashMap<>();
        if (transformer.containsKey("InputPathsMap")) {
            map(transformer.get("InputPathsMap")).forEach((name, path) -> paths.put(name, str(path)));
        }
        Object template = transformer.get("InputTemplate");
        return InputTransformer.builder().inputPathsMap(paths)
                .inputTemplate(template instanceof String s ? s : json(template)).build();
    }
}
