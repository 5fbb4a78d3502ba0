package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.domain.TenantsTable;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.tenants.port.TenantDirectory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenants table (partition key {@code tenantId}), read and written with the enhanced client. */
public final class DynamoDbTenantDirectory implements TenantDirectory {

    private static final TableSchema<TenantItem> SCHEMA = TableSchema.fromBean(TenantItem.class);
    private static final String LISTING = "tenants";
    private static final List<String> KEY_NAMES = List.of(TenantsTable.TENANT_ID);

    private final DynamoDbTable<TenantItem> table;
    private final double defaultEmotionThreshold;
    private final int defaultRetentionDays;

    /**
     * @param defaultEmotionThreshold used for items that lack the setting (written by hand)
     * @param defaultRetentionDays    used for items that lack the setting (written by hand)
     */
    public DynamoDbTenantDirectory(DynamoDbEnhancedClient client, String tableName, double defaultEmotionThreshold,
                                   int defaultRetentionDays) {
        this.table = client.table(tableName, SCHEMA);
        this.defaultEmotionThreshold = defaultEmotionThreshold;
        this.defaultRetentionDays = defaultRetentionDays;
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        TenantItem item = table.getItem(request -> request
                .key(Key.builder().partitionValue(tenantId).build())
                .consistentRead(true));
        return Optional.ofNullable(item).map(this::toTenant);
    }

    @Override
    public void save(Tenant tenant) {
        table.putItem(TenantItem.from(tenant));
    }

    @Override
    public boolean saveIfAbsent(Tenant tenant) {
        return ConditionalPuts.putIfAbsent(table, TenantItem.class, TenantItem.from(tenant), TenantsTable.TENANT_ID);
    }

    @Override
    public boolean replaceIfUnchanged(Tenant current, Tenant replacement) {
        Expression.Builder condition = Expression.builder()
                .putExpressionName("#status", TenantsTable.STATUS)
                .putExpressionValue(":status", AttributeValue.fromS(current.status().name()));
        if (current.keyHash() == null) {
            condition.expression("#status = :status AND attribute_not_exists(keyHash)");
        } else {
            condition.expression("#status = :status AND keyHash = :keyHash")
                    .putExpressionValue(":keyHash", AttributeValue.fromS(current.keyHash()));
        }
        return ConditionalPuts.putIf(table, TenantItem.class, TenantItem.from(replacement), condition.build());
    }

    @Override
    public Page<Tenant> list(int limit, String pageToken) {
        Limits.requirePageLimit(limit);
        ScanEnhancedRequest.Builder request = ScanEnhancedRequest.builder().limit(limit + 1).consistentRead(true);
        if (pageToken != null) {
            request.exclusiveStartKey(PageTokens.accept(pageToken, LISTING, null, KEY_NAMES, null));
        }
        Iterator<TenantItem> items = table.scan(request.build()).items().iterator();
        List<Tenant> tenants = new ArrayList<>();
        while (items.hasNext() && tenants.size() <= limit) {
            tenants.add(toTenant(items.next()));
        }
        if (tenants.size() <= limit) {
            return new Page<>(tenants, null);
        }
        tenants.remove(limit);
        Tenant last = tenants.get(limit - 1);
        return new Page<>(tenants, PageTokens.issue(LISTING, null,
                Map.of(TenantsTable.TENANT_ID, AttributeValue.fromS(last.tenantId()))));
    }

    @Override
    public void delete(String tenantId) {
        table.deleteItem(Key.builder().partitionValue(tenantId).build());
    }

    private Tenant toTenant(TenantItem item) {
        return item.toTenant(defaultEmotionThreshold, defaultRetentionDays);
    }
}
