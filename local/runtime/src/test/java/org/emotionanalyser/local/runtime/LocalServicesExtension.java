package org.emotionanalyser.local.runtime;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One set of local services for a whole test class: started on a free edge port in a data directory of its own
 * before the class's tests, with SDK clients ({@link TestAwsClients}) pointed at its edge, and stopped and deleted
 * after them. Register it on a static field with {@code @RegisterExtension}.
 */
public final class LocalServicesExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private LocalAwsServices services;
    private TestAwsClients clients;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("local-services-test");
        services = LocalAwsServices.start(
                new LocalServicesOptions(dataDir, 0, TestAwsClients.REGION, TestAwsClients.ACCOUNT));
        clients = new TestAwsClients(services.edgeEndpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        // beforeAll may have failed part-way: release only what it created.
        if (clients != null) {
            clients.close();
        }
        if (services != null) {
            services.close();
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    /** The running services, for tests that register handlers or read their endpoint. */
    public LocalAwsServices services() {
        return services;
    }

    public S3Client s3() {
        return clients.s3();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    EventBridgeClient events() {
        return clients.events();
    }

    public SnsClient sns() {
        return clients.sns();
    }

    /** A new presigner for the edge endpoint; the caller closes it. */
    S3Presigner presigner() {
        return clients.presigner();
    }

    /** The directory the services keep their state in. */
    public Path dataDir() {
        return dataDir;
    }

    private static void deleteRecursively(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
