package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.TenantLookupUnavailableException;
import org.emotionanalyser.ingest.port.TenantLookup;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.Map;

/**
 * {@link TenantLookup} on the tenants table (partition key {@code tenantId}): one consistent GetItem of the
 * {@code status} attribute per upload, far cheaper than the analysis it may save.
 */
public final class DynamoDbTenantLookup implements TenantLookup {

    /** The tenants module's tombstone status (see docs/conventions.md, tenants table). */
    static final String DELETING = "DELETING";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbTenantLookup(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public boolean isDeleted(String tenantId) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(request -> request.tableName(tableName)
                    .key(Map.of("tenantId", AttributeValue.fromS(tenantId)))
                    .projectionExpression("#status")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .consistentRead(true));
        } catch (SdkException e) {
            throw new TenantLookupUnavailableException("GetItem of tenant " + tenantId + " in " + tableName
                    + " failed: " + e.getMessage() + "; retry later, and check the function's role may read the "
                    + "tenants table", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return true;
        }
        AttributeValue status = response.item().get("status");
        return status != null && DELETING.equals(status.s());
    }
}
