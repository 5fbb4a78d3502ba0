package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DynamoDB Local, in this JVM, in memory, on a free loopback port: started once for all integration tests of the
 * JVM and stopped when it exits. Each test gets its own set of tables under a fresh prefix, laid out as
 * docs/conventions.md defines them.
 */
public final class DynamoDbLocalServer {

    private static DynamoDbLocalServer shared;
    private static final AtomicInteger STACKS = new AtomicInteger();

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

    /** A fresh set of the module's tables, with the environment a tenants function would get for them. */
    public Stack newStack() {
        String prefix = "test" + STACKS.incrementAndGet();
        Stack stack = new Stack(prefix, this);
        create(stack.tenantsTable(), "tenantId", null);
        createImagesTable(stack.imagesTable());
        create(stack.idempotencyTable(), "id", null);
        for (Emotion emotion : Emotion.values()) {
            create(stack.emotionTable(emotion), "tenantId", "sk");
        }
        return stack;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** An enhanced client over {@link #client()}. */
    public DynamoDbEnhancedClient enhancedClient() {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    /** The images table with its time index, as the template declares it. */
    private void createImagesTable(String table) {
        createOnce(() -> client.createTable(request -> request.tableName(table)
                .attributeDefinitions(stringAttribute("tenantId"), stringAttribute("imageId"),
                        stringAttribute("listedAt"))
                .keySchema(key("tenantId", KeyType.HASH), key("imageId", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(DynamoDbImageCatalogue.TIME_INDEX)
                        .keySchema(key("tenantId", KeyType.HASH), key("listedAt", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private void create(String table, String partitionKey, String sortKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey)
                .attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey)
                    .attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        createOnce(() -> client.createTable(request -> request.tableName(table)
                .attributeDefinitions(attributes)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST)));
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
     * ...).
     */
    public record Stack(String prefix, DynamoDbLocalServer server) {

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
