package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.cloudformation.dynamodb.DynamoDbTableLayout;
import org.emotionanalyser.cloudformation.yaml.CloudFormationYaml;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.Emotion;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local, in this JVM, in memory, on a free loopback port: started once for all integration tests of the
 * JVM and stopped when it exits. Each test gets its own set of tables under a fresh stage name, created from the
 * {@code AWS::DynamoDB::Table} resources of the stack's template (infra-cloudformation/template.yaml) through the
 * project's one template reader, the way local mode provisions them: no test can pass against a key, attribute or
 * index the stack does not deploy.
 */
public final class DynamoDbLocalServer {

    /** The stack's template, relative to this module (tests run in the module's folder). */
    private static final Path TEMPLATE = Path.of("../infra-cloudformation/template.yaml");
    /** The template's table names are {@code Fn::Sub} strings over the stage parameter. */
    private static final String STAGE_VARIABLE = "${Stage}";
    /** What the template names a stage's resources ({@code emotion-analyser-<stage>-...}). */
    private static final String STACK_NAME_PREFIX = "emotion-analyser-";

    private static DynamoDbLocalServer shared;
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static Map<String, Map<String, Object>> templateTables;

    private final int port;
    private final DynamoDbClient client;

    private DynamoDbLocalServer(int port, DynamoDbClient client) {
        this.port = port;
        this.client = client;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized DynamoDbLocalServer shared() {
        if (shared == null) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[]{"-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is going away anyway
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
            }
            Map<String, String> env = baseEnvironment(port);
            // Generous: a CreateTable on a busy build machine can outlast a 5 s attempt, and the SDK's retry of it
            // then fails with "Cannot create preexisting table".
            shared = new DynamoDbLocalServer(port, AwsClientSettings.fromEnvironment(env)
                    .build(DynamoDbClient.builder(), Duration.ofSeconds(60)));
        }
        return shared;
    }

    private static Map<String, String> baseEnvironment(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        return env;
    }

    /** A free loopback port. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh set of the template's tables, named as the template names them for a stage of its own, with the
     * environment a tenants function would get for them.
     *
     * @throws IllegalStateException when a table the tenants code uses is not among the template's tables
     */
    public Stack newStack() {
        String stage = "test" + STACKS.incrementAndGet();
        Stack stack = new Stack(STACK_NAME_PREFIX + stage, this);
        Set<String> created = new LinkedHashSet<>();
        tablesOfTheTemplate().forEach((logicalId, properties) -> {
            String table = tableName(logicalId, properties, stage);
            createOnce(() -> client.createTable(DynamoDbTableLayout.createTableRequest(table, properties)));
            created.add(table);
        });
        List<String> missing = new ArrayList<>(stack.tables());
        missing.removeAll(created);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the tenants code uses tables " + missing + " that the template does "
                    + "not declare (it declares " + created + "); add them to infra-cloudformation/template.yaml");
        }
        return stack;
    }

    private static synchronized Map<String, Map<String, Object>> tablesOfTheTemplate() {
        if (templateTables == null) {
            try {
                templateTables = DynamoDbTableLayout.declaredTables(
                        CloudFormationYaml.parse(Files.readString(TEMPLATE)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stack template " + TEMPLATE
                        + "; the tenants tests run in the tenants folder of a full checkout", e);
            }
        }
        return templateTables;
    }

    /** The table's {@code TableName} ({@code !Sub 'emotion-analyser-${Stage}-...'}) for the given stage. */
    private static String tableName(String logicalId, Map<String, Object> properties, String stage) {
        Object name = properties.get("TableName");
        if (name instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String pattern) {
            String resolved = pattern.replace(STAGE_VARIABLE, stage);
            if (!resolved.contains("${")) {
                return resolved;
            }
        }
        throw new IllegalStateException("the template's " + logicalId + " is named " + name + "; these tests "
                + "name tables from !Sub strings over ${Stage} only");
    }

    public DynamoDbClient client() {
        return client;
    }

    /** An enhanced client over {@link #client()}. */
    public DynamoDbEnhancedClient enhancedClient() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    /**
     * Runs a CreateTable of a table no one else creates (names are unique per stack). On a loaded machine the
     * SDK's first attempt can time out after DynamoDB Local created the table, and its retry then meets the table:
     * that is the table this call made.
     */
    private static void createOnce(Runnable createTable) {
        try {
            createTable.run();
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException createdByTheFirstAttempt) {
            // The table exists, as asked.
        }
    }

    /**
     * One stack's table names ({@code P-tenants}, {@code P-images}, {@code P-idempotency}, {@code P-emotion-happy}
     * ...), as the tenants functions are configured with them; {@link #newStack()} checks that the template
     * declares each.
     */
    public record Stack(String prefix, DynamoDbLocalServer server) {

        /** Every table the tenants functions use. */
        public List<String> tables() {
            List<String> tables = new ArrayList<>(List.of(tenantsTable(), imagesTable(), idempotencyTable()));
            for (Emotion emotion : Emotion.values()) {
                tables.add(emotionTable(emotion));
            }
            return tables;
        }

        public String tenantsTable() {
            return prefix + "-tenants";
        }

        public String imagesTable() {
            return prefix + "-images";
        }

        public String idempotencyTable() {
            return prefix + "-idempotency";
        }

        public String emotionTablePrefix() {
            return prefix + "-emotion-";
        }

        public String emotionTable(Emotion emotion) {
            return emotionTablePrefix() + emotion.resourceSuffix();
        }

        /** The environment of a tenants function using these tables through DynamoDB Local. */
        public Map<String, String> environment(String resourcePrefix) {
            Map<String, String> env = baseEnvironment(server.port);
            env.put("RESOURCE_PREFIX", resourcePrefix);
            env.put("UPLOAD_BUCKET", prefix + "-images");
            env.put("TENANTS_TABLE", tenantsTable());
            env.put("IMAGES_TABLE", imagesTable());
            env.put("EMOTION_TABLE_PREFIX", emotionTablePrefix());
            env.put("IDEMPOTENCY_TABLE", idempotencyTable());
            return env;
        }
    }
}
