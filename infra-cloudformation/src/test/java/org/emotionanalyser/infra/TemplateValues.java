package org.emotionanalyser.infra;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates template values the way CloudFormation would for one example deployment (stage {@code dev}, account
 * {@code 123456789012}, region {@code eu-west-1}, parameters at their defaults): {@code Ref} of a resource gives its
 * name property, {@code Fn::Sub} substitutes, {@code Fn::GetAtt ... Arn} builds a recognisable ARN. Enough to compare
 * the names the code builds with the names the template creates.
 */
public final class TemplateValues {

    public static final String STAGE = "dev";
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";
    /** The resource prefix of the example deployment. */
    public static final String PREFIX = "emotion-analyser-" + STAGE;

    /** Properties that hold a resource's physical name, for {@code Ref}. */
    private static final List<String> NAME_PROPERTIES = List.of("TableName", "BucketName", "QueueName", "TopicName",
            "FunctionName", "Name", "LogGroupName");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final CloudFormationTemplate template;
    private final Map<String, String> parameterOverrides;

    public TemplateValues(CloudFormationTemplate template, Map<String, String> parameterOverrides) {
        this.template = template;
        this.parameterOverrides = parameterOverrides;
    }

    /** The value as text; throws for constructs this evaluator does not model. */
    public String resolve(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Map<String, Object> map = StackFunctions.map(value);
        if (map.containsKey("Ref")) {
            return ref(String.valueOf(map.get("Ref")));
        }
        if (map.containsKey("Fn::Sub")) {
            return sub(String.valueOf(map.get("Fn::Sub")));
        }
        if (map.containsKey("Fn::GetAtt")) {
            List<?> parts = StackFunctions.list(map.get("Fn::GetAtt"));
            return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        if (map.containsKey("Fn::If")) {
            List<?> args = StackFunctions.list(map.get("Fn::If"));
            Object branch = condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2);
            return "AWS::NoValue".equals(StackFunctions.map(branch).get("Ref")) ? null : resolve(branch);
        }
        throw new IllegalArgumentException("cannot evaluate " + value);
    }

    /** A condition of the template's Conditions section (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition). */
    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name + " in the template");
        }
        return test(definition);
    }

    private boolean test(Object definition) {
        Map<String, Object> map = StackFunctions.map(definition);
        if (map.containsKey("Condition")) {
            return condition(String.valueOf(map.get("Condition")));
        }
        if (map.containsKey("Fn::Equals")) {
            List<?> args = StackFunctions.list(map.get("Fn::Equals"));
            return resolve(args.get(0)).equals(resolve(args.get(1)));
        }
        if (map.containsKey("Fn::Not")) {
            return !test(StackFunctions.list(map.get("Fn::Not")).get(0));
        }
        if (map.containsKey("Fn::And")) {
            return StackFunctions.list(map.get("Fn::And")).stream().allMatch(this::test);
        }
        if (map.containsKey("Fn::Or")) {
            return StackFunctions.list(map.get("Fn::Or")).stream().anyMatch(this::test);
        }
        throw new IllegalArgumentException("cannot evaluate condition " + definition);
    }

    private String getAtt(String logicalId, String attribute) {
        String type = template.type(logicalId);
        if (attribute.equals("Arn")) {
            String name = ref(logicalId);
            switch (type) {
                case "AWS::S3::Bucket":
                    return "arn:aws:s3:::" + name;
                case "AWS::DynamoDB::Table":
                    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
                case "AWS::SQS::Queue":
                    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
                case "AWS::Events::EventBus":
                    return "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + name;
                default:
                    break;
            }
        }
        if (type.equals("AWS::CloudFront::Distribution") && attribute.equals("DomainName")) {
            return "d111111abcdef8.cloudfront.net";
        }
        return "arn:aws:" + type + ":" + logicalId + "." + attribute;
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Region":
                return REGION;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        if (template.parameters().containsKey(name)) {
            Object defaultValue = StackFunctions.map(template.parameters().get(name)).get("Default");
            if (defaultValue == null) {
                throw new IllegalArgumentException("parameter " + name + " has no default; pass an override");
            }
            return String.valueOf(defaultValue);
        }
        String type = template.type(name);
        Map<String, Object> properties = template.properties(name);
        if ("AWS::Lambda::Alias".equals(type)) {
            String function = resolve(properties.get("FunctionName"));
            return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function + ":" + properties.get("Name");
        }
        for (String property : NAME_PROPERTIES) {
            if (properties.containsKey(property)) {
                return resolve(properties.get(property));
            }
        }
        return name;
    }

    private String sub(String text) {
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            int dot = variable.indexOf('.');
            String replacement = dot > 0 && !variable.startsWith("AWS::")
                    ? resolve(Map.of("Fn::GetAtt", List.of(variable.substring(0, dot), variable.substring(dot + 1))))
                    : ref(variable);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
