package org.emotionanalyser.router.adapter;

import org.emotionanalyser.router.port.IdempotencyStore;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * The idempotency table (partition key {@code id}): an item per key with {@code state} IN_PROGRESS or PUBLISHING
 * (and the lease's end in {@code leaseUntil}, epoch milliseconds) or COMPLETED, and a TTL in {@code expiresAt}.
 * Every transition is one conditional write, so two deliveries of the same image never both hold the key.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {

    private static final TableSchema<IdempotencyItem> SCHEMA = TableSchema.fromBean(IdempotencyItem.class);
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String PUBLISHING = "PUBLISHING";
    private static final String COMPLETED = "COMPLETED";
    /** An abandoned claim is deleted by TTL well after its lease, so a late retry still sees it expired. */
    private static final Duration ABANDONED_CLAIM_RETENTION = Duration.ofDays(1);

    private final DynamoDbTable<IdempotencyItem> table;

    public DynamoDbIdempotencyStore(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public Claim tryClaim(String key, Instant now, Duration lease) {
        IdempotencyItem claim = leased(key, IN_PROGRESS, now, lease);
        try {
            IdempotencyItem previous = table.putItemWithResponse(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                    .item(claim)
                    .returnValues(ReturnValue.ALL_OLD)
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(id) OR (#state IN (:inProgress, :publishing) "
                                    + "AND leaseUntil < :now)")
                            .putExpressionName("#state", "state")
                            .putExpressionValue(":inProgress", AttributeValue.fromS(IN_PROGRESS))
                            .putExpressionValue(":publishing", AttributeValue.fromS(PUBLISHING))
                            .putExpressionValue(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))
                            .build())
                    .build()).attributes();
            return previous != null && PUBLISHING.equals(previous.getState())
                    ? Claim.CLAIMED_AFTER_INTERRUPTED_PUBLISH : Claim.CLAIMED;
        } catch (ConditionalCheckFailedException held) {
            IdempotencyItem current = table.getItem(request -> request
                    .key(Key.builder().partitionValue(key).build())
                    .consistentRead(true));
            // Gone again (released between the two calls): someone was just working on it; retrying is safe.
            return current != null && COMPLETED.equals(current.getState()) ? Claim.COMPLETED : Claim.IN_PROGRESS;
        }
    }

    @Override
    public void markPublishing(String key, Instant now, Duration lease) {
        putIfStateIn(leased(key, PUBLISHING, now, lease), IN_PROGRESS, PUBLISHING);
    }

    @Override
    public void complete(String key, Instant expiresAt) {
        IdempotencyItem done = new IdempotencyItem();
        done.setId(key);
        done.setState(COMPLETED);
        done.setExpiresAt(expiresAt.getEpochSecond());
        table.putItem(done);
    }

    @Override
    public void release(String key) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(key).build())
                    .conditionExpression(stateIn(IN_PROGRESS))
                    .build());
            return;
        } catch (ConditionalCheckFailedException notInProgress) {
            // Completed, gone, or publishing: only the last still holds a lease to give up.
        }
        // Still publishing, but with a lease that has run out: the next delivery may claim it at once.
        IdempotencyItem expired = leased(key, PUBLISHING, Instant.EPOCH, Duration.ZERO);
        expired.setExpiresAt(Instant.now().plus(ABANDONED_CLAIM_RETENTION).getEpochSecond());
        try {
            putIfStateIn(expired, PUBLISHING);
        } catch (ConditionalCheckFailedException notHeld) {
            // Already completed or gone: there is nothing to give up.
        }
    }

    /**
     * Writes the item only while the stored one is in one of {@code states}.
     *
     * @throws ConditionalCheckFailedException when it is not (or there is none)
     */
    private void putIfStateIn(IdempotencyItem item, String... states) {
        table.putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class)
                .item(item)
                .conditionExpression(stateIn(states))
                .build());
    }

    /** The condition that the stored item's {@code state} is one of {@code states}. */
    private static Expression stateIn(String... states) {
        Expression.Builder condition = Expression.builder().putExpressionName("#state", "state");
        StringJoiner values = new StringJoiner(", ", "#state IN (", ")");
        for (int i = 0; i < states.length; i++) {
            values.add(":state" + i);
            condition.putExpressionValue(":state" + i, AttributeValue.fromS(states[i]));
        }
        return condition.expression(values.toString()).build();
    }

    /** An item held in {@code state} until {@code now + lease}, deleted by TTL a day after an abandoned lease. */
    private static IdempotencyItem leased(String key, String state, Instant now, Duration lease) {
        IdempotencyItem item = new IdempotencyItem();
        item.setId(key);
        item.setState(state);
        item.setLeaseUntil(now.plus(lease).toEpochMilli());
        item.setExpiresAt(now.plus(lease).plus(ABANDONED_CLAIM_RETENTION).getEpochSecond());
        return item;
    }

    /** An idempotency-table item as the enhanced client maps it. */
    @DynamoDbBean
    public static class IdempotencyItem {
        private String id;
        private String state;
        private Long leaseUntil;
        private Long expiresAt;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getState() {
            return state;
        }

        public void setState(String state) {
            this.state = state;
        }

        public Long getLeaseUntil() {
            return leaseUntil;
        }

        public void setLeaseUntil(Long leaseUntil) {
            this.leaseUntil = leaseUntil;
        }

        public Long getExpiresAt() {
            return expiresAt;
        }

        public void setExpiresAt(Long expiresAt) {
            this.expiresAt = expiresAt;
        }
    }
}
