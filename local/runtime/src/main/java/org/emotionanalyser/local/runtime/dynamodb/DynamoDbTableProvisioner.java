package org.emotionanalyser.local.runtime.dynamodb;

import org.emotionanalyser.local.runtime.cloudformation.PropertyValues;
import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.list;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.map;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.str;

/**
 * {@code AWS::DynamoDB::Table}: creates the table, its global secondary indexes and its TTL setting in DynamoDB
 * Local; on a table an earlier template created, adds the indexes it lacks, as a stack update would.
 */
public final class DynamoDbTableProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTableProvisioner.class);
    private static final String TABLE = "AWS::DynamoDB::Table";
    private static final Duration INDEX_BUILD_LIMIT = Duration.ofSeconds(120);
    private static final Duration INDEX_POLL = Duration.ofMillis(200);

    private final DynamoDbClient dynamoDb;

    /** @param dynamoDb a client against the local edge; {@code null} when nothing is provisioned */
    public DynamoDbTableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(TABLE, List.of("KeySchema", "AttributeDefinitions", "BillingMode", "ProvisionedThroughput",
                "GlobalSecondaryIndexes", "TimeToLiveSpecification"));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return TABLE.equals(r.type()) ? stack.name(r, "TableName") : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        return TABLE.equals(r.type()) && attribute.equals("Arn")
                ? stack.arn("dynamodb", "table/" + stack.name(r, "TableName")) : null;
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String table = stack.name(r, "TableName");
        boolean provisioned = "PROVISIONED".equals(p.get("BillingMode"));
        List<AttributeDefinition> attributes = list(p.get("AttributeDefinitions")).stream().map(PropertyValues::map)
                .map(a -> AttributeDefinition.builder().attributeName(str(a.get("AttributeName")))
                        .attributeType(str(a.get("AttributeType"))).build()).toList();
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(PropertyValues::map)
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
        TableDescription existing;
        try {
            existing = dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            existing = null;
        }
        if (existing != null) {
            LOG.info("table {} exists", table);
            addMissingIndexes(table, existing, attributes, indexes);
        } else {
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(table)
                    .keySchema(keySchema(p.get("KeySchema")))
                    .attributeDefinitions(attributes)
                    .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
            if (provisioned) {
                request.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
            }
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            dynamoDb.createTable(request.build());
            LOG.info("table {} created", table);
        }
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            String attribute = str(ttl.get("AttributeName"));
            String current = dynamoDb.describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().attributeName();
            if (!attribute.equals(current)) {
                dynamoDb.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            }
        }
    }

    /**
     * Creates the template's indexes that a table made by an earlier template lacks, as a stack update would, so a
     * data directory from before an index was added keeps working. DynamoDB fills a new index from the items
     * already stored; indexes the template no longer has are left alone.
     */
    private void addMissingIndexes(String table, TableDescription existing, List<AttributeDefinition> attributes,
                                   List<GlobalSecondaryIndex> indexes) {
        Set<String> present = new HashSet<>();
        existing.globalSecondaryIndexes().forEach(index -> present.add(index.indexName()));
        for (GlobalSecondaryIndex index : indexes) {
            if (present.contains(index.indexName())) {
                continue;
            }
            // One index per update: DynamoDB refuses to create several in one call.
            dynamoDb.updateTable(b -> b.tableName(table)
                    .attributeDefinitions(attributes)
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.indexName())
                                    .keySchema(index.keySchema())
                                    .projection(index.projection())
                                    .provisionedThroughput(index.provisionedThroughput())
                                    .build())
                            .build()));
            LOG.info("index {} added to table {}", index.indexName(), table);
            awaitActiveIndex(table, index.indexName());
        }
    }

    /** Queries on an index fail until it is built; the functions start right after provisioning. */
    private void awaitActiveIndex(String table, String indexName) {
        long deadline = System.nanoTime() + INDEX_BUILD_LIMIT.toNanos();
        while (true) {
            boolean active = dynamoDb.describeTable(b -> b.tableName(table)).table()
                    .globalSecondaryIndexes().stream()
                    .anyMatch(index -> index.indexName().equals(indexName)
                            && index.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TemplateException("index " + indexName + " of table " + table + " was not built within "
                        + INDEX_BUILD_LIMIT.toSeconds() + " s; start again to wait for it");
            }
            try {
                Thread.sleep(INDEX_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemplateException("interrupted while index " + indexName + " of table " + table
                        + " was being built; start again to wait for it");
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream().map(PropertyValues::map)
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
