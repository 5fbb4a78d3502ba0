package org.emotionanalyser.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function in the template against the compiled code it names: the handler exists with the constructors and
 * method Lambda and local mode call, it starts with exactly the environment the template gives it, the template sets
 * no variable the code never reads, and the API methods routed to it are the routes it serves.
 */
class FunctionCodeConsistencyTest {

    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH) /[^ ]*");

    private final CloudFormationTemplate template = TemplateSpecValidationTest.deployedTemplate();
    private final Map<String, StackFunctions.Function> functions = StackFunctions.of(template);
    private final TemplateValues values = new TemplateValues(template, Map.of(
            "ArtifactsBucket", "artifacts", "IngestJarKey", "ingest.jar",
            "TenantsJarKey", "tenants.jar"));

    private Stream<DynamicTest> perFunction(java.util.function.Consumer<StackFunctions.Function> check) {
        return functions.values().stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> check.accept(f)));
    }

    @TestFactory
    Stream<DynamicTest> handler_whenLoaded_hasTheConstructorsAndMethodLambdaAndLocalModeCall() {
        return perFunction(function -> {
            Class<?> handler = load(function.handlerClass());
            assertThat(Modifier.isPublic(handler.getModifiers())).as("public class").isTrue();
            assertThat(publicConstructor(handler)).as("public no-argument constructor (Lambda)").isNotNull();
            assertThat(publicConstructor(handler, Map.class)).as("public Map constructor (local mode)").isNotNull();
            List<Method> methods = Arrays.stream(handler.getMethods())
                    .filter(m -> m.getName().equals(function.handlerMethod()) && !Modifier.isStatic(m.getModifiers()))
                    .filter(m -> m.getParameterCount() == 2
                            && m.getParameterTypes()[1].getName().equals("com.amazonaws.services.lambda.runtime.Context"))
                    .toList();
            assertThat(methods).as(function.handlerClass() + "::" + function.handlerMethod() + "(input, Context)")
                    .isNotEmpty();
        });
    }

    @TestFactory
    Stream<DynamicTest> environment_whenComparedWithCode_setsNoVariableTheCodeNeverReads() {
        return perFunction(function -> {
            Set<String> read = reachable(function).stringConstants();
            Set<String> unread = new TreeSet<>(function.environment().keySet());
            unread.removeAll(read);
            assertThat(unread).as(function.logicalId() + " sets variables its code never reads (misspelt?)").isEmpty();
        });
    }

    @TestFactory
    Stream<DynamicTest> environment_whenVariableComesFromAStackParameter_isSetOnEveryFunctionThatReadsIt() {
        Set<String> parameterFed = new TreeSet<>();
        functions.values().forEach(f -> f.environment().forEach((name, value) -> {
            Object ref = StackFunctions.map(value).get("Ref");
            if (ref != null && template.parameters().containsKey(String.valueOf(ref))) {
                parameterFed.add(name);
            }
        }));
        return perFunction(function -> {
            Set<String> notSet = new TreeSet<>(parameterFed);
            notSet.retainAll(reachable(function).stringConstants());
            notSet.removeAll(function.environment().keySet());
            assertThat(notSet).as(function.logicalId() + " reads these stack settings but the template does not pass "
                    + "them, so it would silently use its built-in default").isEmpty();
        });
    }

    @TestFactory
    Stream<DynamicTest> handler_whenConstructedWithTheTemplateEnvironment_starts() {
        return perFunction(function -> {
            Map<String, String> env = new HashMap<>();
            function.environment().forEach((name, value) -> env.put(name, values.resolve(value)));
            // Lambda sets these for every function.
            env.put("AWS_REGION", TemplateValues.REGION);
            env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
            Constructor<?> constructor = publicConstructor(load(function.handlerClass()), Map.class);
            assertThat(constructor).isNotNull();
            // The authorizer reads the admin key secret at init: a loopback stand-in for AWS answers that call
            // (and only that one: no other function calls AWS while it starts).
            try (SecretsStandIn aws = SecretsStandIn.start()) {
                env.put("AWS_ENDPOINT_URL", aws.endpoint());
                env.put("AWS_ACCESS_KEY_ID", "test");
                env.put("AWS_SECRET_ACCESS_KEY", "test");
                constructor.newInstance(env);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(function.logicalId() + " does not start with the template's environment "
                        + env.keySet() + ": " + e.getCause(), e.getCause());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> apiMethods_whenComparedWithHandlerRoutes_matchTheRoutesItServes() {
        Map<String, Set<String>> routesByFunction = apiRoutesByFunction();
        return functions.values().stream().filter(f -> routesByFunction.containsKey(f.logicalId()))
                .map(function -> DynamicTest.dynamicTest(function.logicalId(), () -> {
                    Set<String> served = new TreeSet<>();
                    for (String constant : reachable(function).stringConstants()) {
                        if (ROUTE.matcher(constant).matches()) {
                            served.add(constant);
                        }
                    }
                    assertThat(routesByFunction.get(function.logicalId())).as(function.logicalId()
                            + ": API methods in the template vs routes the handler serves").isEqualTo(served);
                }));
    }

    @Test
    void exportSchedules_whenTheirInputIsRendered_nameTheTasksExportHandlerRuns() throws Exception {
        Class<?> handler = load("org.emotionanalyser.tenants.handler.ExportHandler");
        Set<String> tasks = new TreeSet<>();
        for (String constant : List.of("DAILY_EXPORT", "WEEKLY_REMINDER")) {
            java.lang.reflect.Field field = handler.getDeclaredField(constant);
            field.setAccessible(true);
            tasks.add(String.valueOf(field.get(null)));
        }
        java.lang.reflect.Field taskField = handler.getDeclaredField("TASK");
        taskField.setAccessible(true);
        String taskKey = String.valueOf(taskField.get(null));

        Set<String> scheduled = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String rule : template.resourcesOfType("AWS::Events::Rule")) {
            for (Object target : StackFunctions.list(template.properties(rule).get("Targets"))) {
                Map<String, Object> t = StackFunctions.map(target);
                List<?> arn = StackFunctions.list(StackFunctions.map(t.get("Arn")).get("Fn::GetAtt"));
                if (!arn.isEmpty() && "ExportFunction".equals(arn.get(0))) {
                    String rendered = String.valueOf(StackFunctions.map(t.get("InputTransformer")).get("InputTemplate"))
                            .replace("<resources>", "[\"arn:aws:events:eu-west-1:123456789012:rule/x\"]")
                            .replaceAll("<[a-z]+>", "x");
                    JsonNode event = json.readTree(rendered);
                    assertThat(event.path("detail-type").asText()).as(rule).isEqualTo("Scheduled Event");
                    scheduled.add(event.path("detail").path(taskKey).asText());
                }
            }
        }
        assertThat(scheduled).as("detail." + taskKey + " of the export schedules").isEqualTo(tasks);
    }

    /** Function logical id -> "METHOD /path" of every API method integrated with it (through its alias). */
    private Map<String, Set<String>> apiRoutesByFunction() {
        Map<String, Set<String>> routes = new HashMap<>();
        for (String method : template.resourcesOfType("AWS::ApiGateway::Method")) {
            Map<String, Object> properties = template.properties(method);
            if (!"AWS_PROXY".equals(StackFunctions.map(properties.get("Integration")).get("Type"))) {
                continue; // CORS preflights (MOCK) are answered by API Gateway, not routed to a function
            }
            Object uriValue = StackFunctions.map(properties.get("Integration")).get("Uri");
            String uri = String.valueOf(StackFunctions.map(uriValue).get("Fn::Sub"));
            String alias = uri.replaceAll(".*functions/\\$\\{([A-Za-z0-9]+)}/invocations", "$1");
            String function = String.valueOf(StackFunctions.map(template.properties(alias).get("FunctionName"))
                    .get("Ref"));
            String path = template.apiPath(String.valueOf(StackFunctions.map(properties.get("ResourceId")).get("Ref")));
            routes.computeIfAbsent(function, k -> new TreeSet<>()).add(properties.get("HttpMethod") + " " + path);
        }
        return routes;
    }

    private ReachableCode reachable(StackFunctions.Function function) {
        return ReachableCode.fromHandler(function.handlerClass(), getClass().getClassLoader());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, FunctionCodeConsistencyTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " is named as a handler in the template but is not in the built jars", e);
        }
    }

    private static Constructor<?> publicConstructor(Class<?> type, Class<?>... parameters) {
        try {
            return type.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Answers every request as Secrets Manager's GetSecretValue would, with a generated-looking key. */
    private static final class SecretsStandIn implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        private SecretsStandIn(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static SecretsStandIn start() {
            try {
                com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    byte[] body = "{\"Name\":\"admin-key\",\"SecretString\":\"k3yFromTheSecret\"}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
                return new SecretsStandIn(server);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
