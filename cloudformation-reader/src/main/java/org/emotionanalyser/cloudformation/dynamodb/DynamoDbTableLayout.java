package org.emotionanalyser.cloudformation.dynamodb;

import org.emotionanalyser.cloudformation.yaml.YamlValues;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;

/**
 * The layout of an {@code AWS::DynamoDB::Table} (keys, attribute types, global secondary indexes, billing) as the
 * CreateTable request that makes it. Local mode's provisioning and the tests that need the stack's tables both
 * create tables through it, so neither can lay a table out differently from the template that AWS deploys.
 *
 * <p>It reads properties as plain maps, lists and scalars, as {@link
 * org.emotionanalyser.cloudformation.yaml.CloudFormationYaml} gives them; intrinsic functions in these properties
 * must be resolved by the caller (the project's template uses none there).
 */
public final class DynamoDbTableLayout {

    /** The CloudFormation resource type this layout reads. */
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private DynamoDbTableLayout() {
    }

    /**
     * The tables a parsed template declares, by logical id, each with its properties, in template order.
     *
     * @param template a template as {@link org.emotionanalyser.cloudformation.yaml.CloudFormationYaml#parse} gives it
     */
    public static Map<String, Map<String, Object>> declaredTables(Map<String, Object> template) {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((logicalId, resource) -> {
            Map<String, Object> definition = map(resource);
            if (TABLE_TYPE.equals(definition.get("Type"))) {
                tables.put(logicalId, map(definition.get("Properties")));
            }
        });
        return tables;
    }

    /**
     * The CreateTable request for a table named {@code tableName} with these properties: key schema, attribute
     * definitions, billing mode (on-demand unless {@code PROVISIONED}, as CloudFormation defaults it) with its
     * throughput, and global secondary indexes (projection {@code ALL} unless given).
     */
    public static CreateTableRequest createTableRequest(String tableName, Map<String, Object> properties) {
        boolean provisioned = "PROVISIONED".equals(properties.get("BillingMode"));
        List<AttributeDefinition> attributes = list(properties.get("AttributeDefinitions")).stream()
                .map(YamlValues::map)
                .map(a -> AttributeDefinition.builder().attributeName(str(a.get("AttributeName")))
                        .attributeType(str(a.get("AttributeType"))).build()).toList();
        List<GlobalSecondaryIndex> indexes = list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(YamlValues::map)
                .map(i -> {
                    GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                            .indexName(str(i.get("IndexName")))
                            .keySchema(keySchema(i.get("KeySchema")))
                            .projection(projection(i.get("Projection")));
                    if (provisioned) {
                        index.provisionedThroughput(throughput(i.get("ProvisionedThroughput")));
                    }
                    return index.build();
                }).toList();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(keySchema(properties.get("KeySchema")))
                .attributeDefinitions(attributes)
                .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
        if (provisioned) {
            request.provisionedThroughput(throughput(properties.get("ProvisionedThroughput")));
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream().map(YamlValues::map)
                .map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName")))
                        .keyType(str(k.get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = map(value);
        Projection.Builder projection = Projection.builder()
                .projectionType(p.containsKey("ProjectionType") ? str(p.get("ProjectionType")) : "ALL");
        List<String> nonKey = list(p.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
        if (!nonKey.isEmpty()) {
            projection.nonKeyAttributes(nonKey);
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> t = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }
}
