package org.emotionanalyser.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The Lambda functions a template defines, with what the consistency checks compare against the code. */
public final class StackFunctions {

    /** Statements with this Sid prefix are used by Lambda on the function's behalf, not by its code. */
    public static final String SERVICE_STATEMENT_PREFIX = "LambdaService";

    /**
     * One function.
     *
     * @param logicalId      e.g. {@code ReaderFunction}
     * @param handlerClass   binary class name from {@code Handler}
     * @param handlerMethod  method name from {@code Handler}
     * @param environment    variable name -> template value (a string or an intrinsic)
     * @param codeActions    actions the role allows for the code
     * @param serviceActions actions the role allows for Lambda itself
     */
    public record Function(String logicalId, String handlerClass, String handlerMethod, Map<String, Object> environment,
                           Set<String> codeActions, Set<String> serviceActions) {
    }

    private StackFunctions() {
    }

    /** Every {@code AWS::Lambda::Function}, by logical id. */
    public static Map<String, Function> of(CloudFormationTemplate template) {
        Map<String, Function> functions = new TreeMap<>();
        for (String id : template.resourcesOfType("AWS::Lambda::Function")) {
            Map<String, Object> properties = template.properties(id);
            String handler = String.valueOf(properties.get("Handler"));
            int separator = handler.indexOf("::");
            String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
            String handlerMethod = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
            Map<String, Object> environment = map(map(properties.get("Environment")).get("Variables"));
            Set<String> codeActions = new TreeSet<>();
            Set<String> serviceActions = new TreeSet<>();
            String roleId = roleOf(properties.get("Role"));
            for (Object policy : list(template.properties(roleId).get("Policies"))) {
                for (Object statement : list(map(map(policy).get("PolicyDocument")).get("Statement"))) {
                    Map<String, Object> s = map(statement);
                    if (!"Allow".equals(s.get("Effect"))) {
                        continue;
                    }
                    Object sid = s.get("Sid");
                    Set<String> target = sid != null && sid.toString().startsWith(SERVICE_STATEMENT_PREFIX)
                            ? serviceActions : codeActions;
                    Object action = s.get("Action");
                    if (action instanceof List<?> actions) {
                        actions.forEach(a -> target.add(String.valueOf(a)));
                    } else {
                        target.add(String.valueOf(action));
                    }
                }
            }
            functions.put(id, new Function(id, handlerClass, handlerMethod, environment, codeActions, serviceActions));
        }
        return functions;
    }

    /** {@code !GetAtt SomeRole.Arn} -> {@code SomeRole}. */
    private static String roleOf(Object role) {
        Object getAtt = map(role).get("Fn::GetAtt");
        if (getAtt instanceof List<?> parts && parts.size() == 2) {
            return String.valueOf(parts.get(0));
        }
        throw new IllegalArgumentException("a function's Role must be !GetAtt <role>.Arn of a role in the template");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
