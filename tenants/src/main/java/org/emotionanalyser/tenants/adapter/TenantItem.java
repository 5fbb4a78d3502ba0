package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.domain.TenantsTable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

import java.time.Instant;

/**
 * A tenants-table item as the enhanced client maps it. The one definition of that table's attributes: everything
 * in this module that reads or writes tenants goes through {@link DynamoDbTenantDirectory}; the attributes the
 * reader (ingest) also reads are named by the shared {@link TenantsTable} contract.
 */
@DynamoDbBean
public class TenantItem {

    private String tenantId;
    private String name;
    private String keyHash;
    private String keySalt;
    private Double emotionThreshold;
    private Integer retentionDays;
    private String status;
    private String topicArn;
    private String queueUrl;
    private String queueArn;
    private String dlqUrl;
    private String dlqArn;
    private String ruleName;
    private String eventSourceMappingId;
    private String createdAt;
    private String usageKeyId;
    private String usageKeyValue;

    /** The item of a tenant. */
    static TenantItem from(Tenant tenant) {
        TenantItem item = new TenantItem();
        item.tenantId = tenant.tenantId();
        item.name = tenant.name();
        item.keyHash = tenant.keyHash();
        item.keySalt = tenant.keySalt();
        item.emotionThreshold = tenant.emotionThreshold();
        item.retentionDays = tenant.retentionDays();
        item.status = tenant.status().name();
        item.topicArn = tenant.topicArn();
        item.queueUrl = tenant.queueUrl();
        item.queueArn = tenant.queueArn();
        item.dlqUrl = tenant.dlqUrl();
        item.dlqArn = tenant.dlqArn();
        item.ruleName = tenant.ruleName();
        item.eventSourceMappingId = tenant.eventSourceMappingId();
        item.createdAt = tenant.createdAt().toString();
        item.usageKeyId = tenant.usageKeyId();
        item.usageKeyValue = tenant.usageKeyValue();
        return item;
    }

    /** The tenant; settings missing from an item written by hand fall back to the module defaults. */
    Tenant toTenant(double defaultEmotionThreshold, int defaultRetentionDays) {
        return new Tenant(tenantId, name, keyHash, keySalt,
                emotionThreshold == null ? defaultEmotionThreshold : emotionThreshold,
                retentionDays == null ? defaultRetentionDays : retentionDays,
                TenantStatus.ofStored(status),
                topicArn, queueUrl, queueArn, dlqUrl, dlqArn, ruleName, eventSourceMappingId,
                createdAt == null ? Instant.EPOCH : Instant.parse(createdAt), usageKeyId, usageKeyValue);
    }

    @DynamoDbPartitionKey
    @DynamoDbAttribute(TenantsTable.TENANT_ID)
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public void setKeyHash(String keyHash) {
        this.keyHash = keyHash;
    }

    public String getKeySalt() {
        return keySalt;
    }

    public void setKeySalt(String keySalt) {
        this.keySalt = keySalt;
    }

    public Double getEmotionThreshold() {
        return emotionThreshold;
    }

    public void setEmotionThreshold(Double emotionThreshold) {
        this.emotionThreshold = emotionThreshold;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    @DynamoDbAttribute(TenantsTable.STATUS)
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getTopicArn() {
        return topicArn;
    }

    public void setTopicArn(String topicArn) {
        this.topicArn = topicArn;
    }

    public String getQueueUrl() {
        return queueUrl;
    }

    public void setQueueUrl(String queueUrl) {
        this.queueUrl = queueUrl;
    }

    public String getQueueArn() {
        return queueArn;
    }

    public void setQueueArn(String queueArn) {
        this.queueArn = queueArn;
    }

    public String getDlqUrl() {
        return dlqUrl;
    }

    public void setDlqUrl(String dlqUrl) {
        this.dlqUrl = dlqUrl;
    }

    public String getDlqArn() {
        return dlqArn;
    }

    public void setDlqArn(String dlqArn) {
        this.dlqArn = dlqArn;
    }

    public String getRuleName() {
        return ruleName;
    }

    public void setRuleName(String ruleName) {
        this.ruleName = ruleName;
    }

    public String getEventSourceMappingId() {
        return eventSourceMappingId;
    }

    public void setEventSourceMappingId(String eventSourceMappingId) {
        this.eventSourceMappingId = eventSourceMappingId;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUsageKeyId() {
        return usageKeyId;
    }

    public void setUsageKeyId(String usageKeyId) {
        this.usageKeyId = usageKeyId;
    }

    public String getUsageKeyValue() {
        return usageKeyValue;
    }

    public void setUsageKeyValue(String usageKeyValue) {
        this.usageKeyValue = usageKeyValue;
    }
}
