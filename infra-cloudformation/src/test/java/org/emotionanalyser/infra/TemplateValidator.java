package org.emotionanalyser.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a template against the {@link ResourceSpecification}: known resource types, known and required properties,
 * property value types (recursively through nested types, lists and maps), and that every {@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub} variable, {@code DependsOn} and condition names something that exists.
 *
 * <p>Scalars follow CloudFormation's own coercions: a number may stand where a string is expected, and a string of
 * digits or {@code "true"/"false"} where a number or boolean is. Intrinsic functions are checked for what they
 * return: a string (or a list, for {@code Fn::Split}, {@code Fn::GetAZs}, {@code Fn::Cidr} and list parameters),
 * never an object; {@code Fn::If} is checked branch by branch.
 */
public final class TemplateValidator {

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::Region", "AWS::Partition",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
            "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
    private static final Set<String> INTRINSICS = Set.of("Ref", "Fn::Sub", "Fn::GetAtt", "Fn::Join", "Fn::Select",
            "Fn::Split", "Fn::If", "Fn::FindInMap", "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs", "Fn::Cidr",
            "Fn::ToJsonString", "Fn::Length", "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or");
    private static final Set<String> LIST_RESULTS = Set.of("Fn::Split", "Fn::GetAZs", "Fn::Cidr");
    private static final Set<String> SCALAR_TYPES = Set.of("string", "date-time", "integer", "number", "boolean");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final ResourceSpecification spec;

    public TemplateValidator(ResourceSpecification spec) {
        this.spec = spec;
    }

    /** Every problem found, each starting with the path of the offending value; empty when the template is valid. */
    public List<String> validate(CloudFormationTemplate template) {
        List<String> problems = new ArrayList<>();
        Context context = new Context(template, problems);
        if (template.resources().isEmpty()) {
            problems.add("Resources: a template needs at least one resource");
        }
        template.resources().forEach((id, definition) -> checkResource(context, id, definition));
        checkReferences(context, "Conditions", template.conditions());
        template.outputs().forEach((name, output) -> {
            if (!(output instanceof Map<?, ?> map) || !map.containsKey("Value")) {
                problems.add("Outputs." + name + ": an output needs a Value");
            }
            checkReferences(context, "Outputs." + name, output);
        });
        return problems;
    }

    private record Context(CloudFormationTemplate template, List<String> problems) {
        void problem(String path, String message) {
            problems.add(path + ": " + message);
        }
    }

    private void checkResource(Context context, String id, Object definition) {
        String path = "Resources." + id;
        if (!(definition instanceof Map<?, ?> resource)) {
            context.problem(path, "a resource is a mapping with Type and Properties");
            return;
        }
        for (Object key : resource.keySet()) {
            if (!RESOURCE_KEYS.contains(String.valueOf(key))) {
                context.problem(path, "unknown resource attribute '" + key + "'; expected one of " + RESOURCE_KEYS);
            }
        }
        checkDependsOn(context, path, id, resource.get("DependsOn"));
        Object condition = resource.get("Condition");
        if (condition != null && !context.template().conditions().containsKey(String.valueOf(condition))) {
            context.problem(path + ".Condition", "no condition named '" + condition + "'");
        }
        Object type = resource.get("Type");
        if (!(type instanceof String typeName)) {
            context.problem(path + ".Type", "missing resource type");
            return;
        }
        checkReferences(context, path + ".Properties", resource.get("Properties"));
        if (typeName.startsWith("Custom::")) {
            return;
        }
        Optional<JsonNode> resourceType = spec.resourceType(typeName);
        if (resourceType.isEmpty()) {
            context.problem(path + ".Type", "unknown resource type '" + typeName + "'");
            return;
        }
        Object properties = resource.get("Properties");
        if (properties != null && !(properties instanceof Map)) {
            context.problem(path + ".Properties", "Properties must be a mapping");
            return;
        }
        checkObject(context, path + ".Properties", (Map<?, ?>) (properties == null ? Map.of() : properties),
                resourceType.get().path("properties"));
    }

    private void checkDependsOn(Context context, String path, String self, Object dependsOn) {
        if (dependsOn == null) {
            return;
        }
        List<?> targets = dependsOn instanceof List<?> list ? list : List.of(dependsOn);
        for (Object target : targets) {
            if (!(target instanceof String name) || !context.template().resources().containsKey(name)) {
                context.problem(path + ".DependsOn", "no resource named '" + target + "'");
            } else if (name.equals(self)) {
                context.problem(path + ".DependsOn", "a resource cannot depend on itself");
            }
        }
    }

    /** Checks a mapping against a {@code properties} table: unknown names, missing required ones, value types. */
    private void checkObject(Context context, String path, Map<?, ?> value, JsonNode propertySpecs) {
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            String name = String.valueOf(entry.getKey());
            JsonNode propertySpec = propertySpecs.get(name);
            if (propertySpec == null) {
                context.problem(path + "." + name, "unknown property; known ones are " + names(propertySpecs));
                continue;
            }
            checkProperty(context, path + "." + name, entry.getValue(), propertySpec);
        }
        Iterator<Map.Entry<String, JsonNode>> specs = propertySpecs.fields();
        while (specs.hasNext()) {
            Map.Entry<String, JsonNode> propertySpec = specs.next();
            if (propertySpec.getValue().path("required").asBoolean(false) && !value.containsKey(propertySpec.getKey())) {
                context.problem(path, "missing required property '" + propertySpec.getKey() + "'");
            }
        }
    }

    /** A property value must match its current type or one of the types it had before. */
    private void checkProperty(Context context, String path, Object value, JsonNode propertySpec) {
        List<String> problems = typeProblems(context, path, value, propertySpec.path("type"));
        if (problems.isEmpty()) {
            return;
        }
        for (JsonNode previous : propertySpec.path("previousTypes")) {
            if (typeProblems(context, path, value, previous).isEmpty()) {
                return;
            }
        }
        context.problems().addAll(problems);
    }

    private List<String> typeProblems(Context context, String path, Object value, JsonNode type) {
        Context local = new Context(context.template(), new ArrayList<>());
        checkValue(local, path, value, type);
        return local.problems();
    }

    private void checkValue(Context context, String path, Object value, JsonNode type) {
        String kind = type.path("type").asText();
        Optional<String> intrinsic = intrinsicName(value);
        if (intrinsic.isPresent()) {
            checkIntrinsicResult(context, path, intrinsic.get(), ((Map<?, ?>) value).get(intrinsic.get()), type);
            return;
        }
        switch (kind) {
            case "string", "date-time" -> {
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    context.problem(path, "expected a string, got " + describe(value));
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long
                        || value instanceof String text && INTEGER.matcher(text).matches())) {
                    context.problem(path, "expected an integer, got " + describe(value));
                }
            }
            case "number" -> {
                if (!(value instanceof Number || value instanceof String text && NUMBER.matcher(text).matches())) {
                    context.problem(path, "expected a number, got " + describe(value));
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean
                        || value instanceof String text && (text.equals("true") || text.equals("false")))) {
                    context.problem(path, "expected a boolean, got " + describe(value));
                }
            }
            case "json" -> {
                if (!(value instanceof Map || value instanceof List || value instanceof String)) {
                    context.problem(path, "expected a JSON object, got " + describe(value));
                }
            }
            case "tag" -> {
                if (value instanceof Map<?, ?> tag) {
                    for (Object key : tag.keySet()) {
                        if (!"Key".equals(key) && !"Value".equals(key)) {
                            context.problem(path + "." + key, "unknown property of a tag; a tag has Key and Value");
                        }
                    }
                    if (!tag.containsKey("Key") || !tag.containsKey("Value")) {
                        context.problem(path, "a tag needs Key and Value");
                    }
                } else {
                    context.problem(path, "expected a tag {Key, Value}, got " + describe(value));
                }
            }
            case "array" -> {
                if (value instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        checkValue(context, path + "[" + i + "]", list.get(i), type.path("element"));
                    }
                } else {
                    context.problem(path, "expected a list, got " + describe(value));
                }
            }
            case "map" -> {
                if (value instanceof Map<?, ?> map) {
                    map.forEach((key, element) -> checkValue(context, path + "." + key, element, type.path("element")));
                } else {
                    context.problem(path, "expected a mapping, got " + describe(value));
                }
            }
            case "ref" -> {
                JsonNode definition = spec.typeDefinition(type.path("reference").path("$ref").asText());
                if (value instanceof Map<?, ?> map) {
                    checkObject(context, path, map, definition.path("properties"));
                } else {
                    context.problem(path, "expected a " + definition.path("name").asText() + " mapping, got "
                            + describe(value));
                }
            }
            case "union" -> {
                for (JsonNode alternative : type.path("types")) {
                    if (typeProblems(context, path, value, alternative).isEmpty()) {
                        return;
                    }
                }
                context.problem(path, "matches none of the allowed types " + type.path("types"));
            }
            default -> context.problem(path, "the specification has a type this checker does not know: " + kind);
        }
    }

    /** What an intrinsic function returns must fit where it stands. */
    private void checkIntrinsicResult(Context context, String path, String function, Object argument, JsonNode type) {
        String kind = type.path("type").asText();
        if (function.equals("Fn::If")) {
            if (argument instanceof List<?> branches && branches.size() == 3) {
                for (int i = 1; i <= 2; i++) {
                    Object branch = branches.get(i);
                    if (!isNoValue(branch)) {
                        checkValue(context, path + "(Fn::If branch " + i + ")", branch, type);
                    }
                }
            }
            return;
        }
        if (kind.equals("json") || kind.equals("union")) {
            return;
        }
        boolean list = LIST_RESULTS.contains(function) || function.equals("Ref") && isListParameter(context, argument);
        if (SCALAR_TYPES.contains(kind) && list) {
            context.problem(path, "expected a single " + kind + ", but " + function + " returns a list");
        } else if (kind.equals("array") && !list) {
            context.problem(path, "expected a list, but " + function + " returns a single value");
        } else if (!SCALAR_TYPES.contains(kind) && !kind.equals("array")) {
            context.problem(path, "expected a " + kind + " value, but " + function + " returns a string");
        }
    }

    private static boolean isNoValue(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1 && "AWS::NoValue".equals(map.get("Ref"));
    }

    private static boolean isListParameter(Context context, Object argument) {
        Object parameter = context.template().parameters().get(String.valueOf(argument));
        if (parameter instanceof Map<?, ?> map) {
            String type = String.valueOf(map.get("Type"));
            return type.startsWith("List<") || type.equals("CommaDelimitedList");
        }
        return false;
    }

    /** Walks any value and checks every Ref, GetAtt, Sub variable and condition name it contains. */
    private void checkReferences(Context context, String path, Object value) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkReferences(context, path + "[" + i + "]", list.get(i));
            }
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        Optional<String> intrinsic = intrinsicName(value);
        if (intrinsic.isPresent()) {
            Object argument = map.get(intrinsic.get());
            switch (intrinsic.get()) {
                case "Ref" -> checkRef(context, path, argument);
                case "Fn::GetAtt" -> checkGetAtt(context, path, argument);
                case "Fn::Sub" -> checkSub(context, path, argument);
                case "Fn::If" -> {
                    if (argument instanceof List<?> args && args.size() == 3) {
                        checkConditionName(context, path, args.get(0));
                    } else {
                        context.problem(path, "Fn::If takes [condition, value if true, value if false]");
                    }
                }
                case "Fn::Join" -> {
                    if (!(argument instanceof List<?> args && args.size() == 2 && args.get(0) instanceof String)) {
                        context.problem(path, "Fn::Join takes [delimiter, [values]]");
                    }
                }
                default -> {
                }
            }
            if (!intrinsic.get().equals("Fn::Sub")) {
                checkReferences(context, path + "." + intrinsic.get(), argument);
            }
            return;
        }
        if (map.size() == 1 && map.containsKey("Condition") && path.startsWith("Conditions")) {
            checkConditionName(context, path, map.get("Condition"));
            return;
        }
        map.forEach((key, element) -> checkReferences(context, path + "." + key, element));
    }

    private void checkRef(Context context, String path, Object target) {
        String name = String.valueOf(target);
        CloudFormationTemplate template = context.template();
        if (!PSEUDO_PARAMETERS.contains(name) && !template.parameters().containsKey(name)
                && !template.resources().containsKey(name)) {
            context.problem(path, "Ref to '" + name + "', which is neither a parameter, a resource nor a pseudo "
                    + "parameter");
        }
    }

    private void checkGetAtt(Context context, String path, Object argument) {
        if (!(argument instanceof List<?> parts) || parts.size() != 2) {
            context.problem(path, "Fn::GetAtt takes [logicalId, attribute] or 'logicalId.attribute'");
            return;
        }
        checkAttribute(context, path, String.valueOf(parts.get(0)), parts.get(1));
    }

    private void checkAttribute(Context context, String path, String logicalId, Object attribute) {
        CloudFormationTemplate template = context.template();
        if (!template.resources().containsKey(logicalId)) {
            context.problem(path, "GetAtt of '" + logicalId + "', which is not a resource");
            return;
        }
        String type = template.type(logicalId);
        if (!(attribute instanceof String attributeName) || type == null || type.startsWith("Custom::")) {
            return;
        }
        spec.resourceType(type).ifPresent(resourceType -> {
            if (!resourceType.path("attributes").has(attributeName)) {
                context.problem(path, type + " '" + logicalId + "' has no attribute '" + attributeName
                        + "'; it has " + names(resourceType.path("attributes")));
            }
        });
    }

    private void checkSub(Context context, String path, Object argument) {
        String text;
        Map<?, ?> variables = Map.of();
        if (argument instanceof String string) {
            text = string;
        } else if (argument instanceof List<?> args && args.size() == 2 && args.get(0) instanceof String string
                && args.get(1) instanceof Map<?, ?> map) {
            text = string;
            variables = map;
            checkReferences(context, path + ".Fn::Sub[1]", map);
        } else {
            context.problem(path, "Fn::Sub takes a string or [string, {variables}]");
            return;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            if (variable.startsWith("!") || variables.containsKey(variable)) {
                continue;
            }
            int dot = variable.indexOf('.');
            if (dot > 0 && !variable.startsWith("AWS::")) {
                checkAttribute(context, path, variable.substring(0, dot), variable.substring(dot + 1));
            } else {
                checkRef(context, path, variable);
            }
        }
    }

    private void checkConditionName(Context context, String path, Object name) {
        if (!context.template().conditions().containsKey(String.valueOf(name))) {
            context.problem(path, "no condition named '" + name + "'");
        }
    }

    private static Optional<String> intrinsicName(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            if (INTRINSICS.contains(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing (null)";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase() + " '" + value + "'";
    }

    private static List<String> names(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
