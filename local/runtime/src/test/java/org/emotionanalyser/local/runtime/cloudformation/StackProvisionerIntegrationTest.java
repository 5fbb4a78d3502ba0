package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.local.runtime.LocalAwsClients;
import org.emotionanalyser.local.runtime.ProvisionedStack;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables with global secondary indexes, provisioned from a template into DynamoDB Local. */
class StackProvisionerIntegrationTest {

    private static final String TEMPLATE = """
            Resources:
              ImagesTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub '${AWS::StackName}-images'
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: tenantId
                      AttributeType: S
                    - AttributeName: imageId
                      AttributeType: S
                    - AttributeName: listedAt
                      AttributeType: S
                  KeySchema:
                    - AttributeName: tenantId
                      KeyType: HASH
                    - AttributeName: imageId
                      KeyType: RANGE
                  GlobalSecondaryIndexes:
                    - IndexName: byTime
                      KeySchema:
                        - AttributeName: tenantId
                          KeyType: HASH
                        - AttributeName: listedAt
                          KeyType: RANGE
                      Projection:
                        ProjectionType: ALL
            """;

    private static DynamoDBProxyServer server;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(
                new String[]{"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
        dynamoDb = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", "us-east-1",
                        "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port,
                        "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"))
                .build(DynamoDbClient.builder(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamoDb.close();
        server.stop();
    }

    private static void provision(String stackName) {
        ProvisionedStack.provision(CloudFormationTemplate.parse(TEMPLATE), Map.of(),
                new PseudoParameters("us-east-1", "000000000000", stackName),
                new LocalAwsClients(null, dynamoDb, null, null, null));
    }

    @Test
    void provision_whenTableIsNew_createsItWithTheTemplatesIndex() {
        provision("fresh");

        List<GlobalSecondaryIndexDescription> indexes = dynamoDb.describeTable(b -> b.tableName("fresh-images"))
                .table().globalSecondaryIndexes();
        assertThat(indexes).extracting(GlobalSecondaryIndexDescription::indexName).containsExactly("byTime");
        assertThat(indexes.get(0).keySchema()).extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly("tenantId HASH", "listedAt RANGE");
    }

    @Test
    void provision_whenDataDirectoryHasTheTableWithoutTheIndex_addsTheIndexOverTheStoredItems() {
        // The table as an earlier template created it: same keys, no index; with an item already stored.
        dynamoDb.createTable(b -> b.tableName("older-images")
                .attributeDefinitions(a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("imageId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH),
                        k -> k.attributeName("imageId").keyType(KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamoDb.putItem(b -> b.tableName("older-images").item(Map.of("tenantId", AttributeValue.fromS("acme"),
                "imageId", AttributeValue.fromS("a1"), "listedAt", AttributeValue.fromS("2026-11-21T10:15:30.123Z#a1"))));

        provision("older");
        provision("older");

        List<GlobalSecondaryIndexDescription> indexes = dynamoDb.describeTable(b -> b.tableName("older-images"))
                .table().globalSecondaryIndexes();
        assertThat(indexes).extracting(GlobalSecondaryIndexDescription::indexName).containsExactly("byTime");
        assertThat(indexes.get(0).indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(dynamoDb.query(b -> b.tableName("older-images").indexName("byTime")
                .keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("acme")))).items())
                .extracting(item -> item.get("imageId").s()).containsExactly("a1");
    }
}
