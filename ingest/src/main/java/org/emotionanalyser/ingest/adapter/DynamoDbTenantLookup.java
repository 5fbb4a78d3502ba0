package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.TenantLookupUnavailableException;
import org.emotionanalyser.ingest.port.TenantLookup;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.domain.TenantsTable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.util.Map;

/**
 * {@link TenantLookup} on the tenants table, laid out as {@link TenantsTable} says: one consistent GetItem of the
 * tenant's id and status per upload, far cheaper than the analysis it may save. The id is read too so that an item
 * without a status (written by hand, ACTIVE to the tenants module) is told apart from no item.
 */
public record DynamoDbTenantLookup(DynamoDbClient dynamoDb, String tableName) implements TenantLookup {

    @Override
    public boolean acceptsUploads(String tenantId) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(request -> request.tableName(tableName)
                    .key(Map.of(TenantsTable.TENANT_ID, AttributeValue.fromS(tenantId)))
                    .projectionExpression("#id, #status")
                    .expressionAttributeNames(Map.of("#id", TenantsTable.TENANT_ID, "#status", TenantsTable.STATUS))
                    .consistentRead(true));
        } catch (SdkException e) {
            throw new TenantLookupUnavailableException("GetItem of tenant " + tenantId + " in " + tableName
                    + " failed: " + e.getMessage() + "; retry later, and check the function's role may read the "
                    + "tenants table", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return false;
        }
        AttributeValue status = response.item().get(TenantsTable.STATUS);
        try {
            return TenantStatus.ofStored(status == null ? null : status.s()).acceptsUploads();
        } catch (IllegalArgumentException unknown) {
            throw new TenantLookupUnavailableException("tenant " + tenantId + " in " + tableName + " has status "
                    + status.s() + ", which this reader does not know; deploy the reader and tenants functions "
                    + "from the same build", unknown);
        }
    }
}
