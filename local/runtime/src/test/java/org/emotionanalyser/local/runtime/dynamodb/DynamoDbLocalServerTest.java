package org.emotionanalyser.local.runtime.dynamodb;

import com.almworks.sqlite4java.SQLiteConnection;
import org.emotionanalyser.local.runtime.TestAwsClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DynamoDB Local on its SQLite file: written through a write-ahead log synced at checkpoints, held by one local mode
 * at a time, and still there after a restart or a crash; its in-process client sees the same tables and fails the
 * way the SDK does over HTTP.
 */
class DynamoDbLocalServerTest {

    @TempDir
    Path directory;

    @Test
    void start_whenFolderIsNew_writesThroughWriteAheadLogAndKeepsItemsAcrossRestart() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            createTable(dynamoDb, "photos");
            dynamoDb.putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS("a"),
                    "emotion", AttributeValue.fromS("HAPPY"))));
            assertThat(directory.resolve(DynamoDbLocalServer.SHARED_DATABASE_FILE + "-wal"))
                    .as("commits go to the write-ahead log").exists();
        }
        assertThat(journalModeOf(directory.resolve(DynamoDbLocalServer.SHARED_DATABASE_FILE))).isEqualTo("wal");

        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName("photos")
                    .key(Map.of("id", AttributeValue.fromS("a"))).consistentRead(true)).item();
            assertThat(item).containsEntry("emotion", AttributeValue.fromS("HAPPY"));
        }
    }

    @Test
    void start_whenStarted_syncsAtCheckpointsKeepsStatementJournalsInMemoryAndHoldsItsLocks() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory)) {
            assertThat(server.connectionSetting("synchronous")).as("SQLite's NORMAL").contains("1");
            assertThat(server.connectionSetting("temp_store")).as("SQLite's MEMORY").contains("2");
            assertThat(server.connectionSetting("locking_mode")).contains("exclusive");
        }
    }

    @Test
    void start_whenAnotherServerUsesTheFolder_failsNamingTheCause() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            createTable(aws.dynamoDb(), "photos");

            assertThatThrownBy(() -> DynamoDbLocalServer.start(directory))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is another local mode using this data folder?");
            // the first one goes on working
            aws.dynamoDb().putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS("a"))));
            assertThat(aws.dynamoDb().scan(b -> b.tableName("photos").consistentRead(true)).count()).isEqualTo(1);
        }
    }

    @Test
    void start_whenTheProcessDiedWithoutClosing_keepsEveryCommittedWrite(@TempDir Path afterCrash) throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            createTable(dynamoDb, "photos");
            for (int i = 0; i < 20; i++) {
                String id = "photo-" + i;
                dynamoDb.putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS(id))));
            }
            // the files as a killed process leaves them: whatever was written, with no close and no checkpoint
            copyDatabase(directory, afterCrash);
        }

        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(afterCrash);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            assertThat(aws.dynamoDb().scan(b -> b.tableName("photos").consistentRead(true)).count()).isEqualTo(20);
        }
    }

    @Test
    void start_whenFileWasWrittenInRollbackJournalMode_switchesItAndKeepsItsTables(@TempDir Path older)
            throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(older);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            createTable(aws.dynamoDb(), "older");
        }
        // a data folder as a local mode from before the switch left it: SQLite's default rollback journal (made
        // from a copy: DynamoDB Local may hold its connection to the first folder's file after its server closes)
        Path file = directory.resolve(DynamoDbLocalServer.SHARED_DATABASE_FILE);
        copyDatabase(older, directory);
        setJournalMode(file, "DELETE");
        assertThat(journalModeOf(file)).isEqualTo("delete");

        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            assertThat(journalModeOf(file)).isEqualTo("wal");
            assertThat(aws.dynamoDb().listTables().tableNames()).containsExactly("older");
        }
    }

    @Test
    void inProcessClient_whenWritingAndReading_sharesTheTablesOfTheHttpEndpoint() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            DynamoDbClient inProcess = server.inProcessClient().orElseThrow();
            createTable(aws.dynamoDb(), "photos");

            inProcess.putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS("a"),
                    "emotion", AttributeValue.fromS("HAPPY"))));
            aws.dynamoDb().putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS("b"),
                    "emotion", AttributeValue.fromS("SAD"))));

            assertThat(aws.dynamoDb().getItem(b -> b.tableName("photos").key(Map.of("id", AttributeValue.fromS("a")))
                    .consistentRead(true)).item()).containsEntry("emotion", AttributeValue.fromS("HAPPY"));
            assertThat(inProcess.getItem(b -> b.tableName("photos").key(Map.of("id", AttributeValue.fromS("b")))
                    .consistentRead(true)).item()).containsEntry("emotion", AttributeValue.fromS("SAD"));
        }
    }

    @Test
    void inProcessClient_whenARequestFails_throwsTheExceptionsTheSdkThrowsOverHttp() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            DynamoDbClient inProcess = server.inProcessClient().orElseThrow();
            createTable(aws.dynamoDb(), "photos");
            Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("a"));
            inProcess.putItem(b -> b.tableName("photos").item(item));

            // what the adapters' conditional writes (idempotency claims, catalogue rows) depend on
            assertThatThrownBy(() -> inProcess.putItem(b -> b.tableName("photos").item(item)
                    .conditionExpression("attribute_not_exists(id)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
            assertThatThrownBy(() -> inProcess.getItem(b -> b.tableName("missing").key(item)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> inProcess.putItem(b -> b.tableName("photos")
                    .item(Map.of("emotion", AttributeValue.fromS("HAPPY")))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("key");
        }
    }

    @Test
    void inProcessClient_whenAFunctionClosesIt_keepsServingEveryCaller() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(directory);
             TestAwsClients aws = new TestAwsClients(server.endpoint())) {
            DynamoDbClient inProcess = server.inProcessClient().orElseThrow();
            createTable(aws.dynamoDb(), "photos");

            inProcess.close();

            inProcess.putItem(b -> b.tableName("photos").item(Map.of("id", AttributeValue.fromS("a"))));
            assertThat(aws.dynamoDb().scan(b -> b.tableName("photos").consistentRead(true)).count()).isEqualTo(1);
            assertThat(inProcess.serviceName()).isEqualTo(DynamoDbClient.SERVICE_NAME);
        }
    }

    private static void createTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    /** Copies the database file and its write-ahead log, as far as they exist, from one data folder to another. */
    private static void copyDatabase(Path from, Path to) throws Exception {
        for (String suffix : new String[] {"", "-wal"}) {
            Path source = from.resolve(DynamoDbLocalServer.SHARED_DATABASE_FILE + suffix);
            if (Files.exists(source)) {
                Files.copy(source, to.resolve(DynamoDbLocalServer.SHARED_DATABASE_FILE + suffix));
            }
        }
    }

    /** The mode SQLite reads from the file's header: bytes 18 and 19 are 2 in write-ahead-log mode, 1 otherwise. */
    private static String journalModeOf(Path file) throws Exception {
        byte[] header = new byte[20];
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readNBytes(header, 0, header.length)).isEqualTo(header.length);
        }
        return header[18] == 2 && header[19] == 2 ? "wal" : "delete";
    }

    private static void setJournalMode(Path file, String mode) throws Exception {
        SQLiteConnection connection = new SQLiteConnection(file.toFile());
        try {
            connection.open(false);
            connection.exec("PRAGMA journal_mode=" + mode);
        } finally {
            connection.dispose();
        }
    }
}
