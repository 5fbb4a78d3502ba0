package org.emotionanalyser.cloudformation.dynamodb;

import org.emotionanalyser.cloudformation.yaml.CloudFormationYaml;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DynamoDbTableLayoutTest {

    private static final Map<String, Object> TEMPLATE = CloudFormationYaml.parse("""
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              ImagesTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub 'app-${Stage}-images'
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: tenantId
                      AttributeType: S
                    - AttributeName: listedAt
                      AttributeType: S
                  KeySchema:
                    - AttributeName: tenantId
                      KeyType: HASH
                  GlobalSecondaryIndexes:
                    - IndexName: byTime
                      KeySchema:
                        - AttributeName: tenantId
                          KeyType: HASH
                        - AttributeName: listedAt
                          KeyType: RANGE
                      Projection:
                        ProjectionType: KEYS_ONLY
              CountersTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PROVISIONED
                  ProvisionedThroughput:
                    ReadCapacityUnits: 2
                    WriteCapacityUnits: 3
                  AttributeDefinitions:
                    - AttributeName: id
                      AttributeType: N
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
            """);

    @Test
    void declaredTables_whenTemplateHasOtherResources_givesOnlyTheTablesInTemplateOrder() {
        assertThat(DynamoDbTableLayout.declaredTables(TEMPLATE)).containsOnlyKeys("ImagesTable", "CountersTable");
        assertThat(DynamoDbTableLayout.declaredTables(TEMPLATE).keySet())
                .containsExactly("ImagesTable", "CountersTable");
    }

    @Test
    void createTableRequest_whenTableHasAnIndex_givesKeysAttributesAndTheIndex() {
        CreateTableRequest request = DynamoDbTableLayout.createTableRequest("test1-images",
                DynamoDbTableLayout.declaredTables(TEMPLATE).get("ImagesTable"));

        assertThat(request.tableName()).isEqualTo("test1-images");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("tenantId");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(request.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeType())
                .containsExactly("tenantId:S", "listedAt:S");
        GlobalSecondaryIndex index = request.globalSecondaryIndexes().get(0);
        assertThat(index.indexName()).isEqualTo("byTime");
        assertThat(index.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("tenantId:HASH", "listedAt:RANGE");
        assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(index.provisionedThroughput()).isNull();
        assertThat(request.provisionedThroughput()).isNull();
    }

    @Test
    void createTableRequest_whenProvisioned_givesTheThroughputAndNoIndexes() {
        CreateTableRequest request = DynamoDbTableLayout.createTableRequest("counters",
                DynamoDbTableLayout.declaredTables(TEMPLATE).get("CountersTable"));

        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
        assertThat(request.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
        assertThat(request.attributeDefinitions().get(0).attributeType()).isEqualTo(ScalarAttributeType.N);
        assertThat(request.hasGlobalSecondaryIndexes()).isFalse();
    }
}
