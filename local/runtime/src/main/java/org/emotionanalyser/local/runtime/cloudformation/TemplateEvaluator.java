package org.emotionanalyser.local.runtime.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves intrinsic functions in template values: {@code Ref} (parameters, pseudo parameters, resources),
 * {@code Fn::GetAtt}, {@code Fn::Sub} (both forms), {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split},
 * {@code Fn::FindInMap}, {@code Fn::If} with {@code AWS::NoValue}, {@code Fn::Base64}, {@code Fn::GetAZs},
 * {@code Fn::ToJsonString}, and conditions ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or},
 * {@code Condition}). {@code Fn::ImportValue} and {@code Fn::Cidr} have no local meaning and fail.
 */
public final class TemplateEvaluator {

    /** Marks a value removed by {@code Ref: AWS::NoValue}; dropped from the enclosing map or list. */
    private static final Object NO_VALUE = new Object();
    /** A parameter without default or override. */
    private static final Object MISSING = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationTemplate template;
    private final Map<String, Object> parameterValues;
    private final PseudoParameters pseudo;
    private final ResourceAttributes resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();

    /**
     * @param overrides parameter values that replace the template's defaults (e.g. {@code Stage=local})
     */
    public TemplateEvaluator(CloudFormationTemplate template, Map<String, String> overrides, PseudoParameters pseudo,
                             ResourceAttributes resources) {
        this.template = template;
        this.pseudo = pseudo;
        this.resources = resources;
        this.parameterValues = parameterValues(template, overrides);
    }

    private static Map<String, Object> parameterValues(CloudFormationTemplate template, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : overrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new TemplateException("parameter override " + name + " names no parameter of the template; "
                        + "known parameters: " + template.parameters().keySet());
            }
        }
        template.parameters().forEach((name, spec) -> {
            Object value = overrides.containsKey(name) ? overrides.get(name) : spec.get("Default");
            if (value == null) {
                // Only an error if something local mode reads uses it (e.g. not for the functions' Code).
                values.put(name, MISSING);
                return;
            }
            String text = String.valueOf(value);
            Object pattern = spec.get("AllowedPattern");
            if (pattern != null && !Pattern.matches(String.valueOf(pattern), text)) {
                throw new TemplateException("parameter " + name + " does not match its AllowedPattern " + pattern
                        + (spec.containsKey("ConstraintDescription") ? " (" + spec.get("ConstraintDescription") + ")"
                        : ""));
            }
            Object allowed = spec.get("AllowedValues");
            if (allowed instanceof List<?> list && list.stream().map(String::valueOf).noneMatch(text::equals)) {
                throw new TemplateException("parameter " + name + " = '" + text + "' is not one of its AllowedValues "
                        + list);
            }
            String type = String.valueOf(spec.getOrDefault("Type", "String"));
            values.put(name, type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(text.split("\\s*,\\s*")) : text);
        });
        return values;
    }

    /** The resolved value of a parameter, {@code null} when it has none. */
    public Object parameter(String name) {
        Object value = parameterValues.get(name);
        return value == MISSING ? null : value;
    }

    /** Whether a resource is part of the stack: no condition, or its condition is true. */
    public boolean isActive(TemplateResource resource) {
        return resource.condition() == null || condition(resource.condition());
    }

    /** Evaluates a named condition of the template's {@code Conditions}. */
    public boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException("condition " + name + " is not defined in Conditions");
        }
        boolean value = truth(resolve(definition), "condition " + name);
        conditionValues.put(name, value);
        return value;
    }

    /** Resolves every intrinsic function inside a value; maps and lists are copied. */
    public Object resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** Resolves a value that must end up as text (numbers and booleans are turned into text). */
    public String resolveString(Object value, String where) {
        Object resolved = resolve(value);
        if (resolved == null) {
            return null;
        }
        if (resolved instanceof Map || resolved instanceof List) {
            throw new TemplateException(where + " must be a string, but resolves to " + resolved);
        }
        return String.valueOf(resolved);
    }

    private Object evaluate(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return function(key, map.values().iterator().next());
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object resolved = evaluate(v);
                if (resolved != NO_VALUE) {
                    copy.put(String.valueOf(k), resolved);
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                Object resolved = evaluate(item);
                if (resolved != NO_VALUE) {
                    copy.add(resolved);
                }
            }
            return copy;
        }
        return value;
    }

    private Object function(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(text(evaluate(argument), "Ref"));
            case "Condition" -> condition(text(argument, "Condition"));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::If" -> fnIf(argument);
            case "Fn::Equals" -> {
                List<?> args = list(evaluate(argument), "Fn::Equals", 2);
                yield String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
            }
            case "Fn::Not" -> !truth(list(evaluate(argument), "Fn::Not", 1).get(0), "Fn::Not");
            case "Fn::And" -> list(evaluate(argument), "Fn::And", -1).stream().allMatch(v -> truth(v, "Fn::And"));
            case "Fn::Or" -> list(evaluate(argument), "Fn::Or", -1).stream().anyMatch(v -> truth(v, "Fn::Or"));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    text(evaluate(argument), "Fn::Base64").getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> List.of(pseudo.region() + "a", pseudo.region() + "b", pseudo.region() + "c");
            case "Fn::Length" -> list(evaluate(argument), "Fn::Length", -1).size();
            case "Fn::ToJsonString" -> toJson(evaluate(argument));
            default -> throw new TemplateException(name + " has no local meaning; local mode cannot resolve "
                    + "values that use it (replace it with a parameter or a literal)");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (name.startsWith("AWS::")) {
            Object value = pseudo.value(name);
            if (value == null) {
                throw new TemplateException("Ref " + name + " is not a pseudo parameter local mode knows");
            }
            return value;
        }
        if (parameterValues.containsKey(name)) {
            Object value = parameterValues.get(name);
            if (value == MISSING) {
                throw new TemplateException("parameter " + name + " has no Default and no local value, but local "
                        + "mode needs it; give it a Default in the template or a value in the local overrides");
            }
            return value;
        }
        requireResource(name, "Ref " + name);
        return resources.ref(name);
    }

    private Object getAtt(Object argument) {
        Object resolved = evaluate(argument);
        List<?> parts = resolved instanceof String s ? List.of(s.split("\\.", 2)) : list(resolved, "Fn::GetAtt", 2);
        String id = String.valueOf(parts.get(0));
        String attribute = String.valueOf(parts.get(1));
        requireResource(id, "Fn::GetAtt " + id + "." + attribute);
        return resources.getAtt(id, attribute);
    }

    private void requireResource(String id, String where) {
        TemplateResource resource = template.resources().get(id);
        if (resource == null) {
            throw new TemplateException(where + " names neither a parameter nor a resource of the template");
        }
        if (!isActive(resource)) {
            throw new TemplateException(where + " refers to resource " + id + " whose condition "
                    + resource.condition() + " is false");
        }
    }

    private String sub(Object argument) {
        String format;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> args) {
            list(args, "Fn::Sub", 2);
            format = text(args.get(0), "Fn::Sub");
            variables = CloudFormationTemplate.asMap(args.get(1), "Fn::Sub variables");
        } else {
            format = text(argument, "Fn::Sub");
        }
        Matcher matcher = SUB_VARIABLE.matcher(format);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = text(evaluate(variables.get(variable)), "Fn::Sub variable " + variable);
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                String[] parts = variable.split("\\.", 2);
                requireResource(parts[0], "Fn::Sub ${" + variable + "}");
                replacement = text(resources.getAtt(parts[0], parts[1]), "Fn::Sub ${" + variable + "}");
            } else {
                replacement = text(ref(variable), "Fn::Sub ${" + variable + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(Object argument) {
        List<?> args = list(evaluate(argument), "Fn::Join", 2);
        String delimiter = text(args.get(0), "Fn::Join delimiter");
        List<?> parts = list(args.get(1), "Fn::Join values", -1);
        List<String> texts = new ArrayList<>();
        for (Object part : parts) {
            texts.add(text(part, "Fn::Join value"));
        }
        return String.join(delimiter, texts);
    }

    private Object select(Object argument) {
        List<?> args = list(evaluate(argument), "Fn::Select", 2);
        int index = Integer.parseInt(text(args.get(0), "Fn::Select index"));
        List<?> values = list(args.get(1), "Fn::Select values", -1);
        if (index < 0 || index >= values.size()) {
            throw new TemplateException("Fn::Select index " + index + " is outside the list " + values);
        }
        return values.get(index);
    }

    private List<String> split(Object argument) {
        List<?> args = list(evaluate(argument), "Fn::Split", 2);
        return List.of(text(args.get(1), "Fn::Split source").split(Pattern.quote(text(args.get(0), "Fn::Split"))));
    }

    private Object findInMap(Object argument) {
        List<?> args = list(evaluate(argument), "Fn::FindInMap", 3);
        Object map = template.mappings().get(text(args.get(0), "Fn::FindInMap"));
        Object top = map instanceof Map<?, ?> m ? m.get(text(args.get(1), "Fn::FindInMap")) : null;
        Object value = top instanceof Map<?, ?> t ? t.get(text(args.get(2), "Fn::FindInMap")) : null;
        if (value == null) {
            throw new TemplateException("Fn::FindInMap " + args + " finds nothing in Mappings");
        }
        return evaluate(value);
    }

    private Object fnIf(Object argument) {
        if (!(argument instanceof List<?> args) || args.size() != 3) {
            throw new TemplateException("Fn::If takes [condition, valueIfTrue, valueIfFalse], got " + argument);
        }
        return condition(text(args.get(0), "Fn::If condition")) ? evaluate(args.get(1)) : evaluate(args.get(2));
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("Fn::ToJsonString cannot write " + value, e);
        }
    }

    private static boolean truth(Object value, String where) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Boolean.parseBoolean((String) value);
        }
        throw new TemplateException(where + " must evaluate to true or false, got " + value);
    }

    private static String text(Object value, String where) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(where + " needs a string here, got " + CloudFormationTemplate.describe(value));
    }

    private static List<?> list(Object value, String where, int size) {
        if (value instanceof List<?> list && (size < 0 || list.size() == size)) {
            return list;
        }
        throw new TemplateException(where + " needs a list" + (size < 0 ? "" : " of " + size + " items")
                + ", got " + CloudFormationTemplate.describe(value));
    }
}
