package org.emotionanalyser.local.runtime.dynamodb;

import org.emotionanalyser.cloudformation.dynamodb.DynamoDbTableLayout;
import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;

/**
 * {@code AWS::DynamoDB::Table}: creates the table, its global secondary indexes and its TTL setting in DynamoDB
 * Local; on a table an earlier template created, adds the indexes it lacks, as a stack update would.
 */
public final class DynamoDbTableProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTableProvisioner.class);
    private static final String TABLE = DynamoDbTableLayout.TABLE_TYPE;
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
        CreateTableRequest request = DynamoDbTableLayout.createTableRequest(table, p);
        TableDescription existing;
        try {
            existing = dynamoDb.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            existing = null;
        }
        if (existing != null) {
            LOG.info("table {} exists", table);
            addMissingIndexes(table, existing, request.attributeDefinitions(), request.globalSecondaryIndexes());
        } else {
            dynamoDb.createTable(request);
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
}
