package org.emotionanalyser.local.runtime.apigateway;


import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches request paths to the API's resources as API Gateway does: literal segments win over path parameters,
 * a greedy {@code {name+}} parameter takes the rest of the path, a method falls back to {@code ANY}.
 */
public final class RouteTable {

    private final List<ApiRoute> routes;

    public RouteTable(List<ApiRoute> routes) {
        // Most specific first: more literal segments, then fewer parameters, greedy last.
        this.routes = new ArrayList<>(routes);
        this.routes.sort(Comparator.comparingInt((ApiRoute r) -> greedy(r) ? 1 : 0)
                .thenComparingInt(r -> -literalSegments(r))
                .thenComparingInt(r -> -segments(r.resourcePath()).length));
    }

    /** The method serving a request, if any. */
    public Optional<RouteMatch> match(String method, String path) {
        for (String wanted : List.of(method, "ANY")) {
            for (ApiRoute route : routes) {
                if (route.httpMethod().equals(wanted)) {
                    Map<String, String> parameters = parameters(route.resourcePath(), path);
                    if (parameters != null) {
                        return Optional.of(new RouteMatch(route, parameters));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The methods defined on the resource a path matches (for CORS preflight answers). */
    public List<String> methodsAt(String path) {
        List<String> methods = new ArrayList<>();
        for (ApiRoute route : routes) {
            if (parameters(route.resourcePath(), path) != null && !methods.contains(route.httpMethod())) {
                methods.add(route.httpMethod());
            }
        }
        return methods;
    }

    /** The parameters when the path fits the resource template, else {@code null}. */
    static Map<String, String> parameters(String template, String path) {
        String[] expected = segments(template);
        String[] actual = segments(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= actual.length) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 2),
                        String.join("/", List.of(actual).subList(i, actual.length)));
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return null;
            }
        }
        return expected.length == actual.length ? parameters : null;
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static boolean greedy(ApiRoute route) {
        return route.resourcePath().contains("+}");
    }

    private static int literalSegments(ApiRoute route) {
        int count = 0;
        for (String segment : segments(route.resourcePath())) {
            if (!segment.startsWith("{")) {
                count++;
            }
        }
        return count;
    }
}
