package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;

/**
 * {@code AWS::Lambda::Function}, {@code AWS::Lambda::EventSourceMapping} and {@code AWS::Lambda::EventInvokeConfig}:
 * nothing is created in a service; each becomes a definition the runtime loads (functions by handler class name,
 * as Lambda does), polls or applies. Also answers {@code Ref} for versions and aliases, which need no local behaviour.
 */
public final class LambdaProvisioner implements ResourceProvisioner {

    private static final String FUNCTION = "AWS::Lambda::Function";
    private static final String MAPPING = "AWS::Lambda::EventSourceMapping";
    private static final String INVOKE_CONFIG = "AWS::Lambda::EventInvokeConfig";
    private static final String ALIAS = "AWS::Lambda::Alias";
    private static final String VERSION = "AWS::Lambda::Version";

    private final List<FunctionDefinition> functions = new ArrayList<>();
    private final List<EventSourceMappingDefinition> mappings = new ArrayList<>();
    private final Map<String, AsyncInvokeConfig> asyncConfigs = new LinkedHashMap<>();

    public List<FunctionDefinition> functions() {
        return List.copyOf(functions);
    }

    public List<EventSourceMappingDefinition> eventSourceMappings() {
        return List.copyOf(mappings);
    }

    /** Function name to its asynchronous invocation settings. */
    public Map<String, AsyncInvokeConfig> asyncConfigs() {
        return Map.copyOf(asyncConfigs);
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(FUNCTION, List.of("Handler", "Environment", "Timeout"),
                MAPPING, List.of("EventSourceArn", "FunctionName", "BatchSize", "FunctionResponseTypes", "Enabled"),
                INVOKE_CONFIG, List.of("FunctionName", "MaximumRetryAttempts", "DestinationConfig"));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return switch (r.type()) {
            case FUNCTION -> stack.name(r, "FunctionName");
            case MAPPING -> UUID.nameUUIDFromBytes(r.logicalId().getBytes()).toString();
            case ALIAS -> functionArn(qualifiedFunction(r, stack), stack) + ":" + stack.evaluator().resolveString(
                    r.properties().get("Name"), r.logicalId() + ".Name");
            case VERSION -> functionArn(qualifiedFunction(r, stack), stack) + ":1";
            default -> null;
        };
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        return switch (r.type() + "." + attribute) {
            case FUNCTION + ".Arn" -> functionArn(stack.name(r, "FunctionName"), stack);
            case VERSION + ".Version" -> "1";
            case ALIAS + ".AliasName" -> stack.evaluator().resolveString(r.properties().get("Name"), r.logicalId());
            default -> null;
        };
    }

    /** The function an alias or version belongs to (its FunctionName: a name or an ARN). */
    private static String qualifiedFunction(TemplateResource r, StackContext stack) {
        return FunctionDefinition.functionName(stack.evaluator().resolveString(r.properties().get("FunctionName"),
                r.logicalId() + ".FunctionName"));
    }

    private static String functionArn(String name, StackContext stack) {
        return "arn:aws:lambda:" + stack.pseudo().region() + ":" + stack.pseudo().accountId() + ":function:" + name;
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        switch (r.type()) {
            case FUNCTION -> defineFunction(r, p, stack);
            case MAPPING -> defineMapping(r, p);
            default -> defineAsyncConfig(p);
        }
    }

    private void defineFunction(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String name = stack.name(r, "FunctionName");
        String handler = str(p.get("Handler"));
        if (handler == null) {
            throw new TemplateException(r.logicalId() + " has no Handler; local mode instantiates the class it names");
        }
        String[] parts = handler.split("::", 2);
        Map<String, String> env = new LinkedHashMap<>();
        map(map(p.get("Environment")).get("Variables")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        int timeout = p.containsKey("Timeout") ? Integer.parseInt(String.valueOf(p.get("Timeout"))) : 3;
        Integer reserved = p.containsKey("ReservedConcurrentExecutions")
                ? Integer.valueOf(String.valueOf(p.get("ReservedConcurrentExecutions"))) : null;
        functions.add(new FunctionDefinition(r.logicalId(), name, functionArn(name, stack), parts[0],
                parts.length > 1 ? parts[1] : "handleRequest", Map.copyOf(env), timeout, reserved));
    }

    private void defineMapping(TemplateResource r, Map<String, Object> p) {
        String source = str(p.get("EventSourceArn"));
        if (source == null || !source.contains(":sqs:")) {
            throw new TemplateException(r.logicalId() + " maps " + source
                    + "; local mode runs event source mappings from SQS queues only");
        }
        boolean partial = list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        mappings.add(new EventSourceMappingDefinition(source, str(p.get("FunctionName")),
                p.containsKey("BatchSize") ? Integer.parseInt(String.valueOf(p.get("BatchSize"))) : 10,
                partial, !"false".equals(String.valueOf(p.get("Enabled"))),
                p.containsKey("MaximumBatchingWindowInSeconds")
                        ? Integer.parseInt(String.valueOf(p.get("MaximumBatchingWindowInSeconds"))) : 0));
    }

    private void defineAsyncConfig(Map<String, Object> p) {
        String function = FunctionDefinition.functionName(str(p.get("FunctionName")));
        int retries = p.containsKey("MaximumRetryAttempts")
                ? Integer.parseInt(String.valueOf(p.get("MaximumRetryAttempts"))) : 2;
        Object destination = map(map(map(p.get("DestinationConfig")).get("OnFailure"))).get("Destination");
        asyncConfigs.put(function, new AsyncInvokeConfig(function, retries,
                destination == null ? null : String.valueOf(destination)));
    }
}
